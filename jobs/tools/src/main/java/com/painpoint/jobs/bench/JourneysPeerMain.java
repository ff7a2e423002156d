package com.painpoint.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.contracts.ClickstreamSchema;
import com.painpoint.features.journeys.JourneyAggregates;
import com.painpoint.features.journeys.JourneyColumns;
import com.painpoint.features.journeys.JourneyConfig;
import com.painpoint.features.journeys.Journeys;
import com.painpoint.features.spark.SparkSessions;
import com.painpoint.features.taxonomy.Taxonomy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Times, in one JVM on the same Parquet files, the journeys and friction stages in Spark, the same
 * work as DuckDB SQL, and the floor (Spark only reading the columns the stages need); checks that
 * Spark and DuckDB agree on the counts. Prints one {@code PEER key=value ...} line per measure and
 * one {@code CHECK ...} line per compared count, which {@code scripts/bench} parses.
 */
public final class JourneysPeerMain {
  private static final String USAGE =
      "usage: JourneysPeerMain --clickstream DIR --taxonomy FILE --run-date YYYY-MM-DD --work DIR"
          + " [--repeats 2]";

  /** The clickstream columns the journeys and friction stages read. */
  static final List<String> COLUMNS =
      List.of(
          ClickstreamSchema.EVENT_ID,
          ClickstreamSchema.CUSTOMER_ID,
          ClickstreamSchema.ANONYMOUS_ID,
          ClickstreamSchema.SESSION_ID,
          ClickstreamSchema.EVENT_TIME,
          ClickstreamSchema.EVENT_TYPE,
          ClickstreamSchema.URL,
          ClickstreamSchema.TARGET,
          ClickstreamSchema.STATUS_CODE,
          ClickstreamSchema.DURATION_MS);

  private JourneysPeerMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i], args[i + 1]);
    }
    if (!a.containsKey("--clickstream") || !a.containsKey("--work")) {
      System.err.println(USAGE);
      System.exit(3);
    }
    String clickstream = Path.of(a.get("--clickstream")).toAbsolutePath().toString();
    Taxonomy taxonomy = Taxonomy.load(Path.of(a.get("--taxonomy")));
    LocalDate runDate = LocalDate.parse(a.get("--run-date"));
    Path work = Path.of(a.get("--work")).toAbsolutePath();
    int repeats = Integer.parseInt(a.getOrDefault("--repeats", "2"));
    Files.createDirectories(work);
    long asOfMillis = runDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    JourneyConfig config = JourneyConfig.DEFAULTS;

    SparkSession spark = SparkSessions.forJob("painpoint-bench-journeys");
    try {
      int cores = spark.sparkContext().defaultParallelism();
      if (a.containsKey("--explain")) {
        // The physical plan of the Spark side, for profiling: exchanges, scans, window sorts.
        sparkPlan(spark, clickstream, taxonomy, config, asOfMillis).explain("formatted");
        return;
      }
      long events = spark.read().parquet(clickstream).count();
      System.out.println("PEER what=input events=" + events + " cores=" + cores);
      double floor = Double.MAX_VALUE;
      double sparkSeconds = Double.MAX_VALUE;
      double duckSeconds = Double.MAX_VALUE;
      Map<String, Long> sparkCounts = null;
      Map<String, Long> duckCounts = null;
      // Each measure runs `repeats` times, interleaved, and the fastest counts: the first pass of
      // each also warms the JIT and the OS file cache, which would otherwise favour whoever runs
      // last.
      for (int r = 0; r < repeats; r++) {
        floor = Math.min(floor, timeFloor(spark, clickstream));
        long t = System.nanoTime();
        sparkCounts = runSpark(spark, clickstream, taxonomy, config, asOfMillis, work);
        sparkSeconds = Math.min(sparkSeconds, (System.nanoTime() - t) / 1e9);
        t = System.nanoTime();
        duckCounts = runDuckDb(clickstream, taxonomy, config, asOfMillis, work, cores);
        duckSeconds = Math.min(duckSeconds, (System.nanoTime() - t) / 1e9);
      }
      System.out.printf(
          Locale.ROOT,
          "PEER what=times events=%d cores=%d spark_s=%.3f duckdb_s=%.3f floor_s=%.3f repeats=%d%n",
          events,
          cores,
          sparkSeconds,
          duckSeconds,
          floor,
          repeats);
      boolean allEqual = true;
      for (Map.Entry<String, Long> e : sparkCounts.entrySet()) {
        Long d = duckCounts.get(e.getKey());
        boolean eq = java.util.Objects.equals(e.getValue(), d);
        allEqual &= eq;
        System.out.printf(
            Locale.ROOT,
            "CHECK name=%s spark=%d duckdb=%d %s%n",
            e.getKey(),
            e.getValue(),
            d,
            eq ? "equal" : "DIFFER");
      }
      System.out.println("PEER what=check all_equal=" + allEqual);
    } finally {
      spark.stop();
    }
  }

  /** The floor: Spark reads the columns the stages need, and nothing else. */
  private static double timeFloor(SparkSession spark, String clickstream) {
    long t = System.nanoTime();
    spark
        .read()
        .parquet(clickstream)
        .select(COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new))
        .write()
        .format("noop")
        .mode(SaveMode.Overwrite)
        .save();
    return (System.nanoTime() - t) / 1e9;
  }

  /**
   * The journeys and friction stages as the nightly job runs them (persist, write
   * session_touchpoints, count, collect the friction table, write customer_friction), on the input
   * normalised as the clickstream contract does.
   */
  private static Map<String, Long> runSpark(
      SparkSession spark,
      String clickstream,
      Taxonomy taxonomy,
      JourneyConfig config,
      long asOfMillis,
      Path work) {
    Dataset<Row> st =
        sparkPlan(spark, clickstream, taxonomy, config, asOfMillis)
            .persist(StorageLevel.MEMORY_AND_DISK());
    st.write()
        .mode(SaveMode.Overwrite)
        .parquet(work.resolve("spark_session_touchpoints").toString());
    long rows = st.count();
    return collectCounts(spark, taxonomy, work, st, rows);
  }

  /** The journeys stage's plan on the clickstream, normalised as the clickstream contract does. */
  private static Dataset<Row> sparkPlan(
      SparkSession spark,
      String clickstream,
      Taxonomy taxonomy,
      JourneyConfig config,
      long asOfMillis) {
    Dataset<Row> raw = spark.read().parquet(clickstream);
    Dataset<Row> events =
        raw.select(
            id(ClickstreamSchema.EVENT_ID),
            id(ClickstreamSchema.CUSTOMER_ID),
            id(ClickstreamSchema.ANONYMOUS_ID),
            text(ClickstreamSchema.SESSION_ID),
            col(ClickstreamSchema.EVENT_TIME),
            id(ClickstreamSchema.EVENT_TYPE),
            text(ClickstreamSchema.URL),
            text(ClickstreamSchema.TARGET),
            col(ClickstreamSchema.STATUS_CODE),
            col(ClickstreamSchema.DURATION_MS));
    return Journeys.sessionTouchpoints(events, taxonomy, config, new Timestamp(asOfMillis));
  }

  private static Map<String, Long> collectCounts(
      SparkSession spark, Taxonomy taxonomy, Path work, Dataset<Row> st, long rows) {
    List<Row> table = JourneyAggregates.touchpointFriction(st, taxonomy).collectAsList();
    JourneyAggregates.customerFriction(st, taxonomy)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(work.resolve("spark_customer_friction").toString());
    long exposures =
        spark.read().parquet(work.resolve("spark_customer_friction").toString()).count();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("session_touchpoints", rows);
    counts.put("customer_friction", exposures);
    for (Row r : table) {
      String tp = r.getAs(JourneyColumns.TOUCHPOINT);
      counts.put(tp + ".sessions", r.<Long>getAs(JourneyColumns.SESSIONS));
      counts.put(tp + ".customers", r.<Long>getAs(JourneyColumns.CUSTOMERS));
      counts.put(tp + ".friction_sessions", r.<Long>getAs(JourneyColumns.FRICTION_SESSIONS));
      counts.put(tp + ".slow_threshold_ms", r.<Long>getAs(JourneyColumns.SLOW_THRESHOLD_MS));
    }
    st.unpersist();
    return counts;
  }

  private static Map<String, Long> runDuckDb(
      String clickstream,
      Taxonomy taxonomy,
      JourneyConfig config,
      long asOfMillis,
      Path work,
      int cores)
      throws SQLException {
    Path db = work.resolve("duckdb.db");
    try {
      Files.deleteIfExists(db);
      Files.deleteIfExists(work.resolve("duckdb.db.wal"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    // A file-backed database, like Spark's persist(MEMORY_AND_DISK): DuckDB may spill.
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement()) {
      s.execute("SET threads = " + cores);
      s.execute("SET TimeZone = 'UTC'");
      s.execute(
          DuckDbJourneys.sessionTouchpointsSql(
              clickstream + "/**/*.parquet", taxonomy, config, asOfMillis));
      s.execute(
          "COPY st TO '"
              + work.resolve("duckdb_session_touchpoints.parquet")
              + "' (FORMAT parquet)");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM st")) {
        rs.next();
        counts.put("session_touchpoints", rs.getLong(1));
      }
      List<Object[]> table = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(DuckDbJourneys.touchpointFrictionSql(taxonomy))) {
        while (rs.next()) {
          table.add(
              new Object[] {
                rs.getString("touchpoint"),
                rs.getLong("sessions"),
                rs.getLong("customers"),
                rs.getLong("friction_sessions"),
                rs.getObject("slow_threshold_ms") == null ? null : rs.getLong("slow_threshold_ms")
              });
        }
      }
      s.execute(
          "COPY ("
              + DuckDbJourneys.customerFrictionSql(taxonomy)
              + ") TO '"
              + work.resolve("duckdb_customer_friction.parquet")
              + "' (FORMAT parquet)");
      try (ResultSet rs =
          s.executeQuery(
              "SELECT count(*) FROM read_parquet('"
                  + work.resolve("duckdb_customer_friction.parquet")
                  + "')")) {
        rs.next();
        counts.put("customer_friction", rs.getLong(1));
      }
      for (Object[] r : table) {
        counts.put(r[0] + ".sessions", (Long) r[1]);
        counts.put(r[0] + ".customers", (Long) r[2]);
        counts.put(r[0] + ".friction_sessions", (Long) r[3]);
        counts.put(r[0] + ".slow_threshold_ms", (Long) r[4]);
      }
    }
    return counts;
  }

  /** An id as the contract normalises it: trimmed, lower-cased, blank as null. */
  private static Column id(String name) {
    Column v = lower(trim(col(name)));
    return when(v.notEqual(""), v).as(name);
  }

  /** Short text as the contract normalises it: trimmed, blank as null. */
  private static Column text(String name) {
    Column v = trim(col(name));
    return when(v.notEqual(""), v).as(name);
  }
}

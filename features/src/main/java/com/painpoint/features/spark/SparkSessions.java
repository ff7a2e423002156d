package com.painpoint.features.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds SparkSessions the way Painpoint needs them: UTC session time zone (dates and day
 * partitions do not depend on the machine), shuffle partitions sized by the night's input unless a
 * count is given, adaptive query execution off for a small input unless the setting is given, and
 * an embedded local master (without the Spark UI) only when none is set.
 */
public final class SparkSessions {
  /**
   * The fewest shuffle partitions a job uses when neither spark-submit nor the user sets {@code
   * spark.sql.shuffle.partitions}: enough for data-samples-scale inputs (2,000 customers, 160k
   * events), where Spark's own default of 200 makes a run several times slower. Larger inputs get
   * one partition per {@link #INPUT_BYTES_PER_PARTITION} ({@link #forInput}). The night's tables do
   * not depend on the count (rows are keyed or sorted by id before anything order-sensitive;
   * checked by scripts/cluster-test, whose cluster run uses 48 against the embedded run's 4).
   */
  public static final int DEFAULT_SHUFFLE_PARTITIONS = 4;

  /** Input bytes per shuffle partition when the count is derived from the input size. */
  public static final long INPUT_BYTES_PER_PARTITION = 32L << 20;

  /** The most shuffle partitions a derived count gives. */
  public static final int MAX_DERIVED_PARTITIONS = 400;

  /**
   * Set on a session whose shuffle partition count was not given, so {@link #forInput} may size it.
   */
  static final String DERIVED = "spark.painpoint.shufflePartitionsDerived";

  /** Set on a session whose adaptive execution setting was not given, so {@link #forInput} may. */
  static final String ADAPTIVE_DERIVED = "spark.painpoint.adaptiveDerived";

  static final String ADAPTIVE = "spark.sql.adaptive.enabled";

  /**
   * The most input bytes of a night that runs without adaptive query execution when the setting is
   * not given (and at most {@link #DEFAULT_SHUFFLE_PARTITIONS} partitions are): what that many
   * partitions hold. With that few partitions there is nothing for adaptive execution to coalesce
   * or split, while it still runs every shuffle as a query stage of its own: on data-samples it
   * made the night 161 s instead of 139 s (1,083 Spark jobs), with identical tables.
   */
  public static final long SMALL_INPUT_BYTES =
      DEFAULT_SHUFFLE_PARTITIONS * INPUT_BYTES_PER_PARTITION;

  private SparkSessions() {}

  /** A session for a job: keeps a master given by spark-submit, else runs embedded local[*]. */
  public static SparkSession forJob(String appName) {
    SparkSession.Builder b =
        SparkSession.builder().appName(appName).config("spark.sql.session.timeZone", "UTC");
    // spark-submit passes its settings to the driver as system properties, which SparkConf reads.
    SparkConf given = new SparkConf();
    if (!given.contains("spark.sql.shuffle.partitions")) {
      b.config("spark.sql.shuffle.partitions", String.valueOf(DEFAULT_SHUFFLE_PARTITIONS))
          .config(DERIVED, "true");
    }
    if (!given.contains(ADAPTIVE)) {
      b.config(ADAPTIVE_DERIVED, "true");
    }
    if (!given.contains("spark.master") && System.getenv("MASTER") == null) {
      b.master("local[*]").config("spark.ui.showConsoleProgress", "false");
      if (!given.contains("spark.ui.enabled")) {
        // An embedded run ends with its JVM: nobody opens its UI, and starting it costs a second.
        b.config("spark.ui.enabled", "false");
      }
    }
    return b.getOrCreate();
  }

  /**
   * The derived shuffle partition count for {@code inputBytes} of input: one per {@link
   * #INPUT_BYTES_PER_PARTITION}, at least {@link #DEFAULT_SHUFFLE_PARTITIONS}, at most {@link
   * #MAX_DERIVED_PARTITIONS}.
   */
  public static int partitionsFor(long inputBytes) {
    long n = (inputBytes + INPUT_BYTES_PER_PARTITION - 1) / INPUT_BYTES_PER_PARTITION;
    return (int) Math.max(DEFAULT_SHUFFLE_PARTITIONS, Math.min(MAX_DERIVED_PARTITIONS, n));
  }

  /**
   * Whether a night of {@code inputBytes} of input over {@code partitions} shuffle partitions runs
   * with adaptive query execution: off only for a small input over at most {@link
   * #DEFAULT_SHUFFLE_PARTITIONS} partitions. With more partitions given (e.g. 48 on a cluster)
   * adaptive execution coalesces them, which a small night needs more than one job fewer per
   * shuffle (the cluster test's run on data-samples: impact & ranking 20 s with it, 61 s without).
   */
  public static boolean adaptiveFor(long inputBytes, int partitions) {
    return inputBytes > SMALL_INPUT_BYTES || partitions > DEFAULT_SHUFFLE_PARTITIONS;
  }

  /**
   * Sizes a session made by {@link #forJob} for {@code inputBytes} of input: the shuffle partitions
   * when their count was not given ({@link #partitionsFor}), and adaptive query execution when its
   * setting was not given ({@link #adaptiveFor}). Returns the count the session uses, given or
   * derived.
   */
  public static int forInput(SparkSession spark, long inputBytes) {
    if (Boolean.parseBoolean(spark.conf().get(DERIVED, "false"))) {
      spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(partitionsFor(inputBytes)));
    }
    int partitions = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
    if (Boolean.parseBoolean(spark.conf().get(ADAPTIVE_DERIVED, "false"))) {
      spark.conf().set(ADAPTIVE, String.valueOf(adaptiveFor(inputBytes, partitions)));
    }
    return partitions;
  }

  /** Whether the session runs queries with adaptive execution. */
  public static boolean adaptive(SparkSession spark) {
    return Boolean.parseBoolean(spark.conf().get(ADAPTIVE, "true"));
  }

  /** A small local session for tests: local[2], UI off, loopback, two shuffle partitions. */
  public static SparkSession forTests(String appName) {
    return SparkSession.builder()
        .appName(appName)
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.adaptive.enabled", "false")
        .getOrCreate();
  }
}

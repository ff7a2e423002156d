package com.painpoint.jobs.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;

/**
 * Compares two run folders of the nightly job ({@code .../run_date=D}) and lists every difference:
 * each CSV byte for byte; report.html and summary.md byte for byte except their generation time;
 * every table (Parquet, or the JSON lines of {@code rejected/<source>/}) row for row, as a multiset
 * of JSON-rendered rows so doubles compare exactly; and every figure of manifest.json. What differs
 * between two correct runs is left out, and named: timestamps, stage durations, input paths (and
 * the {@code source_file} column of tables, which names them).
 */
public final class RunCompare {
  /** Folders that are not data tables: the MLlib model (metadata carries a timestamp and uid). */
  static final List<String> NOT_TABLES = List.of("churn_model");

  /** Columns that name input files: their paths differ between runs of the same data. */
  static final List<String> PATH_COLUMNS = List.of("source_file");

  /** Manifest fields that differ between two correct runs (as flattened paths, regex). */
  static final List<java.util.regex.Pattern> VOLATILE =
      List.of(
          java.util.regex.Pattern.compile("generated_at"),
          java.util.regex.Pattern.compile("options\\..*"),
          java.util.regex.Pattern.compile("inputs\\.[^.]+\\.path"),
          java.util.regex.Pattern.compile("stages\\[\\d+]\\.seconds"));

  /** The generation time printed in report.html and summary.md. */
  private static final java.util.regex.Pattern GENERATED =
      java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SHOWN = 5;

  private final SparkSession spark;

  public RunCompare(SparkSession spark) {
    this.spark = spark;
  }

  /** What was compared and how each item came out. */
  public record Report(List<String> matched, List<String> differences) {
    public boolean identical() {
      return differences.isEmpty();
    }
  }

  public Report compare(String left, String right) throws IOException {
    Path a = new Path(left);
    Path b = new Path(right);
    FileSystem fa = a.getFileSystem(spark.sparkContext().hadoopConfiguration());
    FileSystem fb = b.getFileSystem(spark.sparkContext().hadoopConfiguration());
    Map<String, FileStatus> inA = entries(fa, a);
    Map<String, FileStatus> inB = entries(fb, b);
    List<String> matched = new ArrayList<>();
    List<String> diffs = new ArrayList<>();
    for (String name : new TreeSet<>(union(inA.keySet(), inB.keySet()))) {
      FileStatus sa = inA.get(name);
      FileStatus sb = inB.get(name);
      if (sa == null || sb == null) {
        diffs.add(name + ": only in " + (sa == null ? right : left));
        continue;
      }
      if (name.endsWith(".csv")) {
        compareBytes(fa, sa.getPath(), fb, sb.getPath(), name, false, matched, diffs);
      } else if (name.endsWith(".html") || name.endsWith(".md")) {
        compareBytes(fa, sa.getPath(), fb, sb.getPath(), name, true, matched, diffs);
      } else if (name.equals("manifest.json")) {
        compareManifest(fa, sa.getPath(), fb, sb.getPath(), matched, diffs);
      } else if (NOT_TABLES.contains(name)) {
        matched.add(name + "/: not compared (a model folder, its metadata has a timestamp)");
      } else if (sa.isDirectory() && sb.isDirectory()) {
        compareFolder(fa, sa.getPath(), fb, sb.getPath(), name, matched, diffs);
      }
    }
    return new Report(matched, diffs);
  }

  /** A table folder is compared as a table; a folder of table folders, table by table. */
  private void compareFolder(
      FileSystem fa,
      Path a,
      FileSystem fb,
      Path b,
      String name,
      List<String> matched,
      List<String> diffs)
      throws IOException {
    String format = format(fa, a);
    if (format != null) {
      String other = format(fb, b);
      if (!format.equals(other)) {
        diffs.add(name + "/: " + format + " table vs " + other);
      } else if (format.equals("empty")) {
        matched.add(name + "/: empty in both");
      } else {
        compareTable(a, b, format, name, matched, diffs);
      }
      return;
    }
    Map<String, FileStatus> inA = entries(fa, a);
    Map<String, FileStatus> inB = entries(fb, b);
    for (String sub : union(inA.keySet(), inB.keySet())) {
      FileStatus sa = inA.get(sub);
      FileStatus sb = inB.get(sub);
      if (sa == null || sb == null) {
        diffs.add(name + "/" + sub + ": only in one run");
      } else if (sa.isDirectory() && sb.isDirectory()) {
        compareFolder(fa, sa.getPath(), fb, sb.getPath(), name + "/" + sub, matched, diffs);
      }
    }
  }

  private static Map<String, FileStatus> entries(FileSystem fs, Path dir) throws IOException {
    if (!fs.getFileStatus(dir).isDirectory()) {
      throw new IOException("not a run folder: " + dir);
    }
    Map<String, FileStatus> m = new TreeMap<>();
    for (FileStatus s : fs.listStatus(dir)) {
      m.put(s.getPath().getName(), s);
    }
    return m;
  }

  private static TreeSet<String> union(java.util.Set<String> x, java.util.Set<String> y) {
    TreeSet<String> u = new TreeSet<>(x);
    u.addAll(y);
    return u;
  }

  /**
   * "parquet" or "json" for a folder Spark wrote a table into, "empty" for one it wrote no part
   * file into, else null.
   */
  private static String format(FileSystem fs, Path dir) throws IOException {
    boolean success = false;
    for (FileStatus s : fs.listStatus(dir)) {
      String n = s.getPath().getName();
      if (n.startsWith("part-") && n.endsWith(".parquet")) {
        return "parquet";
      }
      if (n.startsWith("part-") && n.contains(".json")) {
        return "json";
      }
      success |= n.equals("_SUCCESS");
      // Partitioned tables: files one level down (col=value/part-*).
      if (s.isDirectory() && n.contains("=")) {
        String inner = format(fs, s.getPath());
        if (inner != null && !inner.equals("empty")) {
          return inner;
        }
      }
    }
    return success ? "empty" : null;
  }

  private static byte[] read(FileSystem fs, Path p) throws IOException {
    try (InputStream in = fs.open(p)) {
      return in.readAllBytes();
    }
  }

  private static void compareBytes(
      FileSystem fa,
      Path a,
      FileSystem fb,
      Path b,
      String name,
      boolean maskTime,
      List<String> matched,
      List<String> diffs)
      throws IOException {
    byte[] x = read(fa, a);
    byte[] y = read(fb, b);
    if (Arrays.equals(x, y)) {
      matched.add(name + ": byte-identical (" + x.length + " bytes)");
      return;
    }
    String tx = new String(x, java.nio.charset.StandardCharsets.UTF_8);
    String ty = new String(y, java.nio.charset.StandardCharsets.UTF_8);
    if (maskTime) {
      tx = GENERATED.matcher(tx).replaceAll("<time>");
      ty = GENERATED.matcher(ty).replaceAll("<time>");
      if (tx.equals(ty)) {
        matched.add(name + ": identical apart from its generation time (" + x.length + " bytes)");
        return;
      }
    }
    String[] lx = tx.split("\n", -1);
    String[] ly = ty.split("\n", -1);
    int line = 0;
    while (line < Math.min(lx.length, ly.length) && lx[line].equals(ly[line])) {
      line++;
    }
    diffs.add(
        name
            + ": differs from line "
            + (line + 1)
            + "\n    < "
            + (line < lx.length ? lx[line] : "(end of file)")
            + "\n    > "
            + (line < ly.length ? ly[line] : "(end of file)"));
  }

  private Dataset<String> rows(Path p, String format) {
    Dataset<org.apache.spark.sql.Row> t = spark.read().format(format).load(p.toString());
    for (String c : PATH_COLUMNS) {
      t = t.drop(c);
    }
    return t.toJSON();
  }

  private void compareTable(
      Path a, Path b, String format, String name, List<String> matched, List<String> diffs) {
    Dataset<String> x = rows(a, format).cache();
    Dataset<String> y = rows(b, format).cache();
    try {
      long nx = x.count();
      long ny = y.count();
      List<String> onlyX = x.exceptAll(y).limit(SHOWN).collectAsList();
      List<String> onlyY = y.exceptAll(x).limit(SHOWN).collectAsList();
      if (nx == ny && onlyX.isEmpty() && onlyY.isEmpty()) {
        matched.add(name + "/: identical rows (" + nx + ")");
        return;
      }
      StringBuilder d = new StringBuilder(name + "/: " + nx + " vs " + ny + " rows, rows differ");
      onlyX.forEach(r -> d.append("\n    < ").append(r));
      onlyY.forEach(r -> d.append("\n    > ").append(r));
      diffs.add(d.toString());
    } finally {
      x.unpersist();
      y.unpersist();
    }
  }

  private static void compareManifest(
      FileSystem fa, Path a, FileSystem fb, Path b, List<String> matched, List<String> diffs)
      throws IOException {
    Map<String, String> x = manifestFigures(JSON.readTree(read(fa, a)));
    Map<String, String> y = manifestFigures(JSON.readTree(read(fb, b)));
    List<String> d = new ArrayList<>();
    for (String k : union(x.keySet(), y.keySet())) {
      String vx = x.get(k);
      String vy = y.get(k);
      if (vx == null || !vx.equals(vy)) {
        d.add(k + ": " + vx + " vs " + vy);
      }
    }
    if (d.isEmpty()) {
      matched.add(
          "manifest.json: identical figures ("
              + x.size()
              + " values: counts, rejects by reason, outputs' rows, sentiment, themes, churn"
              + " metrics; not compared: generation time, stage durations, input paths)");
    } else {
      diffs.add("manifest.json figures differ:\n    " + String.join("\n    ", d));
    }
  }

  /**
   * Every value of the manifest as flattened path -> JSON text ("sources.crm.rows_read" -> "2002",
   * "stages[3].summary" -> "..."), without the {@link #VOLATILE} ones.
   */
  static Map<String, String> manifestFigures(JsonNode m) {
    Map<String, String> out = new TreeMap<>();
    flatten("", m, out);
    out.keySet().removeIf(k -> VOLATILE.stream().anyMatch(p -> p.matcher(k).matches()));
    return out;
  }

  private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
    if (n.isObject()) {
      n.fields()
          .forEachRemaining(
              e ->
                  flatten(
                      prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                      e.getValue(),
                      out));
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        flatten(prefix + "[" + i + "]", n.get(i), out);
      }
      if (n.isEmpty()) {
        out.put(prefix, "[]");
      }
    } else {
      out.put(prefix, n.toString());
    }
  }

  /** {@code RunCompare <run folder A> <run folder B>}: exit 0 when identical, 1 otherwise. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println(
          "usage: RunCompare <run folder A> <run folder B>   (.../run_date=YYYY-MM-DD)");
      System.exit(3);
    }
    SparkSession spark =
        SparkSession.builder()
            .appName("painpoint-run-compare")
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    Report r;
    try {
      r = new RunCompare(spark).compare(args[0], args[1]);
    } finally {
      spark.stop();
    }
    r.matched().forEach(m -> System.out.println("same  " + m));
    r.differences().forEach(d -> System.out.println("DIFF  " + d));
    System.out.println(
        (r.identical() ? "identical: " : "different: ")
            + r.matched().size()
            + " item(s) match, "
            + r.differences().size()
            + " differ");
    if (!r.identical()) {
      System.exit(1);
    }
  }
}

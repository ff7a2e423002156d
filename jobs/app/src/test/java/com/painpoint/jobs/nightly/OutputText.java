package com.painpoint.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Everything a run folder holds, as text: each Parquet dataset as its rows in JSON (read by Spark,
 * so compressed pages are searched too), every other file (CSV, JSON lines, HTML, Markdown,
 * manifest, model metadata) as UTF-8. Keys are paths relative to the run folder.
 */
final class OutputText {
  private OutputText() {}

  static Map<String, String> of(SparkSession spark, Path run) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(run)) {
      for (Path p : all.toList()) {
        String rel = run.relativize(p).toString();
        String name = p.getFileName().toString();
        if (Files.isDirectory(p)) {
          if (hasParquet(p)) {
            List<String> rows = spark.read().parquet(p.toString()).toJSON().collectAsList();
            out.put(rel, String.join("\n", rows));
          } else if (hasJsonParts(p)) {
            out.put(rel, readParts(p));
          }
        } else if (!name.endsWith(".parquet")
            && !name.endsWith(".crc")
            && !name.startsWith("part-")) {
          out.put(rel, Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Every output except what legitimately carries the run's time: the manifest (timestamps, stage
   * timings), the report and summary (compared without their timestamp, see {@link
   * #withoutTimestamps}) and MLlib's model metadata (save timestamp and random stage uids; uids in
   * folder names are masked). Parquet rows are compared in a stable order.
   */
  static Map<String, String> comparable(Map<String, String> outputs) {
    Map<String, String> m = new TreeMap<>();
    outputs.forEach(
        (k, v) -> {
          if (!k.equals("manifest.json")
              && !k.equals("report.html")
              && !k.equals("summary.md")
              && !k.contains("metadata")) {
            // MLlib names model stage folders after random uids ("1_logreg_912685e3d131").
            m.put(
                k.replaceAll("_[0-9a-f]{12}(?=/|$)", "_<uid>"),
                v.lines().sorted().collect(java.util.stream.Collectors.joining("\n")));
          }
        });
    return m;
  }

  /** The report's only run-dependent text: its generation time, "2026-11-22 20:47 UTC". */
  static String withoutTimestamps(String report) {
    assertThat(report).containsPattern("generated \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
    return report.replaceAll("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC", "<generated>");
  }

  private static boolean hasParquet(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
    }
  }

  private static boolean hasJsonParts(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(OutputText::isTextPart);
    }
  }

  private static boolean isTextPart(Path f) {
    String n = f.getFileName().toString();
    return n.startsWith("part-") && !n.endsWith(".parquet") && !n.endsWith(".crc");
  }

  private static String readParts(Path dir) throws IOException {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.sorted().toList()) {
        if (isTextPart(f)) {
          b.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
        }
      }
    }
    return b.toString();
  }
}

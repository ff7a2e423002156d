package com.painpoint.jobs.nightly;

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

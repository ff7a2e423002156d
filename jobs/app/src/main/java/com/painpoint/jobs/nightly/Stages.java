package com.painpoint.jobs.nightly;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the job's stages one after another: names each in the Spark UI (job group), logs when it
 * starts and ends with its figures, and records its duration for the manifest.
 */
final class Stages {
  private static final Logger LOG = LoggerFactory.getLogger("painpoint");

  private final JavaSparkContext sc;
  private final int total;
  private final List<Map<String, Object>> timings = new ArrayList<>();
  private int index;

  Stages(SparkSession spark, int total) {
    this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.total = total;
  }

  /** Runs one stage; {@code work} returns a one-line summary of what it produced. */
  <T> T run(String name, String description, Supplier<Result<T>> work) {
    index++;
    LOG.info("stage {}/{} {}: {}", index, total, name, description);
    sc.setJobGroup("painpoint:" + name, description, false);
    long start = System.nanoTime();
    HaltHook.reached("stage:" + name);
    try {
      Result<T> r = work.get();
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("stage", name);
      t.put("seconds", Math.round(seconds * 100) / 100.0);
      t.put("summary", r.summary());
      timings.add(t);
      LOG.info(
          "stage {}/{} {} done in {}s: {}",
          index,
          total,
          name,
          String.format("%.1f", seconds),
          r.summary());
      return r.value();
    } finally {
      sc.clearJobGroup();
    }
  }

  /** Progress inside a stage (e.g. each source, each output written). */
  void progress(String message, Object... args) {
    LOG.info("  " + message, args);
  }

  List<Map<String, Object>> timings() {
    return timings;
  }

  /** What a stage returns: its value and a one-line summary for the log and the manifest. */
  record Result<T>(T value, String summary) {}
}

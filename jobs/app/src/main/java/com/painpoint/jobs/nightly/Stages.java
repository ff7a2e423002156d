package com.painpoint.jobs.nightly;

import com.painpoint.jobs.io.HaltHook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the night's stages one after another: names each in the Spark UI (job group), logs when it
 * starts and ends with its summary, and records its duration and outputs for the manifest.
 */
final class Stages {
  private static final Logger LOG = LoggerFactory.getLogger("painpoint");

  private final JavaSparkContext sc;
  private final int total;
  private final List<Timing> timings = new ArrayList<>();
  private final Map<String, Output> outputs = new LinkedHashMap<>();
  private int index;

  /** One stage's duration and summary, as the manifest lists them. */
  record Timing(String stage, double seconds, String summary) {}

  /** One dataset the run wrote: its path under the run folder and its rows. */
  record Output(String path, long rows) {}

  Stages(SparkSession spark, int total) {
    this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.total = total;
  }

  /** Runs one stage and returns its result. */
  <R extends StageResult> R run(NightStage<R> stage, RunContext ctx) {
    index++;
    String name = stage.name();
    LOG.info("stage {}/{} {}: {}", index, total, name, stage.description());
    sc.setJobGroup("painpoint:" + name, stage.description(), false);
    long start = System.nanoTime();
    HaltHook.reached("stage:" + name);
    try {
      R r = stage.run(ctx);
      double seconds = (System.nanoTime() - start) / 1e9;
      timings.add(new Timing(name, Math.round(seconds * 100) / 100.0, r.summary()));
      r.outputs().forEach((d, rows) -> outputs.put(d.fileName(), new Output(d.fileName(), rows)));
      LOG.info(
          "stage {}/{} {} done in {}s: {}",
          index,
          total,
          name,
          String.format("%.1f", seconds),
          r.summary());
      return r;
    } finally {
      sc.clearJobGroup();
    }
  }

  /** Progress inside a stage (e.g. each source, each output written). */
  void progress(String message, Object... args) {
    LOG.info("  " + message, args);
  }

  List<Timing> timings() {
    return List.copyOf(timings);
  }

  Map<String, Output> outputs() {
    return new LinkedHashMap<>(outputs);
  }
}

package com.painpoint.jobs.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The targets, each with the measured figure, PASS or MISS, and, when missed, what stands
 * in the way and by how much.
 */
final class Targets {
  private Targets() {}

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> check(Map<String, Object> results) {
    Map<String, Object> peers = (Map<String, Object>) results.get("peers");
    Map<String, Object> sentiment = (Map<String, Object>) peers.get("sentiment");
    Map<String, Object> journeys = (Map<String, Object>) peers.get("journeys");
    Map<String, Object> growth = (Map<String, Object>) results.get("growth");
    Map<String, Object> mid = (Map<String, Object>) results.get("mid_size");
    List<Map<String, Object>> out = new ArrayList<>();

    // scripts/bench-sentiment's RESULT keys: ratio_<corpus> is the stage's sentences/s per core
    // against the stock pipeline's on one core, on the same texts in one run.
    int cores = ((Number) sentiment.getOrDefault("cores", 0)).intValue();
    double sst2 = num(sentiment.get("ratio_sst2"));
    out.add(
        target(
            "sentiment_vs_stock_corenlp_sst2",
            ">= 10.0x per core",
            sst2,
            sst2 >= 10.0,
            String.format(
                Locale.ROOT,
                "on the SST-2 dev sentences the stage scores %.1f sentences/s on %d cores against"
                    + " the stock pipeline's %.1f on one; it needs %.2fx more speed per core. The"
                    + " encoder scorer alone is %.1fx; the rest is Spark's fixed cost per run",
                num(sentiment.get("sst2_encoder_sps")),
                cores,
                num(sentiment.get("sst2_stock_sps")),
                10.0 / sst2,
                num(sentiment.get("scorer_ratio_sst2")))));
    double shortTexts = num(sentiment.get("ratio_short"));
    out.add(
        target(
            "sentiment_vs_stock_corenlp_short",
            ">= 4.0x per core",
            shortTexts,
            shortTexts >= 4.0,
            String.format(
                Locale.ROOT,
                "on short texts (tweets) the stage scores %.1f sentences/s on %d cores against the"
                    + " stock pipeline's %.1f on one; it needs %.2fx more speed per core",
                num(sentiment.get("short_encoder_sps")),
                cores,
                num(sentiment.get("short_stock_sps")),
                4.0 / shortTexts)));

    double spark = num(journeys.get("spark_seconds"));
    double duck = num(journeys.get("duckdb_seconds"));
    double floor = num(journeys.get("floor_seconds"));
    out.add(
        target(
            "journeys_vs_duckdb",
            "<= " + JOURNEYS_VS_DUCKDB + "x",
            spark / duck,
            spark / duck <= JOURNEYS_VS_DUCKDB,
            String.format(
                Locale.ROOT,
                "Spark %.1f s against DuckDB %.1f s on the same Parquet: %.1f s (%.0f%%) over the"
                    + " %.0fx budget of %.1f s",
                spark,
                duck,
                spark - JOURNEYS_VS_DUCKDB * duck,
                100 * (spark - JOURNEYS_VS_DUCKDB * duck) / spark,
                JOURNEYS_VS_DUCKDB,
                JOURNEYS_VS_DUCKDB * duck)));
    out.add(
        target(
            "journeys_vs_scan_floor",
            "<= " + JOURNEYS_VS_FLOOR + "x",
            spark / floor,
            spark / floor <= JOURNEYS_VS_FLOOR,
            String.format(
                Locale.ROOT,
                "Spark %.1f s against a %.1f s scan of the needed columns: %.1f s over the %.0fx"
                    + " budget of %.1f s",
                spark,
                floor,
                spark - JOURNEYS_VS_FLOOR * floor,
                JOURNEYS_VS_FLOOR,
                JOURNEYS_VS_FLOOR * floor)));

    // Only a measured mid-size night (--mid-size) decides the targets set on it; anything else
    // is extrapolated from scales where fixed costs dominate, and says NOT MEASURED.
    List<Map<String, Object>> scales = (List<Map<String, Object>>) results.get("scales");
    Map<String, Object> largest = scales.get(scales.size() - 1);
    boolean reachedMidSize = Growth.size(largest) >= BenchMain.MID_CUSTOMERS;
    out.add(growth((Map<String, Object>) results.get("growth"), scales, reachedMidSize));

    boolean measured = "measured".equals(mid.get("kind"));
    List<Map<String, Object>> midStages =
        new ArrayList<>((List<Map<String, Object>>) mid.get("stages"));
    // End to end: the JVM's wall time when measured (Spark start and stop included).
    double midSeconds = num(measured ? mid.get("jvm_seconds") : mid.get("seconds"));
    // The target night has 20M events and 30k new texts; the generator's 200k customers come
    // close but not exactly, so a measured night is also scaled to the target's volume: the
    // event stages by events, the text stages by texts (never scaled down).
    double atVolume = midSeconds;
    String volume = "";
    if (measured) {
      double eventFactor = Math.max(1, BenchMain.MID_EVENTS / num(mid.get("events")));
      double textFactor = Math.max(1, BenchMain.MID_TEXTS / num(mid.get("feedback")));
      for (Map<String, Object> st : midStages) {
        String stage = (String) st.get("stage");
        double f =
            List.of("contracts", "journeys", "friction").contains(stage)
                ? eventFactor
                : List.of("sentiment", "themes").contains(stage) ? textFactor : 1;
        atVolume += num(st.get("seconds")) * (f - 1);
      }
      volume =
          String.format(
              Locale.ROOT,
              "measured %.0f s on %,d events and %,d new texts; scaled to the target's %,d"
                  + " events and %,d texts, about %.0f s: ",
              midSeconds,
              (long) num(mid.get("events")),
              (long) num(mid.get("feedback")),
              (long) BenchMain.MID_EVENTS,
              (long) BenchMain.MID_TEXTS,
              atVolume);
    }
    midStages.sort(Comparator.comparingDouble(st -> -num(st.get("seconds"))));
    List<String> top = new ArrayList<>();
    for (Map<String, Object> st : midStages.subList(0, Math.min(3, midStages.size()))) {
      top.add(String.format(Locale.ROOT, "%s %.0f s", st.get("stage"), num(st.get("seconds"))));
    }
    boolean holds = atVolume <= BenchMain.MID_TARGET_SECONDS;
    String budget = String.format(Locale.ROOT, "%.0f s", BenchMain.MID_TARGET_SECONDS);
    Map<String, Object> midTarget =
        target(
            "mid_size_night",
            "<= "
                + budget
                + " end to end (200k customers, 20M events, 30k texts, 2 cores, 6 GB driver); "
                + mid.get("kind"),
            midSeconds,
            holds,
            !measured,
            measured
                ? String.format(
                    Locale.ROOT,
                    "%s%.0f s %s the %s budget; largest stages: %s",
                    volume,
                    Math.abs(atVolume - BenchMain.MID_TARGET_SECONDS),
                    holds ? "within" : "over",
                    budget,
                    String.join(", ", top))
                : notMeasured(String.format(Locale.ROOT, "%s %.0f s", mid.get("kind"), atVolume)));
    // The figure the target is judged on (the end-to-end seconds scaled to the target's volume).
    midTarget.put("judged_seconds", BenchMain.round2(atVolume));
    out.add(midTarget);

    double rss = reachedMidSize ? num(largest.get("peak_rss_mb")) : Double.NaN;
    out.add(
        target(
            "mid_size_driver_memory",
            "<= "
                + (long) MID_DRIVER_MB
                + " MB peak resident driver memory (heap "
                + largest.get("heap")
                + ")",
            rss,
            rss <= MID_DRIVER_MB,
            !reachedMidSize,
            reachedMidSize
                ? String.format(
                    Locale.ROOT,
                    "the driver's resident set peaked at %.0f MB, %.0f MB over; in local mode the"
                        + " driver JVM is also the executor, so the heap, Spark's off-heap"
                        + " buffers and the encoder's ONNX session all count",
                    rss,
                    rss - MID_DRIVER_MB)
                : notMeasured("largest scale " + (long) Growth.size(largest) + " customers")));

    Map<String, Object> contracts = reachedMidSize ? stage(largest, "contracts") : Map.of();
    double rowsPerSecond = num(contracts.get("rows_per_second"));
    out.add(
        target(
            "mid_size_contracts_rows_per_second",
            String.format(Locale.ROOT, ">= %,d rows/s", (long) CONTRACTS_ROWS_PER_SECOND),
            rowsPerSecond,
            rowsPerSecond >= CONTRACTS_ROWS_PER_SECOND,
            !reachedMidSize,
            reachedMidSize
                ? String.format(
                    Locale.ROOT,
                    "%,.0f rows in %.1f s; at the target's rate they take %.1f s, so %.1f s (%.1fx)"
                        + " too slow",
                    num(contracts.get("rows")),
                    num(contracts.get("seconds")),
                    num(contracts.get("rows")) / CONTRACTS_ROWS_PER_SECOND,
                    num(contracts.get("seconds"))
                        - num(contracts.get("rows")) / CONTRACTS_ROWS_PER_SECOND,
                    CONTRACTS_ROWS_PER_SECOND / rowsPerSecond)
                : notMeasured("largest scale " + (long) Growth.size(largest) + " customers")));

    double churn = reachedMidSize ? Growth.cost(largest, "churn") : Double.NaN;
    out.add(
        target(
            "mid_size_churn_seconds",
            "<= " + (long) CHURN_SECONDS + " s (churn & ranking)",
            churn,
            churn <= CHURN_SECONDS,
            !reachedMidSize,
            reachedMidSize
                ? String.format(
                    Locale.ROOT,
                    "%.1f s, %.1f s over; the model fits (logistic regressions, boosted trees,"
                        + " calibration) are many small Spark jobs, most of it fixed cost per job",
                    churn,
                    churn - CHURN_SECONDS)
                : notMeasured("largest scale " + (long) Growth.size(largest) + " customers")));
    return out;
  }

  /** Issue 22's targets. */
  static final double JOURNEYS_VS_DUCKDB = 3.0;

  static final double JOURNEYS_VS_FLOOR = 4.0;
  static final double GROWTH_PER_STAGE = 1.05;
  static final double MID_DRIVER_MB = 6144;
  static final double CONTRACTS_ROWS_PER_SECOND = 400_000;
  static final double CHURN_SECONDS = 30;

  private static String notMeasured(String instead) {
    return "not measured: "
        + instead
        + "; only a measured mid-size night (scripts/bench --mid-size) decides this target";
  }

  /**
   * Growth per stage from the largest scale below the mid-size night to the mid-size night (16k to
   * 200k customers with --mid-size): at the small scales fixed costs hide the per-row cost.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> growth(
      Map<String, Object> growth, List<Map<String, Object>> scales, boolean reachedMidSize) {
    Map<String, Object> stages = (Map<String, Object>) growth.get("stages");
    String from =
        scales.size() < 2 ? "?" : String.valueOf((long) Growth.size(scales.get(scales.size() - 2)));
    String to = String.valueOf((long) Growth.size(scales.get(scales.size() - 1)));
    double worst = Double.NEGATIVE_INFINITY;
    List<String> steep = new ArrayList<>();
    for (Map.Entry<String, Object> e : stages.entrySet()) {
      List<Number> steps = (List<Number>) ((Map<String, Object>) e.getValue()).get("steps");
      if (steps == null || steps.isEmpty()) {
        continue;
      }
      double k = steps.get(steps.size() - 1).doubleValue();
      worst = Math.max(worst, k);
      if (k > GROWTH_PER_STAGE) {
        steep.add(String.format(Locale.ROOT, "%s %.2f", e.getKey(), k));
      }
    }
    double measured = worst == Double.NEGATIVE_INFINITY ? Double.NaN : worst;
    return target(
        "growth_per_stage",
        "<= " + GROWTH_PER_STAGE + " per stage, 16k to 200k customers (largest exponent)",
        measured,
        measured <= GROWTH_PER_STAGE,
        !reachedMidSize,
        reachedMidSize
            ? "stages growing faster than "
                + GROWTH_PER_STAGE
                + " from "
                + from
                + " to "
                + to
                + " customers: "
                + String.join(", ", steep)
            : notMeasured(
                String.format(
                    Locale.ROOT,
                    "largest exponent %.2f between %s and %s customers, where fixed costs (job"
                        + " scheduling, model fitting, JVM warm-up) hide the per-row cost",
                    measured,
                    from,
                    to)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> stage(Map<String, Object> scale, String name) {
    for (Map<String, Object> s : (List<Map<String, Object>>) scale.get("stages")) {
      if (name.equals(s.get("stage"))) {
        return s;
      }
    }
    return Map.of();
  }

  private static Map<String, Object> target(
      String name, String goal, double measured, boolean holds, String inTheWay) {
    return target(name, goal, measured, holds, false, inTheWay);
  }

  private static Map<String, Object> target(
      String name,
      String goal,
      double measured,
      boolean holds,
      boolean notMeasured,
      String inTheWay) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("target", name);
    t.put("goal", goal);
    // Not measured at all (no mid-size scale): null, not a number that looks like a figure.
    t.put("measured", Double.isNaN(measured) ? null : BenchMain.round2(measured));
    t.put("status", notMeasured ? "NOT MEASURED" : holds ? "PASS" : "MISS");
    t.put("in_the_way", holds && !notMeasured ? "" : inTheWay);
    return t;
  }

  static double num(Object o) {
    return o == null ? Double.NaN : ((Number) o).doubleValue();
  }

  @SuppressWarnings("unchecked")
  static String resultLine(Map<String, Object> results) {
    StringBuilder b = new StringBuilder("RESULT");
    b.append(" mode=").append(results.get("mode"));
    for (Map<String, Object> s : (List<Map<String, Object>>) results.get("scales")) {
      b.append(" c").append(s.get("customers")).append("_s=").append(s.get("stages_seconds"));
      b.append(" c")
          .append(s.get("customers"))
          .append("_peak_rss_mb=")
          .append(s.get("peak_rss_mb"));
    }
    Map<String, Object> growth = (Map<String, Object>) results.get("growth");
    b.append(" growth_total=")
        .append(((Map<String, Object>) growth.get("total")).get("first_to_last"));
    for (Map<String, Object> t : (List<Map<String, Object>>) results.get("targets")) {
      if ("growth_per_stage".equals(t.get("target"))) {
        b.append(" growth_largest_stage=").append(t.get("measured"));
      }
    }
    Map<String, Object> peers = (Map<String, Object>) results.get("peers");
    Map<String, Object> j = (Map<String, Object>) peers.get("journeys");
    b.append(" journeys_vs_duckdb=").append(j.get("ratio_vs_duckdb"));
    b.append(" journeys_vs_floor=").append(j.get("ratio_vs_floor"));
    b.append(" journeys_counts_differing=").append(j.get("checks_differing"));
    Map<String, Object> s = (Map<String, Object>) peers.get("sentiment");
    b.append(" sentiment_ratio_sst2=").append(s.get("ratio_sst2"));
    b.append(" sentiment_ratio_short=").append(s.get("ratio_short"));
    b.append(" sentiment_ratio_sample=").append(s.get("ratio_sample"));
    Map<String, Object> mid = (Map<String, Object>) results.get("mid_size");
    b.append(" mid_size_s=")
        .append(mid.get("seconds"))
        .append(" mid_size_kind=")
        .append(mid.get("kind"));
    for (Map<String, Object> t : (List<Map<String, Object>>) results.get("targets")) {
      if (t.containsKey("judged_seconds")) {
        b.append(" mid_size_judged_s=").append(t.get("judged_seconds"));
      }
    }
    for (Map<String, Object> t : (List<Map<String, Object>>) results.get("targets")) {
      b.append(" ")
          .append(t.get("target"))
          .append("=")
          .append(t.get("status").toString().replace(' ', '_'));
    }
    b.append(" bench_s=").append(results.get("bench_seconds"));
    return b.toString();
  }
}

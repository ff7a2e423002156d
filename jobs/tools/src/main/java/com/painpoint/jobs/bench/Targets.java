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
            "<= 1.5x",
            spark / duck,
            spark / duck <= 1.5,
            String.format(
                Locale.ROOT,
                "Spark %.1f s against DuckDB %.1f s on the same Parquet: %.1f s (%.0f%%) over the"
                    + " 1.5x budget of %.1f s",
                spark,
                duck,
                spark - 1.5 * duck,
                100 * (spark - 1.5 * duck) / spark,
                1.5 * duck)));
    out.add(
        target(
            "journeys_vs_scan_floor",
            "<= 3.0x",
            spark / floor,
            spark / floor <= 3.0,
            String.format(
                Locale.ROOT,
                "Spark %.1f s against a %.1f s scan of the needed columns: %.1f s over the 3x"
                    + " budget of %.1f s",
                spark,
                floor,
                spark - 3 * floor,
                3 * floor)));

    Map<String, Object> total = (Map<String, Object>) growth.get("total");
    double k = num(total.get("first_to_last"));
    List<String> steep = new ArrayList<>();
    Map<String, Object> stages = (Map<String, Object>) growth.get("stages");
    stages.forEach(
        (name, f) -> {
          double ks = num(((Map<String, Object>) f).get("first_to_last"));
          if (ks > 1.1) {
            steep.add(String.format(Locale.ROOT, "%s %.2f", name, ks));
          }
        });
    // Below 0.5 the measured cost barely grew: fixed costs (Spark start of each job, model
    // fitting) hide the per-row cost, so the figure says nothing about growth at real sizes.
    // A run that reached the mid-size night measured growth where it matters: conclusive.
    List<Map<String, Object>> measuredScales = (List<Map<String, Object>>) results.get("scales");
    boolean reachedMidSize =
        Growth.size(measuredScales.get(measuredScales.size() - 1)) >= BenchMain.MID_CUSTOMERS;
    boolean inconclusive = k < 0.5 && !reachedMidSize;
    out.add(
        target(
            "growth_exponent_total",
            "<= 1.1 (smallest to largest scale)",
            k,
            k <= 1.1,
            inconclusive,
            inconclusive
                ? String.format(
                    Locale.ROOT,
                    "total cost grew with exponent %.2f: at these scales fixed costs (job"
                        + " scheduling, model fitting, JVM warm-up) and the machine's load hide"
                        + " the per-row cost, so this does not show how it grows at real sizes;"
                        + " run larger scales",
                    k)
                : "stages growing faster than 1.1: "
                    + (steep.isEmpty() ? "none" : String.join(", ", steep))
                    + String.format(Locale.ROOT, "; total exceeds the target by %.2f", k - 1.1)));

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
    Map<String, Object> midTarget =
        target(
            "mid_size_night",
            "<= 900 s end to end (200k customers, 20M events, 30k texts, 2 cores, 6 GB driver); "
                + mid.get("kind"),
            midSeconds,
            holds,
            String.format(
                Locale.ROOT,
                "%s%.0f s %s the 900 s budget; largest stages: %s",
                measured
                    ? volume
                    : String.format(Locale.ROOT, "%s %.0f s, ", mid.get("kind"), atVolume),
                Math.abs(atVolume - BenchMain.MID_TARGET_SECONDS),
                holds ? "within" : "over",
                String.join(", ", top)));
    // The figure the target is judged on (the end-to-end seconds scaled to the target's volume).
    midTarget.put("judged_seconds", BenchMain.round2(atVolume));
    out.add(midTarget);
    return out;
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
      boolean inconclusive,
      String inTheWay) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("target", name);
    t.put("goal", goal);
    t.put("measured", BenchMain.round2(measured));
    t.put("status", inconclusive ? "INCONCLUSIVE" : holds ? "PASS" : "MISS");
    t.put("in_the_way", holds && !inconclusive ? "" : inTheWay);
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
      b.append(" ").append(t.get("target")).append("=").append(t.get("status"));
    }
    b.append(" bench_s=").append(results.get("bench_seconds"));
    return b.toString();
  }
}

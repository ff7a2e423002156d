package com.painpoint.jobs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the benchmark's results as bench/results.md. */
final class ResultsMarkdown {
  private ResultsMarkdown() {}

  @SuppressWarnings("unchecked")
  static String render(Map<String, Object> r) {
    StringBuilder b = new StringBuilder();
    Map<String, Object> m = (Map<String, Object>) r.get("machine");
    Map<String, Object> o = (Map<String, Object>) r.get("options");
    List<Map<String, Object>> scales = (List<Map<String, Object>>) r.get("scales");
    Map<String, Object> peers = (Map<String, Object>) r.get("peers");
    Map<String, Object> j = (Map<String, Object>) peers.get("journeys");
    Map<String, Object> s = (Map<String, Object>) peers.get("sentiment");
    Map<String, Object> mid = (Map<String, Object>) r.get("mid_size");

    b.append("# Painpoint benchmark (`scripts/bench")
        .append("quick".equals(r.get("mode")) ? " --quick" : "")
        .append("`)\n\n");
    b.append(
        String.format(
            Locale.ROOT,
            "Machine: %s cores (%s), %s GB memory, %s, Java %s, Spark %s (%s, driver heap %s)."
                + " Run %s to %s, %s s in all.%n%n",
            m.get("cores"),
            m.get("cpu"),
            m.get("memory_gb"),
            m.get("os"),
            m.get("java"),
            m.get("spark"),
            m.get("spark_master"),
            m.get("driver_heap"),
            r.get("started_at"),
            r.get("finished_at"),
            r.get("bench_seconds")));
    double maxLoad = maxLoad(r);
    double cores = Double.parseDouble(String.valueOf(m.get("cores")));
    // The benchmark's own JVM keeps the load near its core count (a task thread per core, plus GC
    // and JIT threads): only a load beyond cores + 1 says that other work shared the machine.
    if (maxLoad > cores + 1) {
      b.append(
          String.format(
              Locale.ROOT,
              "**Taken under load**: the 1-minute load average reached %.2f on %s cores during"
                  + " the measurements, more than the benchmark itself accounts for (about one"
                  + " per core): other work shared the machine, so the seconds below are slower,"
                  + " and noisier, than on an idle machine. Ratios measured side by side in one"
                  + " run suffer less than absolute times.%n%n",
              maxLoad,
              m.get("cores")));
    } else {
      b.append(
          String.format(
              Locale.ROOT,
              "Load: the 1-minute load average peaked at %.2f on %s cores, what the benchmark's"
                  + " own work accounts for (a task thread per core, plus GC and JIT threads);"
                  + " no sign of other work on the machine.%n%n",
              maxLoad,
              m.get("cores")));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "Data: `scripts/generate-data` with seed %s, %s events and %s feedback texts per"
                + " customer requested (the mid-size night's proportions), no planted bad rows."
                + " Each scale is one run of the nightly job in its own JVM; every feedback text is"
                + " new to it (first night).%n%n",
            o.get("seed"),
            o.get("events_per_customer"),
            o.get("feedback_per_customer")));

    b.append("## Nightly job per scale\n\n");
    b.append(
        "Seconds per stage from the run's `manifest.json`; rows/s divides the stage's input rows"
            + " (contracts: rows read from all sources; journeys: events; friction: session x"
            + " touchpoint rows; sentiment: feedback texts; themes: sentence rows; churn & ranking"
            + " and report: customers); peak MB is the job JVM's resident set (VmRSS, sampled"
            + " every 100 ms) during the stage: in local mode that JVM is the driver.\n\n");
    for (Map<String, Object> sc : scales) {
      b.append(
          String.format(
              Locale.ROOT,
              "### %,d customers: %,d events, %,d feedback texts, %,d sentences (%,d distinct"
                  + " sentences parsed)%n%n",
              ((Number) sc.get("customers")).longValue(),
              ((Number) sc.get("events")).longValue(),
              ((Number) sc.get("feedback")).longValue(),
              ((Number) sc.get("sentences")).longValue(),
              ((Number) sc.getOrDefault("distinct_sentences_parsed", 0L)).longValue()));
      b.append("| stage | seconds | rows | rows/s | peak driver RSS (MB) |\n");
      b.append("| --- | ---: | ---: | ---: | ---: |\n");
      for (Map<String, Object> st : (List<Map<String, Object>>) sc.get("stages")) {
        b.append(
            String.format(
                Locale.ROOT,
                "| %s | %.2f | %,d | %s | %s |%n",
                st.get("stage"),
                ((Number) st.get("seconds")).doubleValue(),
                ((Number) st.get("rows")).longValue(),
                st.get("rows_per_second") == null
                    ? "-"
                    : String.format(
                        Locale.ROOT, "%,d", ((Number) st.get("rows_per_second")).longValue()),
                st.get("peak_rss_mb") == null ? "-" : st.get("peak_rss_mb")));
      }
      b.append(
          String.format(
              Locale.ROOT,
              "| **all stages** | **%.2f** | | | **%s** (whole run) |%n%n"
                  + "JVM wall time including Spark start-up and stop: %.1f s. Load average before"
                  + " / after: %s / %s.%n%n",
              ((Number) sc.get("stages_seconds")).doubleValue(),
              sc.get("peak_rss_mb"),
              ((Number) sc.get("jvm_seconds")).doubleValue(),
              sc.get("loadavg_before"),
              sc.get("loadavg_after")));
    }

    b.append("## Growth exponents\n\n");
    b.append(
        "log(seconds2 / seconds1) / log(customers2 / customers1); 1.0 = linear, below 1 the fixed"
            + " costs still weigh.\n\n");
    Map<String, Object> g = (Map<String, Object>) r.get("growth");
    List<String> header = new ArrayList<>();
    for (int i = 1; i < scales.size(); i++) {
      header.add(
          String.format(
              Locale.ROOT,
              "%dk -> %dk",
              ((Number) scales.get(i - 1).get("customers")).intValue() / 1000,
              ((Number) scales.get(i).get("customers")).intValue() / 1000));
    }
    b.append("| stage | ")
        .append(String.join(" | ", header))
        .append(" | smallest -> largest |\n| --- |");
    b.append(" ---: |".repeat(header.size() + 1)).append("\n");
    Map<String, Object> stagesG = (Map<String, Object>) g.get("stages");
    for (Map.Entry<String, Object> e : stagesG.entrySet()) {
      growthRow(b, e.getKey(), (Map<String, Object>) e.getValue());
    }
    growthRow(b, "**total**", (Map<String, Object>) g.get("total"));

    b.append("\n## Peers, each side by side in one run on the same data\n\n");
    b.append(
        String.format(
            Locale.ROOT,
            "**Journeys** (%,d customers, %,d events; best of %s interleaved runs each, one JVM,"
                + " %s cores for both engines; load %s / %s): the journeys and friction stages in"
                + " Spark (map to touchpoints, sessionize, friction signals, write"
                + " session_touchpoints, per-touchpoint table, write customer_friction) against"
                + " the same SQL on DuckDB %s (JDBC, threads = cores, file-backed, same Parquet,"
                + " same outputs written) and against the floor: Spark reading only the 10"
                + " clickstream columns those stages use.%n%n",
            ((Number) j.get("customers")).longValue(),
            ((Number) j.get("events")).longValue(),
            j.get("repeats"),
            j.get("cores"),
            j.get("loadavg_before"),
            j.get("loadavg_after"),
            "1.4.1"));
    b.append("| measure | seconds | Spark journeys / it |\n| --- | ---: | ---: |\n");
    b.append(
        String.format(
            Locale.ROOT,
            "| Spark journeys + friction | %.2f | 1.00 |%n| DuckDB, equivalent SQL | %.2f | %.2f |%n"
                + "| Spark scan floor | %.2f | %.2f |%n%n",
            num(j.get("spark_seconds")),
            num(j.get("duckdb_seconds")),
            num(j.get("ratio_vs_duckdb")),
            num(j.get("floor_seconds")),
            num(j.get("ratio_vs_floor"))));
    List<String> checks = (List<String>) j.get("checks");
    b.append(
        String.format(
            Locale.ROOT,
            "Equivalence check, Spark vs DuckDB on the same data: %d counts compared"
                + " (session x touchpoint rows, customer friction rows, and per touchpoint:"
                + " sessions, customers, friction sessions, slowness threshold), %d differ.%n%n",
            checks.size(),
            ((Number) j.get("checks_differing")).intValue()));
    List<String> differing = checks.stream().filter(c -> c.endsWith("DIFFER")).toList();
    if (!differing.isEmpty()) {
      b.append(
          "Differing counts (both engines use the same rules; the one place they cannot agree"
              + " exactly is a touchpoint without `slow_ms`, whose slowness threshold is its p95"
              + " of page-view durations: Spark's `percentile_approx` (accuracy 10000) against"
              + " DuckDB's exact `quantile_disc`; a different threshold moves the views at the"
              + " boundary, and the sessions and exposures that have them):\n\n```\n");
      differing.forEach(c -> b.append(c).append('\n'));
      b.append("```\n\n");
    }
    b.append("<details><summary>all counts</summary>\n\n```\n");
    for (String c : checks) {
      b.append(c).append('\n');
    }
    b.append("```\n</details>\n\n");
    b.append(
        String.format(
            Locale.ROOT,
            "**Sentiment** (`scripts/bench-sentiment`, %s texts per corpus; load %s / %s): the"
                + " sentiment stage against the stock CoreNLP pipeline as a user writes it (PCFG,"
                + " one document at a time, one thread), both on the same texts in one run."
                + " \"sample feedback\" is the generated feedback of the peer scale.%n%n",
            s.get("texts"),
            s.get("loadavg_before"),
            s.get("loadavg_after")));
    String table = String.valueOf(s.getOrDefault("table", ""));
    int at = table.indexOf("| corpus");
    int end = table.indexOf("\n\n", Math.max(at, 0));
    if (at >= 0) {
      b.append(end > at ? table.substring(at, end) : table.substring(at)).append("\n\n");
    }

    b.append("## Mid-size night (200k customers, ~20M events, ~30k new feedback texts)\n\n");
    if ("measured".equals(mid.get("kind"))) {
      b.append(
          String.format(
              Locale.ROOT,
              "**Measured** (`--mid-size`): %s s for all stages, %s s JVM wall time, peak driver"
                  + " RSS %s MB.%n%n",
              mid.get("seconds"),
              mid.get("jvm_seconds"),
              mid.get("peak_rss_mb")));
    } else {
      b.append(
          String.format(
              Locale.ROOT,
              "**Extrapolated, not measured**: %s. From %,d customers (x%.2f): about %s s (a purely"
                  + " linear extrapolation gives %s s). Run `scripts/bench --mid-size` to"
                  + " measure it.%n%n",
              mid.get("method"),
              ((Number) mid.get("from_customers")).longValue(),
              num(mid.get("scale_factor")),
              mid.get("seconds"),
              mid.get("linear_seconds")));
      b.append(
          "| stage | fixed seconds | ms per customer | seconds at 200k (extrapolated) |\n"
              + "| --- | ---: | ---: | ---: |\n");
      for (Map<String, Object> st : (List<Map<String, Object>>) mid.get("stages")) {
        b.append(
            String.format(
                Locale.ROOT,
                "| %s | %.1f | %.2f | %.0f |%n",
                st.get("stage"),
                num(st.get("fixed_seconds")),
                num(st.get("ms_per_customer")),
                num(st.get("seconds"))));
      }
      b.append('\n');
    }

    b.append("## Targets\n\n| target | goal | measured | status | what is in the way |\n");
    b.append("| --- | --- | ---: | --- | --- |\n");
    for (Map<String, Object> t : (List<Map<String, Object>>) r.get("targets")) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | **%s** | %s |%n",
              t.get("target"),
              t.get("goal"),
              t.get("measured") == null ? "-" : t.get("measured"),
              t.get("status"),
              t.get("in_the_way")));
    }
    b.append("\nRaw figures: `results.json` beside this file.\n");
    return b.toString();
  }

  private static void growthRow(StringBuilder b, String name, Map<String, Object> f) {
    b.append("| ").append(name).append(" |");
    for (Object step : (List<Object>) f.get("steps")) {
      b.append(' ').append(step).append(" |");
    }
    b.append(' ').append(f.get("first_to_last")).append(" |\n");
  }

  @SuppressWarnings("unchecked")
  private static double maxLoad(Map<String, Object> r) {
    double max = 0;
    List<Object> loads = new ArrayList<>();
    for (Map<String, Object> sc : (List<Map<String, Object>>) r.get("scales")) {
      loads.add(sc.get("loadavg_before"));
      loads.add(sc.get("loadavg_after"));
    }
    Map<String, Object> peers = (Map<String, Object>) r.get("peers");
    for (Object p : peers.values()) {
      loads.add(((Map<String, Object>) p).get("loadavg_before"));
      loads.add(((Map<String, Object>) p).get("loadavg_after"));
    }
    for (Object l : loads) {
      try {
        max = Math.max(max, Double.parseDouble(String.valueOf(l).split(" ")[0]));
      } catch (NumberFormatException e) {
        // "?" when /proc/loadavg was unreadable
      }
    }
    return max;
  }

  private static double num(Object o) {
    return Targets.num(o);
  }
}

package com.painpoint.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end benchmark behind {@code scripts/bench}: generates data at several scales, runs the
 * nightly job on each in its own JVM (per-stage seconds, rows per second, peak driver RSS), fits
 * growth exponents between scales, measures the peers (sentiment vs stock CoreNLP, journeys vs
 * DuckDB and vs the Parquet scan floor, each side by side in one run), checks the targets and
 * writes results.md and results.json.
 */
public final class BenchMain {
  static final List<String> STAGES =
      List.of(
          "contracts",
          "journeys",
          "friction",
          "sentiment",
          "themes",
          "churn",
          "impact & ranking",
          "report");

  /** Mid-size night of the targets. */
  static final int MID_CUSTOMERS = 200_000;

  /** Issue 22: the mid-size night end to end on 2 cores. */
  static final double MID_TARGET_SECONDS = 10 * 60;

  /** The target night's clickstream events and new feedback texts. */
  static final double MID_EVENTS = 20_000_000;

  static final double MID_TEXTS = 30_000;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--rerender")) {
      System.exit(rerender(Path.of(args[1])));
    }
    BenchOptions o;
    try {
      o = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(3);
      return;
    }
    if (o == null) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    System.exit(run(o));
  }

  static int run(BenchOptions o) throws Exception {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("mode", o.quick() ? "quick" : "full");
    results.put("started_at", started.toString());
    results.put("machine", machine(o));
    results.put("options", o.describe());
    Files.createDirectories(o.work());

    // 1. Scales: the nightly job end to end.
    List<Map<String, Object>> scales = new ArrayList<>();
    for (int customers : o.scales()) {
      scales.add(runScale(o, customers));
    }
    if (o.midSize()) {
      scales.add(runScale(o, MID_CUSTOMERS));
    }
    results.put("scales", scales);
    // A measured mid-size night is the largest scale: growth runs from the smallest scale to it.
    Map<String, Object> growth = Growth.exponents(scales);
    results.put("growth", growth);

    // 2. Peers, each side by side in one run on one scale's data.
    int peerCustomers = o.peerScale();
    Path peerData = dataDir(o, peerCustomers);
    Map<String, Object> peers = new LinkedHashMap<>();
    peers.put("journeys", journeysPeer(o, peerCustomers, peerData));
    peers.put("sentiment", sentimentPeer(o, peerData));
    results.put("peers", peers);

    // 3. Mid-size night: measured with --mid-size, else extrapolated and labelled so.
    results.put("mid_size", MidSize.estimate(scales, growth, o.midSize()));

    results.put("targets", Targets.check(results));
    results.put("bench_seconds", Math.round((System.nanoTime() - t0) / 1e9));
    results.put("finished_at", Instant.now().toString());

    Files.createDirectories(o.out());
    Files.writeString(
        o.out().resolve("results.json"), JSON.writeValueAsString(results), StandardCharsets.UTF_8);
    String md = ResultsMarkdown.render(results);
    Files.writeString(o.out().resolve("results.md"), md, StandardCharsets.UTF_8);
    System.out.println();
    System.out.print(md);
    System.out.println();
    System.out.println(
        "written to " + o.out().resolve("results.md") + " and " + o.out().resolve("results.json"));
    System.out.println(Targets.resultLine(results));
    return 0;
  }

  /**
   * Renders an earlier run's results.json again (results.md beside it), recomputing only what is
   * derived from the measured figures (mid-size extrapolation, targets): nothing is re-measured.
   */
  @SuppressWarnings("unchecked")
  static int rerender(Path json) throws IOException {
    Map<String, Object> results = JSON.readValue(json.toFile(), LinkedHashMap.class);
    List<Map<String, Object>> scales = (List<Map<String, Object>>) results.get("scales");
    Map<String, Object> mid = (Map<String, Object>) results.get("mid_size");
    boolean measured = mid != null && "measured".equals(mid.get("kind"));
    Map<String, Object> growth = Growth.exponents(scales);
    results.put("growth", growth);
    results.put("mid_size", MidSize.estimate(scales, growth, measured));
    results.put("targets", Targets.check(results));
    results.put("rendered_at", Instant.now().toString());
    Files.writeString(json, JSON.writeValueAsString(results), StandardCharsets.UTF_8);
    String md = ResultsMarkdown.render(results);
    Path mdPath = json.resolveSibling("results.md");
    Files.writeString(mdPath, md, StandardCharsets.UTF_8);
    System.out.print(md);
    System.out.println("re-rendered " + mdPath + " from " + json);
    System.out.println(Targets.resultLine(results));
    return 0;
  }

  static Path dataDir(BenchOptions o, int customers) {
    return o.work()
        .resolve(
            String.format(
                Locale.ROOT,
                "data/c%d-s%d-e%s-f%s",
                customers,
                o.seed(),
                o.eventsPerCustomer(),
                o.feedbackPerCustomer()));
  }

  private static Map<String, Object> runScale(BenchOptions o, int customers) throws Exception {
    Path data = ensureData(o, customers);
    Path runOut = o.work().resolve("runs/c" + customers);
    deleteTree(runOut);
    System.out.printf(Locale.ROOT, "[bench] nightly job on %d customers ...%n", customers);
    String loadBefore = loadavg();
    ChildJvm.Outcome run =
        ChildJvm.run(
            o.heap(),
            o.cores(),
            "com.painpoint.jobs.nightly.NightlyJob",
            List.of(
                "--crm", data.resolve("crm.csv").toString(),
                "--feedback", data.resolve("feedback.jsonl").toString(),
                "--clickstream", data.resolve("clickstream").toString(),
                "--taxonomy", data.resolve("taxonomy.yaml").toString(),
                "--run-date", o.runDate(),
                "--out", runOut.toString()),
            o.work().resolve("logs/nightly-c" + customers + ".log"));
    String loadAfter = loadavg();
    if (run.exitCode() != 0) {
      throw new IllegalStateException(
          "nightly job failed on "
              + customers
              + " customers (exit "
              + run.exitCode()
              + "), see "
              + o.work().resolve("logs/nightly-c" + customers + ".log"));
    }
    JsonNode m =
        JSON.readTree(runOut.resolve("run_date=" + o.runDate()).resolve("manifest.json").toFile());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("customers", customers);
    JsonNode sources = m.get("sources");
    long events = sources.get("clickstream").get("accepted").asLong();
    long feedback = sources.get("feedback").get("accepted").asLong();
    long crm = sources.get("crm").get("accepted").asLong();
    long read = 0;
    for (JsonNode src : sources) {
      read += src.get("rows_read").asLong();
    }
    long sessionTouchpoints = m.get("outputs").get("session_touchpoints").get("rows").asLong();
    long sentences = m.get("sentiment").get("sentence_rows").asLong();
    long parsed = m.get("sentiment").path("distinct_sentences_parsed").asLong();
    s.put("events", events);
    s.put("distinct_sentences_parsed", parsed);
    s.put("feedback", feedback);
    s.put("sentences", sentences);
    s.put("session_touchpoints", sessionTouchpoints);
    Map<String, Long> rowsOf = new LinkedHashMap<>();
    rowsOf.put("contracts", read);
    rowsOf.put("journeys", events);
    rowsOf.put("friction", sessionTouchpoints);
    rowsOf.put("sentiment", feedback);
    rowsOf.put("themes", sentences);
    rowsOf.put("churn", crm);
    rowsOf.put("impact & ranking", crm);
    rowsOf.put("report", crm);
    List<Map<String, Object>> stages = new ArrayList<>();
    double total = 0;
    for (JsonNode st : m.get("stages")) {
      String name = st.get("stage").asText();
      double sec = st.get("seconds").asDouble();
      total += sec;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("stage", name);
      row.put("seconds", sec);
      long rows = rowsOf.getOrDefault(name, 0L);
      row.put("rows", rows);
      row.put("rows_per_second", sec > 0 ? Math.round(rows / sec) : null);
      row.put("peak_rss_mb", run.stagePeakRssMb().get(name));
      stages.add(row);
    }
    s.put("stages", stages);
    s.put("stages_seconds", Math.round(total * 100) / 100.0);
    s.put("jvm_seconds", Math.round(run.seconds() * 100) / 100.0);
    s.put("peak_rss_mb", run.peakRssMb());
    s.put("heap", o.heap());
    s.put("loadavg_before", loadBefore);
    s.put("loadavg_after", loadAfter);
    System.out.printf(
        Locale.ROOT,
        "[bench] %d customers: %d events, %d feedback, stages %.1f s, JVM %.1f s, peak RSS %d MB,"
            + " load %s -> %s%n",
        customers,
        events,
        feedback,
        total,
        run.seconds(),
        run.peakRssMb(),
        loadBefore,
        loadAfter);
    for (Map<String, Object> row : stages) {
      System.out.printf(
          Locale.ROOT,
          "[bench]   %-16s %8.2f s %10s rows/s  peak %s MB%n",
          row.get("stage"),
          (Double) row.get("seconds"),
          row.get("rows_per_second"),
          row.get("peak_rss_mb"));
    }
    return s;
  }

  private static Path ensureData(BenchOptions o, int customers) throws Exception {
    Path dir = dataDir(o, customers);
    Path done = dir.resolve(".bench-complete");
    if (Files.exists(done)) {
      return dir;
    }
    deleteTree(dir);
    System.out.printf(Locale.ROOT, "[bench] generating %d customers into %s ...%n", customers, dir);
    ChildJvm.Outcome g =
        ChildJvm.run(
            "4g",
            o.cores(),
            "com.painpoint.jobs.generate.GenerateDataMain",
            List.of(
                "--customers", String.valueOf(customers),
                "--seed", String.valueOf(o.seed()),
                "--out", dir.toString(),
                "--events-per-customer", String.valueOf(o.eventsPerCustomer()),
                "--feedback-per-customer", String.valueOf(o.feedbackPerCustomer()),
                "--plant-bad-rows", "false"),
            o.work().resolve("logs/generate-c" + customers + ".log"));
    if (g.exitCode() != 0) {
      throw new IllegalStateException(
          "generate-data failed for " + customers + " customers (exit " + g.exitCode() + ")");
    }
    Files.writeString(done, Instant.now().toString());
    System.out.printf(Locale.ROOT, "[bench] generated in %.1f s%n", g.seconds());
    return dir;
  }

  private static Map<String, Object> journeysPeer(BenchOptions o, int customers, Path data)
      throws Exception {
    ensureData(o, customers);
    System.out.printf(
        Locale.ROOT,
        "[bench] journeys: Spark vs DuckDB vs scan floor on %d customers ...%n",
        customers);
    String loadBefore = loadavg();
    ChildJvm.Outcome r =
        ChildJvm.run(
            o.heap(),
            o.cores(),
            JourneysPeerMain.class.getName(),
            List.of(
                "--clickstream", data.resolve("clickstream").toString(),
                "--taxonomy", data.resolve("taxonomy.yaml").toString(),
                "--run-date", o.runDate(),
                "--work", o.work().resolve("journeys-peer").toString(),
                "--repeats", String.valueOf(o.repeats())),
            o.work().resolve("logs/journeys-peer.log"));
    String loadAfter = loadavg();
    if (r.exitCode() != 0) {
      throw new IllegalStateException(
          "journeys peer failed (exit "
              + r.exitCode()
              + "), see "
              + o.work().resolve("logs/journeys-peer.log"));
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("customers", customers);
    ChildJvm.forEachPrefixed(
        r.lines(),
        "PEER what=times",
        kv -> {
          p.put("events", Long.parseLong(kv.get("events")));
          p.put("cores", Integer.parseInt(kv.get("cores")));
          p.put("spark_seconds", Double.parseDouble(kv.get("spark_s")));
          p.put("duckdb_seconds", Double.parseDouble(kv.get("duckdb_s")));
          p.put("floor_seconds", Double.parseDouble(kv.get("floor_s")));
          p.put("repeats", Integer.parseInt(kv.get("repeats")));
        });
    List<String> checks = new ArrayList<>();
    int[] differ = {0};
    for (String l : r.lines()) {
      if (l.startsWith("CHECK ")) {
        checks.add(l.substring(6));
        if (l.endsWith("DIFFER")) {
          differ[0]++;
        }
      }
    }
    if (!p.containsKey("spark_seconds")) {
      throw new IllegalStateException("journeys peer printed no times; see its log");
    }
    double spark = (Double) p.get("spark_seconds");
    p.put("ratio_vs_duckdb", round2(spark / (Double) p.get("duckdb_seconds")));
    p.put("ratio_vs_floor", round2(spark / (Double) p.get("floor_seconds")));
    p.put("checks", checks);
    p.put("checks_differing", differ[0]);
    p.put("loadavg_before", loadBefore);
    p.put("loadavg_after", loadAfter);
    System.out.printf(
        Locale.ROOT,
        "[bench] journeys: Spark %.2f s, DuckDB %.2f s, floor %.2f s; %d of %d counts differ%n",
        spark,
        (Double) p.get("duckdb_seconds"),
        (Double) p.get("floor_seconds"),
        differ[0],
        checks.size());
    return p;
  }

  private static Map<String, Object> sentimentPeer(BenchOptions o, Path data) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "[bench] sentiment: stage vs stock CoreNLP (scripts/bench-sentiment), %d texts ...%n",
        o.sentimentTexts());
    String loadBefore = loadavg();
    Path md = o.work().resolve("sentiment.md");
    ChildJvm.Outcome r =
        ChildJvm.run(
            o.heap(),
            o.cores(),
            "com.painpoint.jobs.eval.BenchSentimentMain",
            List.of(
                "--sample-feedback", data.resolve("feedback.jsonl").toString(),
                "--texts", String.valueOf(o.sentimentTexts()),
                "--out", md.toString()),
            o.work().resolve("logs/bench-sentiment.log"));
    String loadAfter = loadavg();
    if (r.exitCode() != 0) {
      throw new IllegalStateException("bench-sentiment failed (exit " + r.exitCode() + ")");
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("texts", o.sentimentTexts());
    ChildJvm.forEachPrefixed(
        r.lines(),
        "RESULT ",
        kv ->
            kv.forEach(
                (k, v) ->
                    p.put(k, k.equals("cores") ? Integer.parseInt(v) : Double.parseDouble(v))));
    p.put("table", Files.exists(md) ? Files.readString(md) : "");
    p.put("loadavg_before", loadBefore);
    p.put("loadavg_after", loadAfter);
    System.out.printf(
        Locale.ROOT,
        "[bench] sentiment stage per core / stock: SST-2 dev %s, short texts %s, generated"
            + " feedback %s%n",
        p.getOrDefault("ratio_sst2", "(not found)"),
        p.getOrDefault("ratio_short", "(not found)"),
        p.getOrDefault("ratio_sample", "(not found)"));
    System.out.printf(
        Locale.ROOT,
        "[bench] sentence encoder alone, sentences/s on one thread: SST-2 dev %s, short texts %s,"
            + " generated feedback %s%n",
        p.getOrDefault("sst2_embed_sps", "(not found)"),
        p.getOrDefault("short_embed_sps", "(not found)"),
        p.getOrDefault("sample_embed_sps", "(not found)"));
    return p;
  }

  private static Map<String, Object> machine(BenchOptions o) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    String memTotal = "";
    for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (l.startsWith("MemTotal:")) {
        memTotal = l.substring(9).trim();
      }
    }
    long kb = Long.parseLong(memTotal.split("\\s+")[0]);
    m.put("memory_gb", Math.round(kb / 1024.0 / 1024.0 * 10) / 10.0);
    String cpu = "";
    for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (l.startsWith("model name")) {
        cpu = l.substring(l.indexOf(':') + 1).trim();
        break;
      }
    }
    m.put("cpu", cpu);
    m.put(
        "java",
        System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
    m.put("spark", System.getProperty("painpoint.sparkVersion", "?"));
    m.put("spark_master", "local[" + o.cores() + "]");
    m.put("driver_heap", o.heap());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return m;
  }

  static String loadavg() {
    try {
      String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return p[0] + " " + p[1] + " " + p[2];
    } catch (IOException e) {
      return "?";
    }
  }

  static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path q : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(q);
      }
    }
  }
}

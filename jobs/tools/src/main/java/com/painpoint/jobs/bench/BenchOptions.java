package com.painpoint.jobs.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of scripts/bench, parsed from kebab-case flags; a bad value fails at parse time with the
 * value in the message.
 */
record BenchOptions(
    boolean quick,
    List<Integer> scales,
    Path out,
    Path work,
    long seed,
    String heap,
    int cores,
    double eventsPerCustomer,
    double feedbackPerCustomer,
    int sentimentTexts,
    int repeats,
    boolean midSize,
    int peerScale,
    String runDate) {

  /** Scales of a full run: affordable on 2 cores (see README, Benchmark). */
  static final List<Integer> DEFAULT_SCALES = List.of(4_000, 8_000, 16_000);

  static final List<Integer> QUICK_SCALES = List.of(1_000, 2_000);

  static final String USAGE =
      String.join(
          "\n",
          "usage: scripts/bench [--quick] [--scales 4000,8000,16000] [--out DIR] [--work DIR]",
          "                     [--mid-size] [--peer-scale N] [--sentiment-texts N] [--repeats N]",
          "                     [--heap 6g] [--cores 2] [--seed 42]",
          "                     [--events-per-customer 100] [--feedback-per-customer 0.15]",
          "  --quick              scales 1000,2000, 100 sentiment texts (a smoke run of a few minutes)",
          "  --scales LIST        customers per scale (default 4000,8000,16000); events and",
          "                       feedback in proportion (the mid-size night's: 100 events and",
          "                       0.15 new feedback texts per customer)",
          "  --out DIR            where results.md and results.json go (default bench/)",
          "  --work DIR           generated data (reused between runs), job outputs, logs",
          "                       (default out/bench-work/)",
          "  --mid-size           also run the mid-size night (200000 customers, ~20M events)",
          "                       instead of extrapolating it",
          "  --peer-scale N       scale whose data the peers run on (default: the middle one;",
          "                       with --quick the largest)",
          "  --sentiment-texts N  texts per corpus for the sentiment peer (default 300)",
          "  --repeats N          runs of each journeys peer measure; the fastest counts (default 2)",
          "  --heap / --cores     driver heap and local[N] of every measured JVM (default 6g, 2)",
          "  --rerender FILE      only re-render results.md from an earlier results.json (alone;",
          "                       recomputes the extrapolation and targets, measures nothing)");

  /** Null when --help was asked for. */
  static BenchOptions parse(String[] args) {
    String root = System.getProperty("painpoint.root", ".");
    Map<String, String> v = new LinkedHashMap<>();
    boolean quick = false;
    boolean mid = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--help", "-h" -> {
          return null;
        }
        case "--quick" -> quick = true;
        case "--mid-size" -> mid = true;
        case "--scales",
            "--out",
            "--work",
            "--seed",
            "--heap",
            "--cores",
            "--events-per-customer",
            "--feedback-per-customer",
            "--sentiment-texts",
            "--repeats",
            "--peer-scale",
            "--run-date" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("option " + a + " needs a value");
          }
          v.put(a, args[++i]);
        }
        default -> throw new IllegalArgumentException("unknown option '" + a + "'");
      }
    }
    List<Integer> scales = new ArrayList<>();
    if (v.containsKey("--scales")) {
      for (String s : v.get("--scales").split(",")) {
        int n = positive("--scales", s.trim());
        if (!scales.isEmpty() && n <= scales.get(scales.size() - 1)) {
          throw new IllegalArgumentException(
              "--scales must be increasing, got '" + v.get("--scales") + "'");
        }
        scales.add(n);
      }
      if (scales.size() < 2) {
        throw new IllegalArgumentException(
            "--scales needs at least two scales to fit a growth exponent, got '"
                + v.get("--scales")
                + "'");
      }
    } else {
      scales.addAll(quick ? QUICK_SCALES : DEFAULT_SCALES);
    }
    int peer =
        v.containsKey("--peer-scale")
            ? positive("--peer-scale", v.get("--peer-scale"))
            // Quick: the largest scale (still small). Full: the middle one, to keep the run short.
            : quick ? scales.get(scales.size() - 1) : scales.get(scales.size() / 2);
    String heap = v.getOrDefault("--heap", "6g");
    if (!heap.matches("\\d+[mMgG]")) {
      throw new IllegalArgumentException("--heap must look like 6g or 4096m, got '" + heap + "'");
    }
    return new BenchOptions(
        quick,
        List.copyOf(scales),
        Path.of(v.getOrDefault("--out", root + "/bench")).toAbsolutePath().normalize(),
        Path.of(v.getOrDefault("--work", root + "/out/bench-work")).toAbsolutePath().normalize(),
        Long.parseLong(v.getOrDefault("--seed", "42")),
        heap,
        positive("--cores", v.getOrDefault("--cores", "2")),
        decimal("--events-per-customer", v.getOrDefault("--events-per-customer", "100")),
        decimal("--feedback-per-customer", v.getOrDefault("--feedback-per-customer", "0.15")),
        positive("--sentiment-texts", v.getOrDefault("--sentiment-texts", quick ? "100" : "300")),
        positive("--repeats", v.getOrDefault("--repeats", "2")),
        mid,
        peer,
        v.getOrDefault("--run-date", "2026-06-30"));
  }

  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scales", scales);
    m.put("events_per_customer", eventsPerCustomer);
    m.put("feedback_per_customer", feedbackPerCustomer);
    m.put("seed", seed);
    m.put("heap", heap);
    m.put("cores", cores);
    m.put("sentiment_texts", sentimentTexts);
    m.put("repeats", repeats);
    m.put("peer_scale", peerScale);
    m.put("mid_size_run", midSize);
    return m;
  }

  private static int positive(String flag, String s) {
    try {
      int n = Integer.parseInt(s);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException(flag + " must be a positive integer, got '" + s + "'");
  }

  private static double decimal(String flag, String s) {
    try {
      double d = Double.parseDouble(s);
      if (d > 0) {
        return d;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException(flag + " must be a positive number, got '" + s + "'");
  }
}

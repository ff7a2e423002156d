package com.painpoint.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic behind scripts/bench's growth exponents and mid-size extrapolation. */
class BenchFiguresTest {
  /** A scale as BenchMain records it: customers, total seconds and one stage's seconds. */
  private static Map<String, Object> scale(int customers, double contractsSeconds) {
    return Map.of(
        "customers",
        customers,
        "stages_seconds",
        contractsSeconds + 10.0,
        "stages",
        List.of(Map.of("stage", "contracts", "seconds", contractsSeconds)));
  }

  @Test
  void growthExponentIsOneForLinearZeroForFixedTwoForQuadraticCost() {
    assertThat(Growth.exponent(1000, 10, 4000, 40)).isCloseTo(1.0, within(1e-12));
    assertThat(Growth.exponent(1000, 10, 4000, 10)).isCloseTo(0.0, within(1e-12));
    assertThat(Growth.exponent(1000, 10, 4000, 160)).isCloseTo(2.0, within(1e-12));
  }

  @Test
  void exponentsPerStepAndFirstToLastReadEachStageAndTheTotal() {
    // contracts: 5 s + 2 ms per customer; total adds a fixed 10 s.
    List<Map<String, Object>> scales = List.of(scale(1000, 7), scale(2000, 9), scale(4000, 13));
    @SuppressWarnings("unchecked")
    Map<String, Object> contracts =
        (Map<String, Object>)
            ((Map<String, Object>) Growth.exponents(scales).get("stages")).get("contracts");
    assertThat((double) contracts.get("first_to_last"))
        .isCloseTo(Math.log(13.0 / 7) / Math.log(4), within(0.006));
    assertThat((List<?>) contracts.get("steps")).hasSize(2);
    assertThat(Growth.cost(scales.get(2), null)).isEqualTo(23.0);
    assertThat(Growth.cost(scales.get(2), "no-such-stage")).isNaN();
  }

  @Test
  void fixedPlusLinearFitRecoversFixedCostAndCostPerCustomer() {
    double[] fit =
        MidSize.fixedPlusLinear(
            List.of(scale(1000, 7), scale(2000, 9), scale(4000, 13)), "contracts");
    assertThat(fit[0]).isCloseTo(5.0, within(1e-9));
    assertThat(fit[1]).isCloseTo(0.002, within(1e-12));
    // A cost falling with size is not extrapolated downwards: no negative cost per customer.
    double[] falling =
        MidSize.fixedPlusLinear(List.of(scale(1000, 9), scale(4000, 8)), "contracts");
    assertThat(falling[1]).isZero();
    assertThat(falling[0]).isCloseTo(8.5, within(1e-9));
  }

  /** The mid-size scale as BenchMain records it, with its driver memory and stage figures. */
  private static Map<String, Object> midScale() {
    return Map.of(
        "customers",
        BenchMain.MID_CUSTOMERS,
        "stages_seconds",
        700.0,
        "peak_rss_mb",
        7000,
        "heap",
        "6g",
        "stages",
        List.of(
            Map.of(
                "stage",
                "contracts",
                "seconds",
                150.0,
                "rows",
                18_000_000,
                "rows_per_second",
                120_000),
            Map.of("stage", "churn", "seconds", 45.0)));
  }

  private static Map<String, Object> results(Map<String, Object> mid, Map<String, Object> last) {
    return new java.util.LinkedHashMap<>(
        Map.of(
            "mode",
            "test",
            "scales",
            List.of(scale(1000, 7), last),
            "growth",
            Map.of(
                "total", Map.of("first_to_last", 0.5, "steps", List.of(0.5)),
                "stages",
                    Map.of(
                        "contracts", Map.of("first_to_last", 0.7, "steps", List.of(0.4, 0.7)),
                        "churn", Map.of("first_to_last", 1.1, "steps", List.of(0.2, 1.2)))),
            "peers",
            Map.of(
                "sentiment",
                    Map.of(
                        "ratio_sst2", 12.0,
                        "sst2_encoder_sps", 200.0,
                        "sst2_stock_sps", 8.0,
                        "ratio_short", 3.0,
                        "cores", 2),
                "journeys",
                    Map.of("spark_seconds", 20.0, "duckdb_seconds", 8.0, "floor_seconds", 4.0)),
            "mid_size",
            mid,
            "bench_seconds",
            1.0));
  }

  private static Map<String, Object> find(List<Map<String, Object>> targets, String name) {
    return targets.stream().filter(t -> name.equals(t.get("target"))).findFirst().orElseThrow();
  }

  @Test
  void measuredMidSizeNightIsJudgedAtTheTargetsVolumeAndTheResultLineSaysSo() {
    // Half the target's events and all its texts: the event stages count twice, the rest once.
    Map<String, Object> mid =
        Map.of(
            "kind",
            "measured",
            "seconds",
            700.0,
            "jvm_seconds",
            720.0,
            "events",
            BenchMain.MID_EVENTS / 2,
            "feedback",
            BenchMain.MID_TEXTS,
            "stages",
            List.of(
                Map.of("stage", "contracts", "seconds", 150.0),
                Map.of("stage", "journeys", "seconds", 50.0),
                Map.of("stage", "sentiment", "seconds", 60.0)));
    Map<String, Object> results = results(mid, midScale());
    List<Map<String, Object>> targets = Targets.check(results);
    Map<String, Object> night = find(targets, "mid_size_night");
    // 720 s end to end + (150 + 50) s more for the missing half of the events = 920 s, against
    // issue 22's 600 s.
    assertThat((double) night.get("judged_seconds")).isCloseTo(920.0, within(1e-9));
    assertThat(night.get("status")).isEqualTo("MISS");
    assertThat((String) night.get("in_the_way")).contains("about 920 s", "320 s over");
    assertThat(find(targets, "mid_size_driver_memory"))
        .containsEntry("status", "MISS")
        .containsEntry("measured", 7000.0);
    assertThat((String) find(targets, "mid_size_driver_memory").get("in_the_way"))
        .contains("856 MB over");
    Map<String, Object> contracts = find(targets, "mid_size_contracts_rows_per_second");
    assertThat(contracts).containsEntry("status", "MISS").containsEntry("measured", 120000.0);
    // 18M rows take 45 s at 400k rows/s: 105 s too slow, 3.3x.
    assertThat((String) contracts.get("in_the_way")).contains("45.0 s", "105.0 s (3.3x)");
    assertThat(find(targets, "mid_size_churn_seconds"))
        .containsEntry("status", "MISS")
        .containsEntry("measured", 45.0);
    // Growth is judged on the last step (16k to 200k with --mid-size), not from the first scale.
    Map<String, Object> growth = find(targets, "growth_per_stage");
    assertThat(growth).containsEntry("status", "MISS").containsEntry("measured", 1.2);
    assertThat((String) growth.get("in_the_way"))
        .contains("churn 1.20")
        .doesNotContain("contracts");
    // 20 s against DuckDB's 8 s is 2.5x (<= 3x); against the 4 s floor 5x (> 4x).
    assertThat(find(targets, "journeys_vs_duckdb")).containsEntry("status", "PASS");
    assertThat(find(targets, "journeys_vs_scan_floor")).containsEntry("status", "MISS");
    assertThat(
            targets.stream()
                .filter(t -> t.get("target").toString().startsWith("sentiment_"))
                .map(t -> t.get("target") + "=" + t.get("status"))
                .toList())
        .containsExactly(
            "sentiment_vs_stock_corenlp_sst2=PASS", "sentiment_vs_stock_corenlp_short=MISS");
    results.put("targets", targets);
    assertThat(Targets.resultLine(results))
        .contains(" sentiment_ratio_sst2=12.0 ", " sentiment_ratio_short=3.0 ")
        .contains(" mid_size_s=700.0 ", " mid_size_judged_s=920.0 ", " mid_size_night=MISS")
        .contains(" growth_largest_stage=1.2 ", " mid_size_churn_seconds=MISS");
  }

  @Test
  void withoutAMeasuredMidSizeNightItsTargetsAreNotMeasuredNeverPassed() {
    // --quick: two small scales, the mid-size night extrapolated to well under the budget.
    Map<String, Object> mid =
        Map.of(
            "kind",
            "extrapolated",
            "seconds",
            437.0,
            "stages",
            List.of(Map.of("stage", "contracts", "seconds", 150.0)));
    Map<String, Object> results = results(mid, scale(2000, 9));
    List<Map<String, Object>> targets = Targets.check(results);
    for (String name :
        List.of(
            "mid_size_night",
            "mid_size_driver_memory",
            "mid_size_contracts_rows_per_second",
            "mid_size_churn_seconds",
            "growth_per_stage")) {
      assertThat(find(targets, name).get("status")).as(name).isEqualTo("NOT MEASURED");
      assertThat((String) find(targets, name).get("in_the_way"))
          .as(name)
          .contains("scripts/bench --mid-size");
    }
    assertThat((String) find(targets, "mid_size_night").get("in_the_way"))
        .contains("extrapolated 437 s");
    assertThat(find(targets, "mid_size_churn_seconds").get("measured")).isNull();
    results.put("targets", targets);
    assertThat(Targets.resultLine(results)).contains(" mid_size_night=NOT_MEASURED");
  }

  @Test
  void benchChildrenLaunchWithTheJobsJvmFlags() {
    // Surefire passes the pom's spark.jvm.opens, as scripts/lib.sh does to the bench's own JVM.
    List<String> own =
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
    assertThat(own).contains("-XX:-DontCompileHugeMethods");
    List<String> cmd =
        ChildJvm.command("1g", ChildJvm.BENCH_INHERITED, List.of(), "Main", List.of("--x"));
    assertThat(cmd)
        .contains(
            "-Xmx1g",
            "-XX:-DontCompileHugeMethods",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false")
        .endsWith("Main", "--x");
  }
}

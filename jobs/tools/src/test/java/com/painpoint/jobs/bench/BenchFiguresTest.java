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
    Map<String, Object> results =
        new java.util.LinkedHashMap<>(
            Map.of(
                "mode",
                "test",
                "scales",
                List.of(scale(1000, 7), scale(BenchMain.MID_CUSTOMERS, 100)),
                "growth",
                Map.of(
                    "total", Map.of("first_to_last", 0.5),
                    "stages", Map.of("contracts", Map.of("first_to_last", 0.7))),
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
                        Map.of(
                            "spark_seconds", 20.0,
                            "duckdb_seconds", 4.0,
                            "floor_seconds", 2.0)),
                "mid_size",
                mid,
                "bench_seconds",
                1.0));
    List<Map<String, Object>> targets = Targets.check(results);
    Map<String, Object> night =
        targets.stream().filter(t -> "mid_size_night".equals(t.get("target"))).findFirst().get();
    // 720 s end to end + (150 + 50) s more for the missing half of the events = 920 s.
    assertThat((double) night.get("judged_seconds")).isCloseTo(920.0, within(1e-9));
    assertThat(night.get("status")).isEqualTo("MISS");
    assertThat((String) night.get("in_the_way")).contains("about 920 s", "20 s over");
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
        .contains(" mid_size_s=700.0 ", " mid_size_judged_s=920.0 ", " mid_size_night=MISS");
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

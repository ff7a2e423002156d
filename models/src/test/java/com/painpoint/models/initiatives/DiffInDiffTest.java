package com.painpoint.models.initiatives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiffInDiffTest {

  /**
   * {@code n} customers, each with {@code perCustomer} rows in every cell; hits drawn with the
   * given per-cell rates.
   */
  static List<DiffInDiff.Cluster> customers(int n, int perCustomer, double[] rates, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<DiffInDiff.Cluster> out = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      long[] rows = new long[4];
      long[] hits = new long[4];
      for (int cell = 0; cell < 4; cell++) {
        rows[cell] = perCustomer;
        for (int k = 0; k < perCustomer; k++) {
          hits[cell] += r.nextDouble() < rates[cell] ? 1 : 0;
        }
      }
      out.add(new DiffInDiff.Cluster(rows, hits));
    }
    return out;
  }

  @Test
  void theEffectIsTheTouchpointsChangeMinusTheControlsChange() {
    // Hand example: touchpoint 40/100 -> 20/100, control 10/100 -> 15/100: -0.20 - 0.05 = -0.25.
    List<DiffInDiff.Cluster> one =
        List.of(
            new DiffInDiff.Cluster(new long[] {100, 100, 100, 100}, new long[] {40, 20, 10, 15}));
    DiffInDiff.Estimate e = DiffInDiff.estimate(one, true, 1);
    assertThat(e.effect()).isCloseTo(-0.25, within(1e-12));
    assertThat(e.rates()).containsExactly(0.4, 0.2, 0.1, 0.15);
    assertThat(e.rows()).containsExactly(100, 100, 100, 100);
    assertThat(DiffInDiff.estimate(one, false, 1).effect())
        .as("without control: the plain change")
        .isCloseTo(-0.20, within(1e-12));
  }

  @Test
  void thePlantedEffectIsCoveredAndTheNullEffectCoversZero() {
    // 600 customers, 3 rows per cell: the touchpoint's rate halves (0.30 -> 0.15) while the
    // control drifts up by 0.02 (0.10 -> 0.12): planted effect -0.17.
    DiffInDiff.Estimate fixed =
        DiffInDiff.estimate(customers(600, 3, new double[] {0.30, 0.15, 0.10, 0.12}, 7), true, 42);
    assertThat(fixed.low()).isLessThan(-0.17);
    assertThat(fixed.high()).isGreaterThan(-0.17).isLessThan(0);
    assertThat(fixed.excludesZero()).isTrue();
    assertThat(fixed.effect()).isCloseTo(-0.17, within(0.04));

    DiffInDiff.Estimate none =
        DiffInDiff.estimate(customers(600, 3, new double[] {0.30, 0.30, 0.10, 0.10}, 8), true, 42);
    assertThat(none.low()).isLessThan(0);
    assertThat(none.high()).isGreaterThan(0);
    assertThat(none.excludesZero()).isFalse();
  }

  @Test
  void theIntervalIsDeterministicForASeedAndWidensWithFewerCustomers() {
    List<DiffInDiff.Cluster> many = customers(800, 2, new double[] {0.3, 0.2, 0.1, 0.1}, 3);
    DiffInDiff.Estimate a = DiffInDiff.estimate(many, true, 5);
    DiffInDiff.Estimate b = DiffInDiff.estimate(many, true, 5);
    assertThat(a.low()).isEqualTo(b.low());
    assertThat(a.high()).isEqualTo(b.high());
    DiffInDiff.Estimate few =
        DiffInDiff.estimate(customers(80, 2, new double[] {0.3, 0.2, 0.1, 0.1}, 3), true, 5);
    assertThat(few.high() - few.low()).isGreaterThan(2 * (a.high() - a.low()));
  }

  @Test
  void customersAreResampledWholeSoClusteredRowsWidenTheInterval() {
    // Same rates, same rows: 400 customers with 10 identical rows each (all hit or none) against
    // 4,000 customers with 1 row each. The clustered data carry less information.
    List<DiffInDiff.Cluster> clustered = new ArrayList<>();
    List<DiffInDiff.Cluster> independent = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(11);
    for (int c = 0; c < 400; c++) {
      long[] rows = {10, 10, 10, 10};
      long[] hits = new long[4];
      for (int cell = 0; cell < 4; cell++) {
        hits[cell] = r.nextDouble() < 0.3 ? 10 : 0;
      }
      clustered.add(new DiffInDiff.Cluster(rows, hits));
      for (int k = 0; k < 10; k++) {
        long[] h = new long[4];
        for (int cell = 0; cell < 4; cell++) {
          h[cell] = r.nextDouble() < 0.3 ? 1 : 0;
        }
        independent.add(new DiffInDiff.Cluster(new long[] {1, 1, 1, 1}, h));
      }
    }
    DiffInDiff.Estimate wide = DiffInDiff.estimate(clustered, true, 1);
    DiffInDiff.Estimate narrow = DiffInDiff.estimate(independent, true, 1);
    assertThat(wide.high() - wide.low()).isGreaterThan(2 * (narrow.high() - narrow.low()));
  }

  @Test
  void poissonWeightsHaveMeanAndVarianceOne() {
    SplittableRandom r = new SplittableRandom(9);
    double sum = 0;
    double sq = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      int w = DiffInDiff.poisson1(r);
      sum += w;
      sq += (double) w * w;
    }
    double mean = sum / n;
    assertThat(mean).isCloseTo(1.0, within(0.01));
    assertThat(sq / n - mean * mean).isCloseTo(1.0, within(0.02));
    assertThat(DiffInDiff.percentile(new double[] {1, 2, 3, 4, 5}, 0.5)).isEqualTo(3.0);
    assertThat(DiffInDiff.percentile(new double[] {1, 2}, 0.25)).isEqualTo(1.25);
  }
}

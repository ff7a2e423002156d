package com.painpoint.jobs.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterMetricsTest {

  @Test
  void perfectClusteringScoresOneWhateverTheClusterNames() {
    List<String> gold = List.of("a", "a", "b", "b", "c");
    List<Integer> pred = List.of(7, 7, 3, 3, 1);
    assertThat(ClusterMetrics.nmi(gold, pred)).isCloseTo(1.0, within(1e-12));
    assertThat(ClusterMetrics.ari(gold, pred)).isCloseTo(1.0, within(1e-12));
    assertThat(ClusterMetrics.purity(gold, pred)).isEqualTo(1.0);
  }

  @Test
  void handComputedExample() {
    // gold a a a b b b, clusters 0 0 1 1 1 1
    List<String> gold = List.of("a", "a", "a", "b", "b", "b");
    List<Integer> pred = List.of(0, 0, 1, 1, 1, 1);
    // purity: cluster 0 -> 2 a; cluster 1 -> 3 b of 4 => (2 + 3) / 6
    assertThat(ClusterMetrics.purity(gold, pred)).isEqualTo(5.0 / 6);
    // ARI: index = C(2,2)+C(1,2)+C(3,2) = 1+0+3 = 4; gold pairs 3+3 = 6; cluster pairs 1+6 = 7;
    // expected 6*7/15 = 2.8; max 6.5 => (4-2.8)/(6.5-2.8)
    assertThat(ClusterMetrics.ari(gold, pred)).isCloseTo(1.2 / 3.7, within(1e-12));
    // NMI: MI = 2/6 ln(6*2/(3*2)) + 1/6 ln(6*1/(3*4)) + 3/6 ln(6*3/(3*4))
    double mi = 2.0 / 6 * Math.log(2) + 1.0 / 6 * Math.log(0.5) + 3.0 / 6 * Math.log(1.5);
    double ha = Math.log(2);
    double hb = -(2.0 / 6 * Math.log(2.0 / 6) + 4.0 / 6 * Math.log(4.0 / 6));
    assertThat(ClusterMetrics.nmi(gold, pred)).isCloseTo(2 * mi / (ha + hb), within(1e-12));
  }

  @Test
  void aLabelIsRecoveredWhenOneClusterHoldsMostOfItAndNoOtherLabel() {
    // a: 3 of 4 in cluster 0 (recovered); b: 2 of 3 in cluster 1 (recovered);
    // c: 2 of 3 in cluster 1 too;
    // d: split 1/1 (no majority).
    List<String> gold = List.of("a", "a", "a", "a", "b", "b", "b", "c", "c", "c", "d", "d");
    List<Integer> pred = List.of(0, 0, 0, 2, 1, 1, 3, 1, 1, 4, 5, 6);
    // b and c both have cluster 1 as their best: neither is recovered.
    assertThat(ClusterMetrics.recovered(gold, pred)).isEqualTo(1);
    List<Integer> separate = List.of(0, 0, 0, 2, 1, 1, 3, 4, 4, 1, 5, 5);
    assertThat(ClusterMetrics.recovered(gold, separate)).isEqualTo(4);
  }
}

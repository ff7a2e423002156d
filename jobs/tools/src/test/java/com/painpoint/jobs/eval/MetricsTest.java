package com.painpoint.jobs.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void accuracyCountsExactMatches() {
    assertThat(Metrics.accuracy(List.of(0, 2, 2, 0), List.of(0, 2, 0, -1))).isEqualTo(0.5);
  }

  @Test
  void macroF1AveragesPerClassF1ByHand() {
    // class 0: tp 1, fp 1, fn 1 -> 0.5; class 1: tp 1, fp 0, fn 0 -> 1; class 2: tp 1, fp 1, fn 1
    List<Integer> gold = List.of(0, 0, 1, 2, 2);
    List<Integer> pred = List.of(0, 2, 1, 2, 0);
    assertThat(Metrics.macroF1(gold, pred, 3)).isCloseTo((0.5 + 1 + 0.5) / 3, within(1e-9));
  }
}

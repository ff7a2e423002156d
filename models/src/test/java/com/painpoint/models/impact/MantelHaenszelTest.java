package com.painpoint.models.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.painpoint.models.impact.MantelHaenszel.Estimate;
import com.painpoint.models.impact.MantelHaenszel.Stratum;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Mantel-Haenszel arithmetic against a two-stratum example worked by hand. */
class MantelHaenszelTest {
  /*
   * Stratum 1: exposed 10 churned of 50, baseline 5 of 50; N = 100, M1 = 15.
   *   a n0 / N = 10 * 50 / 100 = 5.0        c n1 / N = 5 * 50 / 100 = 2.5
   *   (n1 n0 M1 - a c N) / N^2 = (50*50*15 - 10*5*100) / 10000 = (37500 - 5000) / 10000 = 3.25
   * Stratum 2: exposed 8 churned of 20, baseline 12 of 80; N = 100, M1 = 20.
   *   a n0 / N = 8 * 80 / 100 = 6.4         c n1 / N = 12 * 20 / 100 = 2.4
   *   (20*80*20 - 8*12*100) / 10000 = (32000 - 9600) / 10000 = 2.24
   * R = 11.4, S = 4.9, RR_MH = 11.4 / 4.9 = 2.326531 (between the strata's own 2.0 and 2.667).
   * Var ln RR = (3.25 + 2.24) / (11.4 * 4.9) = 5.49 / 55.86 = 0.0982814, SE = 0.3134987.
   * ln RR = 0.8443782; 95%: exp(0.8443782 -+ 1.959964 * 0.3134987) = [1.258514, 4.300900].
   * Crude: exposed 18/70 = 0.257143, baseline 17/130 = 0.130769, RR = 1.966387.
   * Baseline standardised to the exposed: (50 * 5/50 + 20 * 12/80) / 70 = (5 + 3) / 70 = 0.114286.
   */
  static final List<Stratum> HAND = List.of(new Stratum(10, 50, 5, 50), new Stratum(8, 20, 12, 80));

  @Test
  void matchesTheHandComputedTwoStratumExample() {
    Estimate e = MantelHaenszel.riskRatio(HAND);
    assertThat(e.riskRatio()).isCloseTo(2.326531, within(1e-6));
    assertThat(e.lower()).isCloseTo(1.258514, within(1e-6));
    assertThat(e.upper()).isCloseTo(4.300900, within(1e-6));
    assertThat(e.informativeStrata()).isEqualTo(2);
    assertThat(MantelHaenszel.crudeRiskRatio(HAND)).isCloseTo(1.966387, within(1e-6));
    assertThat(MantelHaenszel.exposedRate(HAND)).isCloseTo(0.257143, within(1e-6));
    assertThat(MantelHaenszel.baselineRate(HAND)).isCloseTo(0.130769, within(1e-6));
    assertThat(MantelHaenszel.standardisedBaselineRate(HAND)).isCloseTo(0.114286, within(1e-6));
  }

  @Test
  void aSingleStratumIsTheOrdinaryRiskRatioWithItsTextbookInterval() {
    // One stratum: Var ln RR reduces to 1/a - 1/n1 + 1/c - 1/n0 = 1/10 - 1/50 + 1/5 - 1/50 = 0.26.
    Estimate e = MantelHaenszel.riskRatio(List.of(new Stratum(10, 50, 5, 50)));
    assertThat(e.riskRatio()).isCloseTo(2.0, within(1e-12));
    double se = Math.sqrt(0.26);
    assertThat(e.lower()).isCloseTo(2.0 * Math.exp(-MantelHaenszel.Z95 * se), within(1e-9));
    assertThat(e.upper()).isCloseTo(2.0 * Math.exp(MantelHaenszel.Z95 * se), within(1e-9));
  }

  @Test
  void strataMissingOneGroupDropOut() {
    List<Stratum> withEmpty =
        List.of(
            new Stratum(10, 50, 5, 50),
            new Stratum(8, 20, 12, 80),
            new Stratum(3, 4, 0, 0),
            new Stratum(0, 0, 7, 9));
    Estimate e = MantelHaenszel.riskRatio(withEmpty);
    Estimate hand = MantelHaenszel.riskRatio(HAND);
    assertThat(e).isEqualTo(hand);
    assertThat(MantelHaenszel.standardisedBaselineRate(withEmpty))
        .isCloseTo(8.0 / 70, within(1e-12));
  }

  @Test
  void noBaselineChurnerLeavesTheRatioUndefinedAndNoExposedChurnerGivesZero() {
    Estimate undefined = MantelHaenszel.riskRatio(List.of(new Stratum(4, 10, 0, 10)));
    assertThat(undefined.riskRatio()).isNull();
    assertThat(undefined.lower()).isNull();
    Estimate zero = MantelHaenszel.riskRatio(List.of(new Stratum(0, 10, 3, 10)));
    assertThat(zero.riskRatio()).isEqualTo(0.0);
    assertThat(zero.upper()).isNull();
    assertThat(MantelHaenszel.riskRatio(List.of()).riskRatio()).isNull();
  }

  @Test
  void countsOutOfRangeAreRejectedWithTheValues() {
    assertThatThrownBy(() -> new Stratum(6, 5, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stratum counts out of range: exposed 6/5, baseline 0/1");
  }
}

package com.painpoint.models.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AbsorbingChainTest {

  static Map<String, Map<String, Long>> counts(Object... fromToCount) {
    Map<String, Map<String, Long>> m = new LinkedHashMap<>();
    for (int i = 0; i < fromToCount.length; i += 3) {
      m.computeIfAbsent((String) fromToCount[i], k -> new LinkedHashMap<>())
          .put((String) fromToCount[i + 1], ((Number) fromToCount[i + 2]).longValue());
    }
    return m;
  }

  static final String START = AbsorbingChain.START;
  static final String CHURN = AbsorbingChain.CHURN;
  static final String NULL = AbsorbingChain.RETAINED;

  /** The chain of the hand-worked examples below. */
  static AbsorbingChain handWorked() {
    return AbsorbingChain.fromCounts(
        counts(
            START, "A", 50, START, "B", 50, "A", CHURN, 40, "A", "B", 20, "A", NULL, 40, "B", CHURN,
            10, "B", NULL, 90));
  }

  /**
   * By hand: start -> A or B (1/2 each); A -> churn 0.4, B 0.2, null 0.4; B -> churn 0.1, null 0.9.
   * P(churn | B) = 0.1, P(churn | A) = 0.4 + 0.2 x 0.1 = 0.42, P(churn) = (0.42 + 0.1) / 2 = 0.26.
   * Without A: start's half to A goes to null, P = 0.05, removal effect 1 - 0.05 / 0.26 = 0.8077.
   * Without B: P(churn | A) = 0.4, P = 0.2, removal effect 1 - 0.2 / 0.26 = 0.2308.
   */
  @Test
  void matchesAHandWorkedChain() {
    AbsorbingChain chain = handWorked();
    assertThat(chain.states()).containsExactly(START, "A", "B");
    assertThat(chain.churnProbability()).isCloseTo(0.26, within(1e-12));
    assertThat(chain.removalEffect("A")).isCloseTo(1 - 0.05 / 0.26, within(1e-12));
    assertThat(chain.removalEffect("B")).isCloseTo(1 - 0.2 / 0.26, within(1e-12));
    assertThat(chain.removalEffects()).containsOnlyKeys("A", "B");
  }

  /**
   * The same chain's net effects, by hand. P(retained) = 0.74. Without A (its paths end there):
   * retained 0.5 x 0.9 = 0.45, drop 1 - 0.45 / 0.74 = 0.3919, net 0.8077 - 0.3919 = 0.4158. Without
   * B: from A retained 0.4, overall 0.2, drop 0.7297, net 0.2308 - 0.7297 = -0.4990 (B is where
   * customers are kept). Without both: nothing ends anywhere, net 0. The single-state shortcut (one
   * inverse) and the set solve agree.
   */
  @Test
  void netEffectsMatchTheHandWorkedChain() {
    AbsorbingChain chain = handWorked();
    assertThat(chain.retainedProbability()).isCloseTo(0.74, within(1e-12));
    AbsorbingChain.Removal a = chain.removal("A");
    assertThat(a.removalEffect()).isCloseTo(1 - 0.05 / 0.26, within(1e-12));
    assertThat(a.retainedDrop()).isCloseTo(1 - 0.45 / 0.74, within(1e-12));
    assertThat(a.netEffect()).isCloseTo((1 - 0.05 / 0.26) - (1 - 0.45 / 0.74), within(1e-12));
    AbsorbingChain.Removal b = chain.removal("B");
    assertThat(b.netEffect()).isCloseTo((1 - 0.2 / 0.26) - (1 - 0.2 / 0.74), within(1e-12));
    assertThat(chain.removal(java.util.List.of("A")).netEffect())
        .isCloseTo(a.netEffect(), within(1e-12));
    AbsorbingChain.Removal both = chain.removal(java.util.List.of("A", "B"));
    assertThat(both.removalEffect()).isCloseTo(1, within(1e-12));
    assertThat(both.netEffect()).isCloseTo(0, within(1e-12));
  }

  /**
   * A step every path passes that changes nothing (start -> N, then the chain above) carries all
   * churn, so its removal effect is 1; it carries all retention too, so its net effect is 0.
   */
  @Test
  void aStepOnEveryPathThatChangesNothingHasNoNetEffect() {
    AbsorbingChain chain =
        AbsorbingChain.fromCounts(
            counts(
                START, "N", 100, "N", "A", 50, "N", "B", 50, "A", CHURN, 40, "A", "B", 20, "A",
                NULL, 40, "B", CHURN, 10, "B", NULL, 90));
    assertThat(chain.churnProbability()).isCloseTo(0.26, within(1e-12));
    assertThat(chain.removal("N").removalEffect()).isCloseTo(1, within(1e-12));
    assertThat(chain.removal("N").netEffect()).isCloseTo(0, within(1e-12));
  }

  /** A state that loops on itself: P = 1/4 + 1/4 P, so P(churn | A) = 1/3. */
  @Test
  void loopsAreSolvedExactly() {
    AbsorbingChain chain =
        AbsorbingChain.fromCounts(counts(START, "A", 10, "A", CHURN, 1, "A", "A", 1, "A", NULL, 2));
    assertThat(chain.churnProbability()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(chain.removalEffect("A")).isCloseTo(1.0, within(1e-12));
  }

  /** A state on every path that does not change the odds of churn still carries all churn. */
  @Test
  void aStateNobodyPassesHasNoEffectAndNoChurnMeansNoEffect() {
    AbsorbingChain chain =
        AbsorbingChain.fromCounts(counts(START, "A", 10, "A", NULL, 10, START, "B", 0));
    assertThat(chain.churnProbability()).isZero();
    assertThat(chain.removalEffect("A")).isZero();
    assertThat(chain.removalEffect("B")).isZero();
    assertThatThrownBy(() -> chain.removalEffect("C"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'C'");
  }
}

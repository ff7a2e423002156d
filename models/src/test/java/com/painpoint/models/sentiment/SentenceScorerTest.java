package com.painpoint.models.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SentenceScorerTest {

  @Test
  void ensembleAveragesTheTwoParsersProbabilities() {
    String s = "The courier was rude but the food was excellent.";
    SentenceScorer.Scored sr = SentenceScorer.score(s, ParserKind.SHIFT_REDUCE, 80);
    SentenceScorer.Scored pcfg = SentenceScorer.score(s, ParserKind.PCFG, 80);
    SentenceScorer.Scored both = SentenceScorer.score(s, ParserKind.ENSEMBLE, 80);
    double expectedScore = 0;
    for (int i = 0; i < 5; i++) {
      double p = (sr.probabilities()[i] + pcfg.probabilities()[i]) / 2;
      assertThat(both.probabilities()[i]).isCloseTo(p, within(1e-12));
      expectedScore += p * (i - 2) / 2.0;
    }
    assertThat(both.score()).isCloseTo(expectedScore, within(1e-12));
    assertThat(both.lemmas()).isEqualTo(sr.lemmas());
  }

  @Test
  void clearlyNegativeAndPositiveSentences() {
    assertThat(
            SentenceScorer.score(
                    "This is the worst service I have ever had.", ParserKind.SHIFT_REDUCE, 80)
                .sentimentClass())
        .isLessThanOrEqualTo(1);
    assertThat(
            SentenceScorer.score(
                    "The staff were wonderful and very helpful.", ParserKind.SHIFT_REDUCE, 80)
                .sentimentClass())
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void personalDataLeavesNoLemma() {
    SentenceScorer.Scored s =
        SentenceScorer.score(
            "I was charged twice, call me on +44 7700 900771 or mail jane.doe@example.com now.",
            ParserKind.SHIFT_REDUCE,
            80);
    assertThat(s.lemmas()).contains("charge", "twice", "call", "mail", "now");
    assertThat(String.join(" ", s.lemmas()))
        .doesNotContain("7700")
        .doesNotContain("900771")
        .doesNotContain("jane")
        .doesNotContain("example.com");
    assertThat(s.sentimentClass()).isLessThanOrEqualTo(2);
  }

  @Test
  void negationTurnsPolarity() {
    double good =
        SentenceScorer.score("The delivery was good.", ParserKind.SHIFT_REDUCE, 80).score();
    double notGood =
        SentenceScorer.score("The delivery was not good.", ParserKind.SHIFT_REDUCE, 80).score();
    assertThat(good).isPositive();
    assertThat(notGood).isNegative();
  }

  @Test
  void textChecksFlagWhatCannotBeScored() {
    assertThat(TextChecks.flag("   ")).isEqualTo(TextChecks.EMPTY_TEXT);
    assertThat(TextChecks.flag("👍👍 !!")).isEqualTo(TextChecks.NO_WORDS);
    assertThat(TextChecks.flag("Die Lieferung war sehr spät und ich bin nicht zufrieden."))
        .isEqualTo(TextChecks.NON_ENGLISH);
    assertThat(TextChecks.flag("Le colis est arrivé en retard et je ne suis pas content."))
        .isEqualTo(TextChecks.NON_ENGLISH);
    assertThat(TextChecks.flag("配送が遅れました")).isEqualTo(TextChecks.NON_ENGLISH);
    assertThat(TextChecks.flag("The delivery was late, not great 😡")).isNull();
    assertThat(TextChecks.flag("ok")).isNull();
  }
}

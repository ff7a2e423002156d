package com.painpoint.models.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.testing.SparkTestBase;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The encoder model's head: the five-class view, the shipped head, errors, determinism. */
class SentimentHeadTest extends SparkTestBase {
  private static SentimentHead head;

  @BeforeAll
  static void loadShippedHead() {
    head = SentimentHead.bundled();
  }

  @Test
  void threeProbabilitiesBecomeFiveSlotsAClassAndAScore() {
    SentimentHead.Five sure = SentimentHead.five(new double[] {0.95, 0.03, 0.02});
    assertThat(sure.sentimentClass()).isZero();
    assertThat(sure.probabilities()).containsExactly(0.95, 0, 0.03, 0.02, 0);
    assertThat(sure.score()).isCloseTo(-0.93, within(1e-12));

    SentimentHead.Five leaning = SentimentHead.five(new double[] {0.5, 0.3, 0.2});
    assertThat(leaning.sentimentClass()).isEqualTo(1);
    assertThat(leaning.probabilities()).containsExactly(0, 0.5, 0.3, 0.2, 0);

    assertThat(SentimentHead.five(new double[] {0.2, 0.5, 0.3}).sentimentClass()).isEqualTo(2);
    assertThat(SentimentHead.five(new double[] {0.1, 0.2, 0.7}).sentimentClass()).isEqualTo(3);
    SentimentHead.Five glowing = SentimentHead.five(new double[] {0.04, 0.06, 0.9});
    assertThat(glowing.sentimentClass()).isEqualTo(4);
    assertThat(glowing.score()).isCloseTo(0.86, within(1e-12));
    assertThat(Arrays.stream(glowing.probabilities()).sum()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void theShippedHeadReadsClearCustomerSentences() {
    assertThat(score("This is the worst service I have ever had.").sentimentClass())
        .isLessThanOrEqualTo(1);
    assertThat(score("I was charged twice and nobody answers my emails.").sentimentClass())
        .isLessThanOrEqualTo(1);
    assertThat(score("The staff were wonderful and very helpful.").sentimentClass())
        .isGreaterThanOrEqualTo(3);
    assertThat(score("The delivery was good.").score()).isPositive();
    assertThat(score("The delivery was not good.").score()).isNegative();
  }

  @Test
  void lemmasComeWithoutAParseAndWithoutPersonalData() {
    SentenceScorer.Scored s =
        score("I was charged twice, call me on +44 7700 900771 or mail jane.doe@example.com now.");
    assertThat(s.lemmas()).contains("charge", "twice", "call", "mail", "now");
    assertThat(String.join(" ", s.lemmas())).doesNotContain("7700").doesNotContain("jane");
    assertThat(s.sentimentClass()).isBetween(0, 4);
    assertThat(Arrays.stream(s.probabilities()).sum()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void theSameSentenceAlwaysGetsTheSameScores() {
    String sentence = "The courier left my parcel at the wrong address again.";
    SentenceScorer.Scored a = score(sentence);
    score("Something else in between, to change the encoder's recent history.");
    SentenceScorer.Scored b = score(sentence);
    assertThat(b.probabilities()).containsExactly(a.probabilities());
    assertThat(b.embedding()).hasSize(384).containsExactly(a.embedding());
    assertThat(SentimentHead.bundled().id()).isEqualTo(head.id()).startsWith("head-");
  }

  @Test
  void aMissingModelPathIsAClearConfigError() {
    assertThatThrownBy(() -> SentimentHead.load("/nonexistent/sentiment-head"))
        .isInstanceOf(PainpointException.class)
        .hasMessageContaining("sentiment.model_path")
        .hasMessageContaining("/nonexistent/sentiment-head")
        .hasMessageContaining("scripts/train-sentiment");
  }

  @Test
  void theModelIdNamesTheHeadSoARetrainedHeadRescores() {
    SentimentSettings s = SentimentSettings.encoder(head, 80, 30);
    assertThat(s.modelId()).contains(head.id()).contains("encoder").endsWith("/max80/pii1");
    assertThat(SentimentSettings.CORENLP_DEFAULTS.modelId()).startsWith("corenlp-4.5.10/");
  }

  private static SentenceScorer.Scored score(String sentence) {
    return SentenceScorer.score(sentence, head, 80);
  }
}

package com.painpoint.models.themes;

import static org.assertj.core.api.Assertions.assertThat;

import edu.stanford.nlp.ling.CoreLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lemma label phrases shown in the customers' words, with the real CoreNLP lemmatiser. */
class ThemeLabelsTest {
  static String span(String phrase, String... sentences) {
    List<List<CoreLabel>> tokenized = new ArrayList<>();
    for (String s : sentences) {
      tokenized.add(ThemeLabels.lemmatise(s));
    }
    return ThemeLabels.span(phrase, List.of(sentences), tokenized);
  }

  @Test
  void aBigramIsShownWithTheStopWordsItSkipped() {
    assertThat(
            span(
                "hold hour",
                "Customer service kept me on hold for over an hour, awful.",
                "I was on hold for over an hour again."))
        .isEqualTo("hold for over an hour");
    assertThat(span("ticket close", "My ticket was closed without anyone answering it."))
        .isEqualTo("ticket was closed");
  }

  @Test
  void theMostFrequentWordingWins() {
    assertThat(
            span(
                "refund take",
                "Refunds take forever.",
                "A simple refund taking three weeks is useless.",
                "Refunds take far too long."))
        .isEqualTo("refunds take");
    assertThat(span("week", "Still waiting after six weeks.", "Two weeks late."))
        .isEqualTo("weeks");
  }

  @Test
  void aNegationBeforeAndAParticleAfterStayWithThePhrase() {
    assertThat(span("cool", "You raised my bill without warning, not cool.")).isEqualTo("not cool");
    assertThat(span("work", "The discount code from your email doesn't work in the cart."))
        .isEqualTo("doesn't work");
    assertThat(span("fee go", "My subscription fee went up without any notice."))
        .isEqualTo("fee went up");
  }

  @Test
  void amountsPersonalDataPunctuationAndCoordinationGiveNoSpan() {
    // Digits between the lemmas: the amount never reaches a label.
    assertThat(span("charge more", "I was charged 12 more than usual.")).isNull();
    // An email address between them.
    assertThat(span("contact asap", "Please contact me at jane.doe@example.com asap.")).isNull();
    // Across a comma, and across "and": two phrases, not one.
    assertThat(span("line pathetic", "I got a human on the support line, pathetic.")).isNull();
    assertThat(span("miss egg", "The delivery came with milk missing and the eggs crushed."))
        .isNull();
    // Too far apart, or not there at all.
    assertThat(span("box house", "The box was left at the house.")).isNull();
    assertThat(span("refund week")).isNull();
  }

  @Test
  void aTermCustomersNeverWroteAsPlainWordsGivesWayToTheNextOne() {
    List<String> ranked = List.of("miss", "egg", "miss egg", "item miss", "every");
    Map<String, Double> w =
        Map.of("miss", 1.0, "egg", 0.9, "miss egg", 0.85, "item miss", 0.7, "every", 0.5);
    // "miss egg" only ever spans "missing and the eggs": the label takes "item miss" instead.
    Map<String, String> spans =
        Map.of(
            "miss", "missing", "egg", "eggs", "item miss", "items were missing", "every", "every");
    assertThat(ThemeLabels.labelFrom(ranked, w, spans)).isEqualTo("items were missing · eggs");
    // With every term spelled out, the lemma label's choice is kept, in the customers' words.
    Map<String, String> all = new java.util.HashMap<>(spans);
    all.put("miss egg", "missing eggs");
    assertThat(ThemeLabels.labelFrom(ranked, w, all)).isEqualTo("missing eggs · every");
    assertThat(ThemeLabels.labelFrom(ranked, w, Map.of())).isNull();
  }
}

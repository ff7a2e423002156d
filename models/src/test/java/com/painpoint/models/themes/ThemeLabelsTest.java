package com.painpoint.models.themes;

import static org.assertj.core.api.Assertions.assertThat;

import edu.stanford.nlp.ling.CoreLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lemma label phrases shown in the customers' words, with the real CoreNLP lemmatiser. */
class ThemeLabelsTest {
  static String surface(String phrase, String... sentences) {
    List<List<CoreLabel>> tokenized = new ArrayList<>();
    for (String s : sentences) {
      tokenized.add(ThemeLabels.lemmatise(s));
    }
    return ThemeLabels.surface(phrase, List.of(sentences), tokenized);
  }

  @Test
  void aBigramIsShownWithTheStopWordsItSkipped() {
    assertThat(
            surface(
                "hold hour",
                "Customer service kept me on hold for over an hour, awful.",
                "I was on hold for over an hour again."))
        .isEqualTo("hold for over an hour");
    assertThat(surface("ticket close", "My ticket was closed without anyone answering it."))
        .isEqualTo("ticket was closed");
  }

  @Test
  void theMostFrequentWordingWins() {
    assertThat(
            surface(
                "refund take",
                "Refunds take forever.",
                "A simple refund taking three weeks is useless.",
                "Refunds take far too long."))
        .isEqualTo("refunds take");
    assertThat(surface("week", "Still waiting after six weeks.", "Two weeks late."))
        .isEqualTo("weeks");
  }

  @Test
  void aNegationBeforeAndAParticleAfterStayWithThePhrase() {
    assertThat(surface("cool", "You raised my bill without warning, not cool."))
        .isEqualTo("not cool");
    assertThat(surface("work", "The discount code from your email doesn't work in the cart."))
        .isEqualTo("doesn't work");
    assertThat(surface("fee go", "My subscription fee went up without any notice."))
        .isEqualTo("fee went up");
  }

  @Test
  void amountsPersonalDataPunctuationAndCoordinationKeepTheLemmaPhrase() {
    // Digits and currency between the lemmas: the amount never reaches a label.
    assertThat(surface("charge more", "I was charged 12 more than usual."))
        .isEqualTo("charge more");
    // An email address between them.
    assertThat(surface("contact asap", "Please contact me at jane.doe@example.com asap."))
        .isEqualTo("contact asap");
    // Across a comma, and across "and": two phrases, not one.
    assertThat(surface("line pathetic", "I got a human on the support line, pathetic."))
        .isEqualTo("line pathetic");
    assertThat(surface("miss egg", "The delivery came with milk missing and the eggs crushed."))
        .isEqualTo("miss egg");
    // Too far apart, or not there at all.
    assertThat(surface("box house", "The box was left at the house.")).isEqualTo("box house");
    assertThat(surface("refund week")).isEqualTo("refund week");
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

package com.painpoint.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FeedbackTextTest {

  /** Touchpoints whose keywords occur in the sentence, as whole words or phrases. */
  static EnumSet<Touchpoint> mentioned(String sentence) {
    String lower = sentence.toLowerCase(Locale.ROOT);
    EnumSet<Touchpoint> hits = EnumSet.noneOf(Touchpoint.class);
    for (Touchpoint t : Touchpoint.values()) {
      for (String k : t.keywords) {
        if (Pattern.compile("\\b" + Pattern.quote(k) + "\\b").matcher(lower).find()) {
          hits.add(t);
        }
      }
    }
    return hits;
  }

  @Test
  void everyThemeHasAtLeastFourPhrasingsNamingOnlyItsTouchpoint() {
    SplittableRandom r = new SplittableRandom(3);
    for (FeedbackText.Theme theme : FeedbackText.THEMES) {
      assertThat(theme.phrasings()).as(theme.label()).hasSizeGreaterThanOrEqualTo(4);
      for (String phrasing : theme.phrasings()) {
        String sentence = FeedbackText.fill(phrasing, r);
        assertThat(sentence).doesNotContain("{");
        assertThat(mentioned(sentence)).as(sentence).containsExactly(theme.touchpoint());
      }
    }
  }

  @Test
  void touchpointSentencesNameOnlyTheirTouchpoint() {
    for (Map<Touchpoint, List<String>> bank :
        List.of(
            FeedbackText.POSITIVE, FeedbackText.MILD_NEGATIVE, FeedbackText.NEGATIVE_FOLLOW_UP)) {
      bank.forEach(
          (t, sentences) -> {
            for (String s : sentences) {
              assertThat(mentioned(s)).as(s).containsExactly(t);
            }
          });
    }
    assertThat(FeedbackText.POSITIVE.keySet()).containsExactlyInAnyOrder(Touchpoint.values());
  }

  @Test
  void genericSentencesNameNoTouchpoint() {
    SplittableRandom r = new SplittableRandom(4);
    for (List<String> bank :
        List.of(
            FeedbackText.IMPLICIT_NEGATIVE,
            FeedbackText.GENERIC_POSITIVE,
            FeedbackText.NEUTRAL,
            FeedbackText.NON_ENGLISH)) {
      for (String s : bank) {
        assertThat(mentioned(FeedbackText.fill(s, r))).as(s).isEmpty();
      }
    }
    for (int i = 0; i < 50; i++) {
      assertThat(mentioned(FeedbackText.contactDetails(r))).isEmpty();
    }
  }

  @Test
  void typosNeverTouchAKeyword() {
    for (FeedbackText.Theme theme : FeedbackText.THEMES) {
      for (String phrasing : theme.phrasings()) {
        String typo = FeedbackText.typo(phrasing);
        assertThat(mentioned(typo)).isEqualTo(mentioned(phrasing));
      }
    }
  }
}

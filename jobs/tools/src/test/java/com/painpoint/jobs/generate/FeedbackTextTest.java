package com.painpoint.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

  /** Content words: the words of a template's literal text, minus function words. */
  static Set<String> contentWords(String template) {
    Set<String> out = new HashSet<>();
    for (String w : Grammar.literals(template).toLowerCase(Locale.ROOT).split("[^a-z]+")) {
      if (w.length() > 3 && !STOP.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  private static final Set<String> STOP =
      Set.of(
          "with", "that", "this", "have", "been", "from", "after", "when", "your", "still", "then",
          "they", "there", "what", "every", "time", "again", "even", "just", "about", "where",
          "nothing", "their", "because", "before", "since", "only", "than", "more", "them", "into");

  @Test
  void grammarPicksAlternativesOptionsAndSlots() {
    Set<String> seen = new HashSet<>();
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 200; i++) {
      seen.add(
          Grammar.expand("{a|b} [c ]$x !", r, (name, rr) -> "x".equals(name) ? "{y|z}" : null));
    }
    // Spaces left by an empty option collapse; no space before punctuation.
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "a c y!", "a c z!", "b c y!", "b c z!", "a y!", "a z!", "b y!", "b z!");
    assertThatThrownBy(() -> Grammar.expand("{a|b", r, (n, rr) -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unclosed");
    assertThatThrownBy(() -> Grammar.expand("$nope", r, (n, rr) -> null))
        .hasMessageContaining("unknown slot $nope");
  }

  @Test
  void everyPlantedComplaintHasTenWordingsThatShareFewContentWordsAndNameNoOtherTouchpoint() {
    SplittableRandom r = new SplittableRandom(3);
    List<String> shared = new java.util.ArrayList<>();
    for (FeedbackText.Theme theme : FeedbackText.THEMES) {
      assertThat(theme.wordings()).as(theme.label()).hasSizeGreaterThanOrEqualTo(10);
      // No content word is in more than half of a theme's wordings: they are paraphrases, not
      // one sentence with its words shuffled.
      Map<String, Integer> df = new java.util.HashMap<>();
      for (String w : theme.wordings()) {
        contentWords(w).forEach(word -> df.merge(word, 1, Integer::sum));
      }
      df.forEach(
          (word, n) -> {
            if (n > Math.max(3, theme.wordings().size() / 2)) {
              shared.add("'" + word + "' in " + n + " wordings of " + theme.label());
            }
          });
      for (String wording : theme.wordings()) {
        for (int i = 0; i < 40; i++) {
          String sentence = FeedbackText.expand(wording, r, theme.touchpoint());
          assertThat(sentence).doesNotContain("{", "}", "[", "]", "$", "  ");
          EnumSet<Touchpoint> named = mentioned(sentence);
          named.remove(theme.touchpoint());
          assertThat(named).as(sentence).isEmpty();
        }
      }
    }
    assertThat(shared).isEmpty();
  }

  @Test
  void touchpointSentencesNameOnlyTheirTouchpoint() {
    SplittableRandom r = new SplittableRandom(5);
    for (Map<Touchpoint, List<String>> bank :
        List.of(FeedbackText.POSITIVE, FeedbackText.MILD_NEGATIVE)) {
      bank.forEach(
          (t, templates) -> {
            for (String template : templates) {
              for (int i = 0; i < 30; i++) {
                String s = FeedbackText.expand(template, r, t);
                assertThat(mentioned(s)).as(s).containsExactly(t);
              }
            }
          });
    }
    for (Touchpoint t : Touchpoint.values()) {
      for (String template : FeedbackText.VENT) {
        for (int i = 0; i < 30; i++) {
          String s = FeedbackText.expand(template, r, t);
          assertThat(mentioned(s)).as(s).containsExactly(t);
        }
      }
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
            FeedbackText.CONTEXT,
            FeedbackText.LONG_CONTEXT,
            FeedbackText.CLOSER,
            FeedbackText.OPENER,
            FeedbackText.POSITIVE_OPENER,
            FeedbackText.EVALUATION,
            FeedbackText.WHEN,
            FeedbackText.HOW,
            FeedbackText.PRAISE_TAIL,
            FeedbackText.PRAISE_PREFIX,
            FeedbackText.NON_ENGLISH)) {
      for (String s : bank) {
        for (int i = 0; i < 30; i++) {
          String sentence = FeedbackText.expand(s, r, null);
          assertThat(mentioned(sentence)).as(sentence).isEmpty();
        }
      }
    }
    for (int i = 0; i < 50; i++) {
      assertThat(mentioned(FeedbackText.contactDetails(r))).isEmpty();
    }
  }

  @Test
  void aTypoChangesOneWord() {
    SplittableRandom r = new SplittableRandom(6);
    int changed = 0;
    for (int i = 0; i < 200; i++) {
      String s = "I waited three hours and nobody answered the phone at all";
      String t = FeedbackText.typo(s, r);
      String[] a = s.split(" ");
      String[] b = t.split(" ");
      assertThat(b).hasSameSizeAs(a);
      int diff = 0;
      for (int k = 0; k < a.length; k++) {
        diff += a[k].equals(b[k]) ? 0 : 1;
      }
      assertThat(diff).as(t).isLessThanOrEqualTo(1);
      changed += diff;
    }
    assertThat(changed).isGreaterThan(150);
  }

  @Test
  void everyKindOfPersonalDataWrittenIsRedactedByTheJob() {
    SplittableRandom r = new SplittableRandom(8);
    Set<String> placeholders = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      String s = FeedbackText.contactDetails(r);
      String redacted = com.painpoint.features.text.PiiRedactor.redact(s);
      assertThat(redacted).as(s).isNotEqualTo(s).doesNotContainPattern("\\d{3}");
      placeholders.add(redacted.replaceAll("^.*(\\[[a-z]+\\]).*$", "$1"));
    }
    assertThat(placeholders)
        .containsExactlyInAnyOrder("[phone]", "[email]", "[card]", "[account]", "[iban]");
  }
}

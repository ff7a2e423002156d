package com.painpoint.jobs.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises the generator's planted complaint themes in written sentences, so tests and
 * evaluations can check what the themes stage recovered: each phrasing becomes a pattern (its slots
 * match anything), matched case-insensitively after undoing the generator's typos.
 */
public final class PlantedThemes {
  /** A planted theme: its touchpoint and its label in ground_truth.json. */
  public record Planted(String touchpoint, String label) {
    /** The label's words ("charged twice after changing plan" → charged, twice, …). */
    public List<String> words() {
      return List.of(label.toLowerCase(Locale.ROOT).split("[^a-z]+"));
    }
  }

  private record Phrasing(Planted theme, Pattern pattern) {}

  private static final List<Phrasing> PHRASINGS = phrasings();

  private PlantedThemes() {}

  /** The planted theme a sentence was written from, if any. */
  public static Optional<Planted> of(String sentence) {
    String s = untypo(sentence.toLowerCase(Locale.ROOT));
    for (Phrasing p : PHRASINGS) {
      if (p.pattern().matcher(s).find()) {
        return Optional.of(p.theme());
      }
    }
    return Optional.empty();
  }

  /** Every planted theme. */
  public static List<Planted> all() {
    List<Planted> out = new ArrayList<>();
    for (FeedbackText.Theme t : FeedbackText.THEMES) {
      out.add(new Planted(t.touchpoint().id, t.label()));
    }
    return out;
  }

  private static List<Phrasing> phrasings() {
    List<Phrasing> out = new ArrayList<>();
    for (FeedbackText.Theme t : FeedbackText.THEMES) {
      Planted planted = new Planted(t.touchpoint().id, t.label());
      for (String phrasing : t.phrasings()) {
        String lower = phrasing.toLowerCase(Locale.ROOT).replaceAll("[.!]+$", "");
        StringBuilder regex = new StringBuilder();
        for (String literal : lower.split("\\{[a-z0-9]+\\}", -1)) {
          if (regex.length() > 0) {
            regex.append(".+?");
          }
          regex.append(Pattern.quote(literal));
        }
        out.add(new Phrasing(planted, Pattern.compile(regex.toString())));
      }
    }
    return out;
  }

  private static String untypo(String s) {
    String out = s;
    for (String[] t : FeedbackText.TYPOS) {
      out = out.replace(t[1], t[0]);
    }
    return out;
  }
}

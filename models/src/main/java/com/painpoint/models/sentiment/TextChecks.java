package com.painpoint.models.sentiment;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a feedback text can be scored by the English sentiment model: empty text, text
 * without words (emoji only) and text in another language are flagged, never scored as neutral.
 */
public final class TextChecks {
  public static final String EMPTY_TEXT = "empty_text";
  public static final String NO_WORDS = "no_words";
  public static final String NON_ENGLISH = "non_english";

  private static final Pattern WORD = Pattern.compile("\\p{L}+");
  private static final Set<String> ENGLISH =
      Set.of(
          "the", "and", "i", "to", "a", "is", "it", "my", "was", "of", "for", "in", "not", "this",
          "that", "with", "you", "on", "have", "but", "they", "me", "we", "are", "be", "at", "so",
          "very", "had", "an", "been", "did", "get", "got", "when", "after", "again", "just",
          "your", "our", "never", "no", "all", "would", "still", "can", "from", "what", "too");
  private static final Set<String> FOREIGN =
      Set.of(
          // Spanish
          "el",
          "los",
          "las",
          "que",
          "y",
          "por",
          "muy",
          "es",
          "una",
          "pero",
          "con",
          "mi",
          "del",
          "fue",
          "está",
          "pedido",
          "gracias",
          // German
          "der",
          "die",
          "das",
          "und",
          "ist",
          "nicht",
          "ich",
          "mit",
          "sehr",
          "ein",
          "eine",
          "zu",
          "war",
          "mein",
          "meine",
          "aber",
          "auf",
          "wurde",
          "kein",
          "danke",
          // French
          "le",
          "les",
          "et",
          "est",
          "pas",
          "je",
          "très",
          "mon",
          "avec",
          "mais",
          "pour",
          "des",
          "du",
          "une",
          "ma",
          "été",
          "merci",
          "commande",
          // Portuguese / Italian
          "não",
          "muito",
          "obrigado",
          "il",
          "molto",
          "grazie",
          "non");

  private TextChecks() {}

  /** Null when the text can be scored, else the reason it cannot. */
  public static String flag(String text) {
    if (text == null || text.isBlank()) {
      return EMPTY_TEXT;
    }
    Matcher m = WORD.matcher(text);
    int words = 0;
    int english = 0;
    int foreign = 0;
    int latin = 0;
    while (m.find()) {
      String w = m.group().toLowerCase(Locale.ROOT);
      words++;
      if (w.chars().allMatch(c -> c < 0x250)) {
        latin++;
      }
      if (ENGLISH.contains(w)) {
        english++;
      }
      if (FOREIGN.contains(w)) {
        foreign++;
      }
    }
    if (words == 0) {
      return NO_WORDS;
    }
    if (latin * 2 < words) {
      return NON_ENGLISH;
    }
    if (words >= 3 && foreign >= 2 && foreign > english) {
      return NON_ENGLISH;
    }
    return null;
  }
}

package com.painpoint.features.text;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in customer text by typed placeholders before any quote leaves the job:
 * URLs carrying tokens, emails, IBANs (mod-97 checked), card numbers (Luhn checked), phone numbers
 * in international and national forms, long account numbers and @handles.
 */
public final class PiiRedactor {
  public static final String URL = "[url]";
  public static final String EMAIL = "[email]";
  public static final String IBAN = "[iban]";
  public static final String CARD = "[card]";
  public static final String PHONE = "[phone]";
  public static final String ACCOUNT = "[account]";
  public static final String HANDLE = "[handle]";

  private static final Pattern URL_PATTERN =
      Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"']+");
  private static final Pattern TOKEN_IN_URL = Pattern.compile("[?#&=]|/[A-Za-z0-9_\\-]{16,}");
  private static final Pattern EMAIL_PATTERN =
      Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}");
  private static final Pattern IBAN_PATTERN =
      Pattern.compile("\\b[A-Z]{2}\\d{2}(?:[ ]?[A-Z0-9]){11,30}\\b");
  private static final Pattern CARD_PATTERN = Pattern.compile("\\b\\d(?:[ \\-]?\\d){12,18}\\b");
  private static final Pattern PHONE_PATTERN =
      Pattern.compile(
          "(?<![\\w+])(?:\\+\\d{1,3}[\\s.\\-]?(?:\\(\\d{1,5}\\)[\\s.\\-]?)?\\d{1,5}"
              + "|(?:\\(\\d{1,5}\\)[\\s.\\-]?)?\\d{2,5})(?:[\\s.\\-]\\d{2,8}){1,5}(?![\\w])");
  private static final Pattern DATE_LIKE =
      Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[.\\-]\\d{1,2}[.\\-]\\d{2,4}");
  private static final Pattern ACCOUNT_PATTERN = Pattern.compile("\\b\\d{8,}\\b");
  private static final Pattern HANDLE_PATTERN =
      Pattern.compile("(?<![\\w.@])@[A-Za-z0-9_]{2,30}\\b");

  /** One kind of personal data: where it may be, whether a candidate is it, its placeholder. */
  private record Rule(Pattern pattern, String placeholder, Predicate<String> accepts) {}

  /** Applied in this order: each sees the text with earlier kinds already replaced. */
  private static final List<Rule> RULES =
      List.of(
          new Rule(URL_PATTERN, URL, m -> TOKEN_IN_URL.matcher(m).find()),
          new Rule(EMAIL_PATTERN, EMAIL, m -> true),
          new Rule(IBAN_PATTERN, IBAN, PiiRedactor::validIban),
          new Rule(CARD_PATTERN, CARD, m -> luhn(digits(m))),
          new Rule(PHONE_PATTERN, PHONE, PiiRedactor::phoneLike),
          new Rule(ACCOUNT_PATTERN, ACCOUNT, m -> true),
          new Rule(HANDLE_PATTERN, HANDLE, m -> true));

  private PiiRedactor() {}

  /** The text with personal data replaced; null stays null. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = text;
    for (Rule r : RULES) {
      s = replace(r, s);
    }
    return s;
  }

  /**
   * Which characters of {@code text} belong to personal data (each kind searched in the original
   * text), so derived tokens such as lemmas can be dropped where the text is redacted.
   */
  public static boolean[] mask(String text) {
    boolean[] mask = new boolean[text == null ? 0 : text.length()];
    if (text == null || text.isEmpty()) {
      return mask;
    }
    for (Rule r : RULES) {
      Matcher m = r.pattern().matcher(text);
      while (m.find()) {
        if (r.accepts().test(m.group())) {
          java.util.Arrays.fill(mask, m.start(), m.end(), true);
        }
      }
    }
    return mask;
  }

  private static boolean phoneLike(String m) {
    int n = digits(m).length();
    return n >= 7 && n <= 15 && !DATE_LIKE.matcher(m).matches();
  }

  private static String replace(Rule r, String s) {
    Matcher m = r.pattern().matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    int last = 0;
    while (m.find()) {
      if (r.accepts().test(m.group())) {
        out.append(s, last, m.start()).append(r.placeholder());
        last = m.end();
      }
    }
    return last == 0 ? s : out.append(s, last, s.length()).toString();
  }

  private static String digits(String s) {
    return s.replaceAll("\\D", "");
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean alt = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (alt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      alt = !alt;
    }
    return digits.length() >= 13 && sum % 10 == 0;
  }

  static boolean validIban(String candidate) {
    String iban = candidate.replace(" ", "");
    if (iban.length() < 15 || iban.length() > 34) {
      return false;
    }
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    int mod = 0;
    for (char c : rearranged.toCharArray()) {
      int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
      mod = v > 9 ? (mod * 100 + v) % 97 : (mod * 10 + v) % 97;
    }
    return mod == 1;
  }
}

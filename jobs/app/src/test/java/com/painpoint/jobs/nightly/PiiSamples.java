package com.painpoint.jobs.nightly;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A seeded set of personal data strings of six kinds, as customers write them in feedback: emails,
 * phone numbers in several national formats, Luhn-valid card numbers, IBANs with valid check
 * digits, URLs carrying tokens, and @handles.
 */
final class PiiSamples {
  record Pii(String kind, String value) {
    /** Letters and digits only, lower case: how a leak is searched for in any output's text. */
    String normalised() {
      return normalise(value);
    }
  }

  private PiiSamples() {}

  static String normalise(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  static List<Pii> seeded(long seed) {
    Random r = new Random(seed);
    List<Pii> out = new ArrayList<>();
    String[] names = {
      "jane.doe",
      "m.mueller",
      "li.wei",
      "o.brien",
      "s.kowalska",
      "ahmed.k",
      "p.rossi",
      "t.nguyen",
      "r.silva"
    };
    String[] domains = {"example.com", "mail.example.org", "web-mail.de", "post.example.co.uk"};
    for (int i = 0; i < 9; i++) {
      out.add(
          new Pii(
              "email",
              names[i]
                  + (10 + r.nextInt(90))
                  + (i % 3 == 0 ? "+shop" : "")
                  + "@"
                  + domains[i % domains.length]));
    }
    String[] phones = {
      "+44 20 7946 %04d",
      "(415) 555-%04d",
      "+49 30 9018 %04d",
      "06 12 34 %02d %02d",
      "+1-202-555-%04d",
      "0171 2345 %03d",
      "+33 1 70 36 %02d %02d",
      "+91 98765 4%04d",
      "020 7946 %04d"
    };
    for (String f : phones) {
      long n = f.chars().filter(c -> c == '%').count();
      Object[] args = new Object[(int) n];
      for (int k = 0; k < n; k++) {
        args[k] = r.nextInt(f.contains("%02d") ? 100 : f.contains("%03d") ? 1000 : 10000);
      }
      out.add(new Pii("phone", String.format(Locale.ROOT, f, args)));
    }
    String[] cardPrefixes = {"4111", "5500", "3400", "6011", "4539", "5105", "4716", "3530"};
    for (int i = 0; i < cardPrefixes.length; i++) {
      out.add(new Pii("card", cardFormatted(luhnCard(cardPrefixes[i], i == 2 ? 15 : 16, r), i)));
    }
    String[][] ibanShapes = {
      {"DE", "18"},
      {"GB", "NWBK14"},
      {"FR", "23"},
      {"NL", "ABNA10"},
      {"ES", "20"},
      {"IT", "X22"},
      {"BE", "12"},
      {"PL", "24"}
    };
    for (String[] shape : ibanShapes) {
      out.add(new Pii("iban", iban(shape[0], shape[1], r, out.size() % 2 == 0)));
    }
    String[] urls = {
      "https://shop.example.com/account/reset?token=%s",
      "https://example.com/orders/%s",
      "http://www.example.org/track#id=%s",
      "https://pay.example.net/checkout?session=%s&user=42",
      "www.example.com/invite/%s",
      "https://example.com/unsubscribe?u=%s",
      "https://files.example.com/share/%s?dl=1",
      "https://example.com/login?next=/billing&auth=%s"
    };
    for (String u : urls) {
      out.add(new Pii("url", String.format(Locale.ROOT, u, token(r, 20))));
    }
    String[] handles = {
      "@jane_doe",
      "@mueller_m",
      "@liwei88",
      "@obrien_says",
      "@skowalska",
      "@ahmedk_",
      "@paolo_rossi",
      "@tnguyen"
    };
    for (String h : handles) {
      out.add(new Pii("handle", h + r.nextInt(100)));
    }
    return out;
  }

  private static String luhnCard(String prefix, int length, Random r) {
    StringBuilder b = new StringBuilder(prefix);
    while (b.length() < length - 1) {
      b.append(r.nextInt(10));
    }
    for (int check = 0; check < 10; check++) {
      if (luhn(b + String.valueOf(check))) {
        return b.append(check).toString();
      }
    }
    throw new IllegalStateException();
  }

  private static String cardFormatted(String digits, int style) {
    if (style % 3 == 0) {
      return digits;
    }
    String sep = style % 3 == 1 ? " " : "-";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < digits.length(); i += 4) {
      if (i > 0) {
        b.append(sep);
      }
      b.append(digits, i, Math.min(i + 4, digits.length()));
    }
    return b.toString();
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean alt = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (alt) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      alt = !alt;
    }
    return sum % 10 == 0;
  }

  /** An IBAN with valid check digits; bban is a digit count, or letters then a digit count. */
  private static String iban(String country, String bban, Random r, boolean grouped) {
    String letters = bban.replaceAll("\\d", "");
    int n = Integer.parseInt(bban.replaceAll("\\D", ""));
    StringBuilder b = new StringBuilder(letters);
    for (int i = 0; i < n; i++) {
      b.append(r.nextInt(10));
    }
    String body = b.toString();
    String check = String.format(Locale.ROOT, "%02d", 98 - mod97(body + country + "00"));
    String iban = country + check + body;
    if (!grouped) {
      return iban;
    }
    StringBuilder g = new StringBuilder();
    for (int i = 0; i < iban.length(); i += 4) {
      if (i > 0) {
        g.append(' ');
      }
      g.append(iban, i, Math.min(i + 4, iban.length()));
    }
    return g.toString();
  }

  static int mod97(String s) {
    StringBuilder digits = new StringBuilder();
    for (char c : s.toCharArray()) {
      digits.append(Character.isDigit(c) ? String.valueOf(c - '0') : String.valueOf(c - 'A' + 10));
    }
    return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
  }

  private static String token(Random r, int length) {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}

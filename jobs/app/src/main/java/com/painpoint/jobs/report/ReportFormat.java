package com.painpoint.jobs.report;

import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Number formats of the report: locale-independent, short, and explicit about missing values. */
public final class ReportFormat {
  static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);
  static final String NONE = "—";

  private ReportFormat() {}

  /** 277548.5 -> "278k", 1234567 -> "1.23M", 950 -> "950". */
  public static String money(Double v) {
    if (v == null || v.isNaN()) {
      return NONE;
    }
    double a = Math.abs(v);
    if (a >= 1e6) {
      return String.format(Locale.ROOT, "%.2fM", v / 1e6);
    }
    if (a >= 1e4) {
      return String.format(Locale.ROOT, "%.0fk", v / 1e3);
    }
    if (a >= 1e3) {
      return String.format(Locale.ROOT, "%.1fk", v / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", v);
  }

  /** A risk ratio with its interval: "2.58 [2.22–2.98]". */
  public static String ratio(Double rr, Double lower, Double upper) {
    if (rr == null || rr.isNaN()) {
      return NONE;
    }
    if (lower == null || upper == null) {
      return String.format(Locale.ROOT, "%.2f", rr);
    }
    return String.format(Locale.ROOT, "%.2f [%.2f–%.2f]", rr, lower, upper);
  }

  /** 0.3936 -> "39.4%". */
  public static String percent(Double share) {
    return share == null || share.isNaN()
        ? NONE
        : String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  /** 0.3936 -> "39%". */
  public static String percent0(Double share) {
    return share == null || share.isNaN()
        ? NONE
        : String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }

  /** 157366 -> "157,366". */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** 79.9212 -> "79.9". */
  public static String score(Double v) {
    return v == null || v.isNaN() ? NONE : String.format(Locale.ROOT, "%.1f", v);
  }

  /** A signed value: "+0.13", "-0.16". */
  public static String signed(Double v, int decimals) {
    return v == null || v.isNaN() ? NONE : String.format(Locale.ROOT, "%+." + decimals + "f", v);
  }

  /** An ISO instant ("2026-11-22T20:47:43.6466Z") to the minute: "2026-11-22 20:47 UTC". */
  public static String timestamp(String iso) {
    try {
      return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC)
          .format(java.time.Instant.parse(iso));
    } catch (RuntimeException e) {
      return String.valueOf(iso);
    }
  }

  /** A plain value with the given decimals. */
  public static String fixed(Double v, int decimals) {
    return v == null || v.isNaN() ? NONE : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}

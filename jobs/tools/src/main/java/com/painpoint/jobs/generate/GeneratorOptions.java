package com.painpoint.jobs.generate;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Options of the synthetic data generator, parsed from kebab-case flags and validated before any
 * work starts.
 */
record GeneratorOptions(
    int customers,
    long seed,
    String out,
    LocalDate snapshotDate,
    int days,
    double feedbackPerCustomer,
    double eventsPerCustomer,
    boolean plantBadRows)
    implements Serializable {

  /** Number of customers (CRM rows) to simulate; required. */
  static final String CUSTOMERS = "--customers";

  /** Seed of every random choice; the same seed gives the same files. Required. */
  static final String SEED = "--seed";

  /** Output directory (local path or any Hadoop file system URI); required. */
  static final String OUT = "--out";

  /** Snapshot date of the CRM export; the event window ends on it. */
  static final String SNAPSHOT_DATE = "--snapshot-date";

  /** Length of the clickstream/feedback window in days, ending on the snapshot date. */
  static final String DAYS = "--days";

  /** Mean feedback texts per customer (anonymous ones included). */
  static final String FEEDBACK_PER_CUSTOMER = "--feedback-per-customer";

  /** Mean clickstream events per customer (anonymous visitors come on top). */
  static final String EVENTS_PER_CUSTOMER = "--events-per-customer";

  /** Whether to plant the documented bad rows the engine must quarantine. */
  static final String PLANT_BAD_ROWS = "--plant-bad-rows";

  // Ids reserve 3 digits per customer for events and 2 for feedback, and customer ids have 7
  // digits, so these bounds keep every id unique and well-formed.
  static final int MAX_CUSTOMERS = 9_999_999;
  static final double MAX_EVENTS_PER_CUSTOMER = 300;
  static final double MAX_FEEDBACK_PER_CUSTOMER = 10;

  static final String USAGE =
      "usage: generate-data --customers N --seed S --out DIR [--snapshot-date 2026-06-30]"
          + " [--days 90] [--feedback-per-customer 1.5] [--events-per-customer 75]"
          + " [--plant-bad-rows true]\n"
          + "       generate-data --stats DIR   (how varied DIR's feedback text is, from its"
          + " feedback_labels.jsonl)";

  /** The first day of the window. */
  LocalDate windowStart() {
    return snapshotDate.minusDays(days - 1L);
  }

  static GeneratorOptions parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String key;
      String value;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        key = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else {
        key = arg;
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + key + " needs a value");
        }
        value = args[++i];
      }
      if (!isKnown(key)) {
        throw new IllegalArgumentException("unknown option '" + key + "'; " + USAGE);
      }
      if (values.put(key, value) != null) {
        throw new IllegalArgumentException("option " + key + " given twice");
      }
    }
    int customers =
        (int)
            parseLong(
                values,
                CUSTOMERS,
                null,
                1,
                MAX_CUSTOMERS,
                "a whole number from 1 to " + MAX_CUSTOMERS);
    long seed = parseLong(values, SEED, null, Long.MIN_VALUE, Long.MAX_VALUE, "a whole number");
    String out = required(values, OUT);
    if (out.isBlank()) {
      throw new IllegalArgumentException(OUT + " must not be blank");
    }
    LocalDate snapshot = parseDate(values.getOrDefault(SNAPSHOT_DATE, "2026-06-30"));
    int days = (int) parseLong(values, DAYS, "90", 14, 3650, "a whole number from 14 to 3650");
    double feedback =
        parseDouble(values, FEEDBACK_PER_CUSTOMER, "1.5", 0, MAX_FEEDBACK_PER_CUSTOMER);
    double events = parseDouble(values, EVENTS_PER_CUSTOMER, "75", 10, MAX_EVENTS_PER_CUSTOMER);
    boolean plant = parseBoolean(values.getOrDefault(PLANT_BAD_ROWS, "true"));
    return new GeneratorOptions(customers, seed, out, snapshot, days, feedback, events, plant);
  }

  private static boolean isKnown(String key) {
    return switch (key) {
      case CUSTOMERS,
              SEED,
              OUT,
              SNAPSHOT_DATE,
              DAYS,
              FEEDBACK_PER_CUSTOMER,
              EVENTS_PER_CUSTOMER,
              PLANT_BAD_ROWS ->
          true;
      default -> false;
    };
  }

  private static String required(Map<String, String> values, String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("missing required option " + key + "; " + USAGE);
    }
    return value;
  }

  private static long parseLong(
      Map<String, String> values,
      String key,
      String fallback,
      long min,
      long max,
      String expected) {
    String raw = fallback == null ? required(values, key) : values.getOrDefault(key, fallback);
    long parsed;
    try {
      parsed = Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be " + expected + ", got '" + raw + "'");
    }
    if (parsed < min || parsed > max) {
      throw new IllegalArgumentException(key + " must be " + expected + ", got '" + raw + "'");
    }
    return parsed;
  }

  private static double parseDouble(
      Map<String, String> values, String key, String fallback, double min, double max) {
    String raw = values.getOrDefault(key, fallback);
    String expected = "a number from " + fmt(min) + " to " + fmt(max);
    double parsed;
    try {
      parsed = Double.parseDouble(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be " + expected + ", got '" + raw + "'");
    }
    if (!(parsed >= min && parsed <= max)) {
      throw new IllegalArgumentException(key + " must be " + expected + ", got '" + raw + "'");
    }
    return parsed;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static LocalDate parseDate(String raw) {
    try {
      return LocalDate.parse(raw.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          SNAPSHOT_DATE + " must be a date like 2026-06-30, got '" + raw + "'");
    }
  }

  private static boolean parseBoolean(String raw) {
    return switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              PLANT_BAD_ROWS + " must be true or false, got '" + raw + "'");
    };
  }
}

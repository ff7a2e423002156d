package com.painpoint.jobs.nightly;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.window.LookbackWindow;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of the nightly job, parsed from {@code --flag value} (or {@code --flag=value}) pairs; a
 * bad or missing value fails here, naming the flag and the value.
 *
 * @param crm CRM export (CSV or Parquet)
 * @param feedback feedback export (CSV or JSON lines)
 * @param clickstream clickstream (Parquet folder, usually partitioned by date)
 * @param taxonomy touchpoint taxonomy (YAML)
 * @param runDate the night being computed; no input may be dated after it
 * @param out output root; the run writes {@code <out>/run_date=YYYY-MM-DD/}
 * @param config optional config file (YAML); null means defaults
 * @param lookbackDays only clickstream and feedback of the last N UTC days up to the run date
 *     count; null means all history
 * @param playbook optional counter-measure playbook (YAML); null means the default one
 * @param initiatives optional initiatives file (YAML) whose effects the night measures; null means
 *     none
 */
public record NightlyOptions(
    String crm,
    String feedback,
    String clickstream,
    String taxonomy,
    LocalDate runDate,
    String out,
    String config,
    Integer lookbackDays,
    String playbook,
    String initiatives) {

  /** Options without a lookback window (all history), with the default playbook. */
  public NightlyOptions(
      String crm,
      String feedback,
      String clickstream,
      String taxonomy,
      LocalDate runDate,
      String out,
      String config) {
    this(crm, feedback, clickstream, taxonomy, runDate, out, config, null, null, null);
  }

  /** These options with an initiatives file. */
  public NightlyOptions withInitiatives(String file) {
    return new NightlyOptions(
        crm, feedback, clickstream, taxonomy, runDate, out, config, lookbackDays, playbook, file);
  }

  /** The night's window over clickstream and feedback. */
  public LookbackWindow window() {
    return lookbackDays == null
        ? LookbackWindow.allHistory(runDate)
        : LookbackWindow.lastDays(runDate, lookbackDays);
  }

  /** Flag -> one-line help, in the order the usage text shows them. */
  static final Map<String, String> FLAGS = new LinkedHashMap<>();

  static {
    FLAGS.put("--crm", "CRM export: CSV or Parquet (required)");
    FLAGS.put("--feedback", "feedback export: CSV or JSON lines (required)");
    FLAGS.put("--clickstream", "clickstream: Parquet file or folder (required)");
    FLAGS.put("--taxonomy", "touchpoint taxonomy YAML (required)");
    FLAGS.put("--run-date", "night to compute, YYYY-MM-DD (required)");
    FLAGS.put("--out", "output root; writes <out>/run_date=YYYY-MM-DD/ (required)");
    FLAGS.put("--config", "Painpoint config YAML: column mappings, limits, thresholds (optional)");
    FLAGS.put(
        "--lookback-days",
        "count only clickstream and feedback of the last N days up to the run date (UTC);"
            + " older rows are left out and counted (optional; default: all history)");
    FLAGS.put(
        "--playbook",
        "counter-measure playbook YAML: rules from evidence to actions and owner teams"
            + " (optional; default: the playbook in the jar)");
    FLAGS.put(
        "--initiatives",
        "initiatives YAML: fixes shipped at a touchpoint from a start date, whose effect on"
            + " friction, negativity and churn the night measures (optional)");
  }

  private static final List<String> REQUIRED =
      List.of("--crm", "--feedback", "--clickstream", "--taxonomy", "--run-date", "--out");

  public static String usage() {
    StringBuilder b = new StringBuilder("usage: NightlyJob");
    for (String f : REQUIRED) {
      b.append(' ').append(f).append(" <value>");
    }
    b.append(
        " [--config <file>] [--lookback-days <N>] [--playbook <file>]"
            + " [--initiatives <file>]\n");
    FLAGS.forEach((k, v) -> b.append(String.format("  %-16s %s%n", k, v)));
    return b.toString();
  }

  public static NightlyOptions parse(String... args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value;
      int eq = flag.indexOf('=');
      if (flag.startsWith("--") && eq > 0) {
        value = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      } else {
        if (i + 1 >= args.length) {
          throw PainpointException.config("option " + flag + " needs a value");
        }
        value = args[++i];
      }
      if (!FLAGS.containsKey(flag)) {
        throw PainpointException.config(
            "unknown option '" + flag + "' (known: " + String.join(", ", FLAGS.keySet()) + ")");
      }
      if (values.put(flag, value) != null) {
        throw PainpointException.config("option " + flag + " given twice");
      }
    }
    for (String r : REQUIRED) {
      if (!values.containsKey(r) || values.get(r).isBlank()) {
        throw PainpointException.config("missing required option " + r + "\n" + usage());
      }
    }
    return new NightlyOptions(
        values.get("--crm"),
        values.get("--feedback"),
        values.get("--clickstream"),
        values.get("--taxonomy"),
        parseDate(values.get("--run-date")),
        values.get("--out"),
        values.get("--config"),
        values.containsKey("--lookback-days")
            ? parseLookbackDays(values.get("--lookback-days"))
            : null,
        values.get("--playbook"),
        values.get("--initiatives"));
  }

  private static int parseLookbackDays(String v) {
    String t = v.trim();
    // Digits only: "7d", "1.5", "-3" or "+3" are refused rather than read as something else.
    if (t.matches("[0-9]{1,9}")) {
      int days = Integer.parseInt(t);
      if (days >= 1 && days <= LookbackWindow.MAX_DAYS) {
        return days;
      }
    }
    throw PainpointException.config(
        "--lookback-days: '"
            + v
            + "' is not a whole number of days from 1 to "
            + LookbackWindow.MAX_DAYS
            + " (omit the option to use all history)");
  }

  private static LocalDate parseDate(String v) {
    try {
      LocalDate d = LocalDate.parse(v.trim());
      if (d.getYear() < 2000 || d.getYear() > 2100) {
        throw PainpointException.config(
            "--run-date: '" + v + "' is outside 2000-2100; expected the night to compute");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw PainpointException.config(
          "--run-date: '" + v + "' is not a date (expected YYYY-MM-DD)");
    }
  }
}

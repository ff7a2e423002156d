package com.painpoint.features.contracts;

import com.painpoint.features.config.SourceConfig;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What to set in the config when an input looks like a known export convention it was not read
 * with: a CSV header read as one column that holds another delimiter, epoch numbers where
 * timestamps were expected, amounts written with a decimal comma. Each hint names the key, its
 * value and the source's section, so one config line fixes the run.
 */
public final class SourceHints {
  /** Delimiters a header read as one column is searched for, most common first. */
  private static final List<String> DELIMITERS = List.of(",", ";", "\t", "|");

  private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

  /** "12,50", "1.234,50": a decimal comma, perhaps after points grouping thousands. */
  private static final Pattern DECIMAL_COMMA =
      Pattern.compile("[+-]?(\\d+|\\d{1,3}(\\.\\d{3})+),\\d+");

  private SourceHints() {}

  /**
   * For a CSV header read as one column, holding another delimiter than {@code configured}: "the
   * header looks ';'-delimited: set `delimiter: ';'` under `sources.crm` in the config"; null when
   * the header does not look like that.
   */
  static String delimiter(String source, List<String> header, String configured) {
    if (header.size() != 1) {
      return null;
    }
    String only = header.get(0);
    String best = null;
    int bestCount = 0;
    for (String d : DELIMITERS) {
      int count = only.split(Pattern.quote(d), -1).length - 1;
      if (!d.equals(configured) && count > bestCount) {
        best = d;
        bestCount = count;
      }
    }
    if (best == null) {
      return null;
    }
    String shown = best.equals("\t") ? "tab" : "'" + best + "'";
    String yaml = best.equals("\t") ? "\"\\t\"" : "'" + best + "'";
    return "the header looks "
        + shown
        + "-delimited: set `delimiter: "
        + yaml
        + "` under `sources."
        + source
        + "` in the config";
  }

  /**
   * For the most common rejection of a source that stops the run, with its example value: which
   * {@code timestamp_unit} fits epoch numbers rejected as timestamps (the one that puts the value
   * between 2000 and the end of the run date), or that amounts have a decimal comma; null when
   * neither fits.
   */
  public static String rejection(SourceContract contract, String reason, String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    for (Field f : contract.fields()) {
      boolean rejected =
          reason.equals(RejectReasons.invalid(f.name()))
              || reason.equals(RejectReasons.outOfRange(f.name()));
      if (!rejected) {
        continue;
      }
      if (f.type() == FieldType.TIMESTAMP && NUMBER.matcher(v).matches()) {
        SourceConfig.TimestampUnit unit = epochUnit(Double.parseDouble(v), contract);
        return unit == null
            ? null
            : f.name()
                + " values like '"
                + v
                + "' look like epoch "
                + describe(unit)
                + ": set `timestamp_unit: "
                + unit.key()
                + "` under `sources."
                + contract.name()
                + "` in the config";
      }
      if ((f.type() == FieldType.MONEY || f.type() == FieldType.DOUBLE)
          && DECIMAL_COMMA.matcher(v).matches()) {
        return f.name()
            + " values like '"
            + v
            + "' have a decimal comma: set `decimal: ','` under `sources."
            + contract.name()
            + "` in the config";
      }
    }
    return null;
  }

  /** The unit that puts {@code count} after 2000 and before the end of the run date, or null. */
  private static SourceConfig.TimestampUnit epochUnit(double count, SourceContract contract) {
    double earliest = Bounds.earliest().toInstant().getEpochSecond();
    double end = Bounds.endOf(contract.runDate()).toInstant().getEpochSecond();
    for (SourceConfig.TimestampUnit u : SourceConfig.TimestampUnit.values()) {
      double seconds = count / u.perSecond();
      if (seconds >= earliest && seconds < end) {
        return u;
      }
    }
    return null;
  }

  private static String describe(SourceConfig.TimestampUnit unit) {
    return switch (unit) {
      case SECONDS -> "seconds";
      case MILLIS -> "milliseconds";
      case MICROS -> "microseconds";
    };
  }
}

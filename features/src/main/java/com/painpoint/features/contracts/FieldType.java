package com.painpoint.features.contracts;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.btrim;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.config.SourceConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * The type of a contract column and how a raw value (text from CSV/JSON, or a native Parquet type)
 * becomes it. A value that is present but does not parse becomes null, which the contract turns
 * into an {@code invalid_<column>} rejection.
 */
public enum FieldType {
  /** Identifier: trimmed and lower-cased so ids from different systems join. */
  ID(DataTypes.StringType),
  /** Categorical text: trimmed and lower-cased. */
  CATEGORY(DataTypes.StringType),
  /** Short text: trimmed. */
  TEXT(DataTypes.StringType),
  /** Free text from customers: kept verbatim (only blank becomes null). */
  FREE_TEXT(DataTypes.StringType),
  /** ISO date yyyy-MM-dd. */
  DATE(DataTypes.DateType),
  /**
   * ISO-8601 timestamp; without an offset it is read as UTC (the session time zone). With the
   * source's {@code timestamp_unit}, also an epoch number (seconds, millis or micros).
   */
  TIMESTAMP(DataTypes.TimestampType),
  /** Money: decimal(14,2); with the source's {@code decimal: ','}, written with a comma. */
  MONEY(DataTypes.createDecimalType(14, 2)),
  /** true/false, yes/no, 1/0, y/n, t/f (any case). */
  BOOLEAN(DataTypes.BooleanType),
  INT(DataTypes.IntegerType),
  LONG(DataTypes.LongType),
  DOUBLE(DataTypes.DoubleType);

  private final DataType sparkType;

  FieldType(DataType sparkType) {
    this.sparkType = sparkType;
  }

  public DataType sparkType() {
    return sparkType;
  }

  /**
   * Leading and trailing whitespace of any kind (tabs, line breaks, no-break and other Unicode
   * spaces, a stray BOM): Spark's one-argument {@code trim} removes only ASCII spaces, so {@code
   * "c1\t"} and {@code "c1"} would be two customers, and a text of spaces and a line break would
   * count as written. The set is Java's {@code [\s\p{Z}\uFEFF]}, spelled out so Spark's built-in
   * trim (no regex, no conversion to a Java string) can strip it from every value.
   */
  static final String EDGE_WHITESPACE = edgeWhitespace();

  private static String edgeWhitespace() {
    StringBuilder out = new StringBuilder();
    java.util.regex.Pattern ws = java.util.regex.Pattern.compile("[\\s\\p{Z}\\uFEFF]");
    for (int cp = 0; cp <= 0xFFFF; cp++) { // \p{Z} and \s have none beyond
      if (ws.matcher(new String(Character.toChars(cp))).matches()) {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /** {@code c} without leading and trailing whitespace of any kind. */
  static Column strip(Column c) {
    return btrim(c, lit(EDGE_WHITESPACE));
  }

  /**
   * The typed value of {@code raw}, whose type in the source and {@link RawFormat} are those of
   * {@code rawField}.
   */
  Column parse(Column raw, StructField rawField) {
    DataType rawType = rawField.dataType();
    boolean textual = rawType.equals(DataTypes.StringType);
    switch (this) {
      case ID:
      case CATEGORY:
        return blankToNull(lower(strip(textual ? raw : raw.cast(DataTypes.StringType))));
      case TEXT:
        return blankToNull(strip(textual ? raw : raw.cast(DataTypes.StringType)));
      case FREE_TEXT:
        Column s = textual ? raw : raw.cast(DataTypes.StringType);
        return when(strip(s).equalTo(""), lit(null).cast(DataTypes.StringType)).otherwise(s);
      case DATE:
        if (!textual) {
          return raw.try_cast(DataTypes.DateType);
        }
        // Only yyyy-MM-dd (optionally followed by a time); '03/04/2026' is ambiguous and rejected.
        Column d = strip(raw);
        return when(d.rlike("^\\d{4}-\\d{2}-\\d{2}([T ].*)?$"), d.try_cast(DataTypes.DateType));
      case TIMESTAMP:
        SourceConfig.TimestampUnit unit = RawFormat.timestampUnit(rawField);
        if (!textual) {
          return unit != null && rawType instanceof NumericType
              ? epoch(raw, unit)
              : raw.try_cast(DataTypes.TimestampType);
        }
        Column t = strip(raw);
        Column iso = when(t.rlike("^\\d{4}-\\d{2}-\\d{2}"), t.try_cast(DataTypes.TimestampType));
        return unit == null ? iso : when(t.rlike(EPOCH_NUMBER), epoch(t, unit)).otherwise(iso);
      case BOOLEAN:
        if (rawType.equals(DataTypes.BooleanType)) {
          return raw;
        }
        Column b = lower(strip(raw.cast(DataTypes.StringType)));
        return when(b.isin("true", "yes", "1", "y", "t"), lit(true))
            .when(b.isin("false", "no", "0", "n", "f"), lit(false));
      default:
        if (rawType instanceof NumericType || rawType instanceof DecimalType) {
          return raw.try_cast(sparkType);
        }
        Column n = strip(raw.cast(DataTypes.StringType));
        return (RawFormat.decimalComma(rawField) ? pointFromComma(n) : n).try_cast(sparkType);
    }
  }

  /** A number as text: digits with an optional fraction and exponent (an epoch count). */
  private static final String EPOCH_NUMBER = "^[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?$";

  /** Microseconds of 9999-12-31, the last day Spark's timestamps hold. */
  private static final long MAX_MICROS = 253_402_300_800_000_000L;

  /**
   * The instant {@code count} units after 1970-01-01T00:00Z (fractions kept to the microsecond); a
   * count beyond the years Spark holds is null, so it is rejected as invalid rather than failing
   * the run.
   */
  private static Column epoch(Column count, SourceConfig.TimestampUnit unit) {
    Column micros =
        count
            .try_cast(DataTypes.createDecimalType(38, 9))
            .multiply(lit(1_000_000L / unit.perSecond()));
    return when(
        abs(micros).lt(lit(MAX_MICROS)), timestamp_micros(micros.try_cast(DataTypes.LongType)));
  }

  /**
   * A number written with a decimal comma ("12,50", "-0,5", "1.234,50" with points grouping
   * thousands) as Spark reads it ("12.50"); anything else is null, so "12.50" in a decimal-comma
   * export is rejected as invalid rather than read as 1250.
   */
  private static Column pointFromComma(Column text) {
    return when(
        text.rlike("^[+-]?(\\d+|\\d{1,3}(\\.\\d{3})+)(,\\d+)?$"), translate(text, ",.", "."));
  }

  private static Column blankToNull(Column c) {
    return when(c.equalTo(""), lit(null).cast(DataTypes.StringType)).otherwise(c);
  }
}

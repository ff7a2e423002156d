package com.painpoint.features.config;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How one input source is read: its format (csv, json, parquet, or auto from the path), the mapping
 * from Painpoint's column names to the company's own, how a CSV export is written (delimiter,
 * quote, escape, encoding), the decimal separator of its amounts and the unit of timestamps given
 * as epoch numbers.
 *
 * @param format csv, json, parquet or auto (from the file name)
 * @param columns our column name -> the source's column name
 * @param delimiter CSV field separator
 * @param quote CSV quote character
 * @param escape CSV character that escapes a quote inside a quoted value (the quote itself: {@code
 *     ""})
 * @param encoding CSV character set (a Java charset name: UTF-8, windows-1252, ISO-8859-1)
 * @param decimal decimal separator of amounts and scores written as text: "." or ","
 * @param timestampUnit unit of timestamps given as epoch numbers; null: timestamps are ISO-8601
 *     text or native timestamps (a number in Parquet is read as epoch seconds, as Spark casts it)
 */
public record SourceConfig(
    String format,
    Map<String, String> columns,
    String delimiter,
    String quote,
    String escape,
    String encoding,
    String decimal,
    TimestampUnit timestampUnit)
    implements Serializable {

  /** The unit of an epoch number: how many of it make a second. */
  public enum TimestampUnit {
    SECONDS(1L),
    MILLIS(1_000L),
    MICROS(1_000_000L);

    private final long perSecond;

    TimestampUnit(long perSecond) {
      this.perSecond = perSecond;
    }

    public long perSecond() {
      return perSecond;
    }

    /** The name used in the config: seconds, millis, micros. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The unit named {@code key} in the config, or null. */
    public static TimestampUnit of(String key) {
      for (TimestampUnit u : values()) {
        if (u.key().equals(key)) {
          return u;
        }
      }
      return null;
    }
  }

  static final Set<String> FORMATS = Set.of("auto", "csv", "json", "parquet");

  public static final String DEFAULT_DELIMITER = ",";
  public static final String DEFAULT_QUOTE = "\"";
  public static final String DEFAULT_ESCAPE = "\"";
  public static final String DEFAULT_ENCODING = "UTF-8";
  public static final String DECIMAL_POINT = ".";
  public static final String DECIMAL_COMMA = ",";

  public static final SourceConfig AUTO = new SourceConfig("auto", Map.of());

  public SourceConfig {
    columns = Map.copyOf(columns);
  }

  /** A standard export (comma-separated UTF-8 CSV, decimal point, ISO timestamps), mapped. */
  public SourceConfig(String format, Map<String, String> columns) {
    this(
        format,
        columns,
        DEFAULT_DELIMITER,
        DEFAULT_QUOTE,
        DEFAULT_ESCAPE,
        DEFAULT_ENCODING,
        DECIMAL_POINT,
        null);
  }

  /** The company's name for one of our columns (our own name when not mapped). */
  public String sourceName(String ourName) {
    return columns.getOrDefault(ourName, ourName);
  }

  public boolean decimalComma() {
    return DECIMAL_COMMA.equals(decimal);
  }

  /** The CSV-only options that differ from a standard export, by config key (empty: none). */
  public List<String> csvOptionsSet() {
    List<String> out = new java.util.ArrayList<>();
    if (!DEFAULT_DELIMITER.equals(delimiter)) {
      out.add("delimiter");
    }
    if (!DEFAULT_QUOTE.equals(quote)) {
      out.add("quote");
    }
    if (!DEFAULT_ESCAPE.equals(escape)) {
      out.add("escape");
    }
    if (!DEFAULT_ENCODING.equalsIgnoreCase(encoding)) {
      out.add("encoding");
    }
    return out;
  }

  /** Binds one source's section under {@code sources:}; absent keys take the defaults. */
  @JsonCreator
  static SourceConfig fromYaml(
      @JsonProperty("format") String format,
      @JsonProperty("columns") Map<String, String> columns,
      @JsonProperty("delimiter") String delimiter,
      @JsonProperty("quote") String quote,
      @JsonProperty("escape") String escape,
      @JsonProperty("encoding") String encoding,
      @JsonProperty("decimal") String decimal,
      @JsonProperty("timestamp_unit") String timestampUnit) {
    String f = requireNonNullElse(format, "auto").trim().toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(f)) {
      throw new InvalidConfigValue(
          "format", "must be one of auto, csv, json, parquet; got '" + f + "'");
    }
    Map<String, String> mapping = new HashMap<>();
    if (columns != null) {
      for (Map.Entry<String, String> e : columns.entrySet()) {
        if (e.getValue() == null || e.getValue().isBlank()) {
          throw new InvalidConfigValue("columns." + e.getKey(), "is required");
        }
        mapping.put(e.getKey(), e.getValue().trim());
      }
    }
    String sep = requireNonNullElse(delimiter, DEFAULT_DELIMITER);
    if (sep.isEmpty() || sep.contains("\n") || sep.contains("\r")) {
      throw new InvalidConfigValue(
          "delimiter", "must be one or more characters, not a line break; got '" + sep + "'");
    }
    String q = oneCharacter("quote", quote, DEFAULT_QUOTE);
    String esc = oneCharacter("escape", escape, DEFAULT_ESCAPE);
    if (sep.equals(q)) {
      throw new InvalidConfigValue(
          "delimiter", "must differ from quote, got '" + sep + "' for both");
    }
    String enc = requireNonNullElse(encoding, DEFAULT_ENCODING).trim();
    if (!supported(enc)) {
      throw new InvalidConfigValue(
          "encoding",
          "must be a character set Java knows (UTF-8, windows-1252, ISO-8859-1, …); got '"
              + enc
              + "'");
    }
    String dec = requireNonNullElse(decimal, DECIMAL_POINT);
    if (!dec.equals(DECIMAL_POINT) && !dec.equals(DECIMAL_COMMA)) {
      throw new InvalidConfigValue("decimal", "must be '.' or ','; got '" + dec + "'");
    }
    TimestampUnit unit = null;
    if (timestampUnit != null) {
      unit = TimestampUnit.of(timestampUnit.trim().toLowerCase(Locale.ROOT));
      if (unit == null) {
        throw new InvalidConfigValue(
            "timestamp_unit", "must be seconds, millis or micros; got '" + timestampUnit + "'");
      }
    }
    SourceConfig c = new SourceConfig(f, mapping, sep, q, esc, enc, dec, unit);
    if ((f.equals("json") || f.equals("parquet")) && !c.csvOptionsSet().isEmpty()) {
      throw new InvalidConfigValue(
          c.csvOptionsSet().get(0), "applies to CSV sources only, and the format is " + f);
    }
    return c;
  }

  private static String oneCharacter(String key, String value, String fallback) {
    String v = requireNonNullElse(value, fallback);
    if (v.length() != 1) {
      throw new InvalidConfigValue(key, "must be one character, got '" + v + "'");
    }
    return v;
  }

  private static boolean supported(String charset) {
    try {
      return Charset.isSupported(charset);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}

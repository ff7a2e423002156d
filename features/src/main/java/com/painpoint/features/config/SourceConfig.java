package com.painpoint.features.config;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How one input source is read: its format (csv, json, parquet, or auto from the path) and the
 * mapping from Painpoint's column names to the company's own.
 */
public record SourceConfig(String format, Map<String, String> columns) implements Serializable {

  static final Set<String> FORMATS = Set.of("auto", "csv", "json", "parquet");

  public static final SourceConfig AUTO = new SourceConfig("auto", Map.of());

  public SourceConfig {
    columns = Map.copyOf(columns);
  }

  /** The company's name for one of our columns (our own name when not mapped). */
  public String sourceName(String ourName) {
    return columns.getOrDefault(ourName, ourName);
  }

  /** Binds one source's section under {@code sources:}; absent keys take the defaults. */
  @JsonCreator
  static SourceConfig fromYaml(
      @JsonProperty("format") String format, @JsonProperty("columns") Map<String, String> columns) {
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
    return new SourceConfig(f, mapping);
  }
}

package com.painpoint.features.config;

import java.io.Serializable;
import java.util.Map;

/**
 * How one input source is read: its format (csv, json, parquet, or auto from the path) and the
 * mapping from Painpoint's column names to the company's own.
 */
public record SourceConfig(String format, Map<String, String> columns) implements Serializable {

  public static final SourceConfig AUTO = new SourceConfig("auto", Map.of());

  public SourceConfig {
    columns = Map.copyOf(columns);
  }

  /** The company's name for one of our columns (our own name when not mapped). */
  public String sourceName(String ourName) {
    return columns.getOrDefault(ourName, ourName);
  }
}

package com.painpoint.features.config;

/**
 * Thrown by a record's YAML factory for a value it refuses; {@link YamlBinding} turns it into a
 * CONFIG error naming the file and the full key path ({@code ranking.min_exposed}).
 */
public final class InvalidConfigValue extends RuntimeException {
  private final String key;
  private final String problem;

  /**
   * @param key the key, relative to the mapping the factory binds ("" for the mapping itself)
   * @param problem what is wrong, with the value: "must be > 0, got 0"
   */
  public InvalidConfigValue(String key, String problem) {
    super(key + " " + problem);
    this.key = key;
    this.problem = problem;
  }

  public String key() {
    return key;
  }

  public String problem() {
    return problem;
  }
}

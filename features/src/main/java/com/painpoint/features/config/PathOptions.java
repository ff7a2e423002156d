package com.painpoint.features.config;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/**
 * Options of the paths to churn (the impact &amp; ranking stage's Markov chain over journey
 * states).
 *
 * @param order the chain's order: 1 (a state remembers nothing) or 2 (a state is a step with the
 *     one before it, so "billing pain, then support" is a state of its own)
 * @param replicates bootstrap replicates over customers for the 95 % intervals
 * @param seed the bootstrap's seed (the same data and seed give the same intervals)
 * @param lastSteps how many steps before the end make a path into churn
 * @param topPaths how many paths into churn are kept
 */
public record PathOptions(int order, int replicates, long seed, int lastSteps, int topPaths)
    implements Serializable {
  public static final PathOptions DEFAULTS = new PathOptions(2, 200, 42L, 3, 10);

  /** Binds the {@code paths:} section: absent keys take the defaults. */
  @JsonCreator
  static PathOptions fromYaml(
      @JsonProperty("order") Integer order,
      @JsonProperty("replicates") Integer replicates,
      @JsonProperty("seed") Long seed,
      @JsonProperty("last_steps") Integer lastSteps,
      @JsonProperty("top_paths") Integer topPaths) {
    PathOptions d = DEFAULTS;
    PathOptions o =
        new PathOptions(
            requireNonNullElse(order, d.order()),
            requireNonNullElse(replicates, d.replicates()),
            requireNonNullElse(seed, d.seed()),
            requireNonNullElse(lastSteps, d.lastSteps()),
            requireNonNullElse(topPaths, d.topPaths()));
    if (o.order() < 1 || o.order() > 2) {
      throw new InvalidConfigValue("order", "must be 1 or 2, got " + o.order());
    }
    if (o.replicates() < 20 || o.replicates() > 10_000) {
      throw new InvalidConfigValue(
          "replicates", "must be between 20 and 10000, got " + o.replicates());
    }
    if (o.lastSteps() < 1 || o.lastSteps() > 10) {
      throw new InvalidConfigValue("last_steps", "must be between 1 and 10, got " + o.lastSteps());
    }
    if (o.topPaths() < 1 || o.topPaths() > 100) {
      throw new InvalidConfigValue("top_paths", "must be between 1 and 100, got " + o.topPaths());
    }
    return o;
  }
}

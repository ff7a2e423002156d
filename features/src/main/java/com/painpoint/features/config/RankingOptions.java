package com.painpoint.features.config;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/**
 * Options of the churn and ranking stage: the weights of the pain score's four components, how many
 * exposed customers a risk ratio needs before it counts, and how many themes a ranking row names.
 *
 * @param negativityWeight weight of the touchpoint's negative feedback share
 * @param frictionWeight weight of its friction rate
 * @param churnWeight weight of its churn effect (lower bound of the MH risk ratio, minus 1)
 * @param revenueWeight weight of its excess churned revenue (lower bound)
 * @param minExposed fewer exposed customers than this: the churn and revenue components are 0 and
 *     the impact row is flagged {@code enough_exposed = false}
 * @param topThemes themes named per ranked touchpoint (largest first, {@code other} never)
 */
public record RankingOptions(
    double negativityWeight,
    double frictionWeight,
    double churnWeight,
    double revenueWeight,
    int minExposed,
    int topThemes)
    implements Serializable {
  public static final RankingOptions DEFAULTS = new RankingOptions(0.25, 0.25, 0.3, 0.2, 30, 3);

  /** Sum of the four weights (the pain score divides by it, so weights need not sum to 1). */
  public double totalWeight() {
    return negativityWeight + frictionWeight + churnWeight + revenueWeight;
  }

  /** Binds the {@code ranking:} section: absent keys take the defaults. */
  @JsonCreator
  static RankingOptions fromYaml(
      @JsonProperty("negativity_weight") Double negativityWeight,
      @JsonProperty("friction_weight") Double frictionWeight,
      @JsonProperty("churn_weight") Double churnWeight,
      @JsonProperty("revenue_weight") Double revenueWeight,
      @JsonProperty("min_exposed") Integer minExposed,
      @JsonProperty("top_themes") Integer topThemes) {
    RankingOptions d = DEFAULTS;
    RankingOptions o =
        new RankingOptions(
            weight("negativity_weight", negativityWeight, d.negativityWeight()),
            weight("friction_weight", frictionWeight, d.frictionWeight()),
            weight("churn_weight", churnWeight, d.churnWeight()),
            weight("revenue_weight", revenueWeight, d.revenueWeight()),
            requireNonNullElse(minExposed, d.minExposed()),
            requireNonNullElse(topThemes, d.topThemes()));
    if (o.totalWeight() <= 0) {
      throw new InvalidConfigValue("negativity_weight", "and the other weights must not all be 0");
    }
    if (o.minExposed() < 1) {
      throw new InvalidConfigValue("min_exposed", "must be at least 1, got " + o.minExposed());
    }
    if (o.topThemes() < 0 || o.topThemes() > 10) {
      throw new InvalidConfigValue("top_themes", "must be between 0 and 10, got " + o.topThemes());
    }
    return o;
  }

  private static double weight(String key, Double value, double fallback) {
    double v = requireNonNullElse(value, fallback);
    if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      throw new InvalidConfigValue(key, "must be a number >= 0, got " + v);
    }
    return v;
  }
}

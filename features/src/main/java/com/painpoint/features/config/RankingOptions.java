package com.painpoint.features.config;

import java.io.Serializable;
import java.util.Set;

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

  static final Set<String> KEYS =
      Set.of(
          "negativity_weight",
          "friction_weight",
          "churn_weight",
          "revenue_weight",
          "min_exposed",
          "top_themes");

  /** Sum of the four weights (the pain score divides by it, so weights need not sum to 1). */
  public double totalWeight() {
    return negativityWeight + frictionWeight + churnWeight + revenueWeight;
  }

  static RankingOptions fromYaml(YamlMap m) {
    m.requireOnlyKeys(KEYS);
    RankingOptions d = DEFAULTS;
    RankingOptions o =
        new RankingOptions(
            weight(m, "negativity_weight", d.negativityWeight()),
            weight(m, "friction_weight", d.frictionWeight()),
            weight(m, "churn_weight", d.churnWeight()),
            weight(m, "revenue_weight", d.revenueWeight()),
            (int) m.longValue("min_exposed", (long) d.minExposed()).longValue(),
            (int) m.longValue("top_themes", (long) d.topThemes()).longValue());
    if (o.totalWeight() <= 0) {
      throw m.error("negativity_weight", "and the other weights must not all be 0");
    }
    if (o.minExposed() < 1) {
      throw m.error("min_exposed", "must be at least 1, got " + o.minExposed());
    }
    if (o.topThemes() < 0 || o.topThemes() > 10) {
      throw m.error("top_themes", "must be between 0 and 10, got " + o.topThemes());
    }
    return o;
  }

  private static double weight(YamlMap m, String key, double fallback) {
    double v = m.doubleValue(key, fallback);
    if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      throw m.error(key, "must be a number >= 0, got " + v);
    }
    return v;
  }
}

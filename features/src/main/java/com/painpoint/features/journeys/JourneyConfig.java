package com.painpoint.features.journeys;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.painpoint.features.config.InvalidConfigValue;
import java.io.Serializable;

/**
 * Thresholds of the journeys stage.
 *
 * @param sessionGapMinutes inactivity that ends a session when the data has no session_id
 * @param rageClickCount clicks on one target that count as a rage click
 * @param rageClickWindowMs window within which those clicks must fall
 * @param loopVisits visits to one touchpoint in one session that count as a loop
 * @param slowPercentile percentile of a touchpoint's own page durations above which a view is slow
 *     (used when the touchpoint sets no slow_ms)
 */
public record JourneyConfig(
    long sessionGapMinutes,
    int rageClickCount,
    long rageClickWindowMs,
    int loopVisits,
    double slowPercentile)
    implements Serializable {

  public static final JourneyConfig DEFAULTS = new JourneyConfig(30, 3, 2000, 3, 0.95);

  /** Binds the config's {@code journeys:} section: absent keys take the defaults. */
  @JsonCreator
  static JourneyConfig fromYaml(
      @JsonProperty("session_gap_minutes") Long sessionGapMinutes,
      @JsonProperty("rage_click_count") Integer rageClickCount,
      @JsonProperty("rage_click_window_ms") Long rageClickWindowMs,
      @JsonProperty("loop_visits") Integer loopVisits,
      @JsonProperty("slow_percentile") Double slowPercentile) {
    JourneyConfig d = DEFAULTS;
    JourneyConfig j =
        new JourneyConfig(
            positive("session_gap_minutes", sessionGapMinutes, d.sessionGapMinutes()),
            (int) positive("rage_click_count", rageClickCount, d.rageClickCount()),
            positive("rage_click_window_ms", rageClickWindowMs, d.rageClickWindowMs()),
            (int) positive("loop_visits", loopVisits, d.loopVisits()),
            requireNonNullElse(slowPercentile, d.slowPercentile()));
    if (j.slowPercentile() <= 0 || j.slowPercentile() >= 1) {
      throw new InvalidConfigValue(
          "slow_percentile", "must be between 0 and 1, got " + j.slowPercentile());
    }
    if (j.rageClickCount() < 2 || j.loopVisits() < 2) {
      throw new InvalidConfigValue(
          "rage_click_count",
          "and loop_visits must be at least 2, got "
              + j.rageClickCount()
              + " and "
              + j.loopVisits());
    }
    return j;
  }

  private static long positive(String key, Number value, long fallback) {
    long v = value == null ? fallback : value.longValue();
    if (v <= 0) {
      throw new InvalidConfigValue(key, "must be > 0, got " + v);
    }
    return v;
  }
}

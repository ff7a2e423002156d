package com.painpoint.features.journeys;

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
}

package com.painpoint.features.journeys;

import com.painpoint.features.taxonomy.Taxonomy;
import java.sql.Timestamp;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The journeys stage end to end: map events to touchpoints, sessionize, derive friction per session
 * x touchpoint. Aggregates are in {@link JourneyAggregates}.
 */
public final class Journeys {
  private Journeys() {}

  /**
   * @param events accepted clickstream rows (the clickstream contract's schema)
   * @param asOf end of the data window (first instant after the run date)
   */
  public static Dataset<Row> sessionTouchpoints(
      Dataset<Row> events, Taxonomy taxonomy, JourneyConfig config, Timestamp asOf) {
    Dataset<Row> mapped = TouchpointMapper.withTouchpoint(events, taxonomy);
    Dataset<Row> sessions = Sessionizer.withSessions(mapped, config);
    // Thresholds come from the mapped events before the sessionizer's shuffle by actor: they need
    // no session, and reading them from its output would shuffle every event a second time.
    return FrictionSignals.sessionTouchpoints(
        sessions, FrictionSignals.slowThresholds(mapped, taxonomy, config), taxonomy, config, asOf);
  }
}

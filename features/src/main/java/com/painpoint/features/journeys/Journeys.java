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
    return FrictionSignals.sessionTouchpoints(sessions, taxonomy, config, asOf);
  }
}

package com.painpoint.jobs.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.contracts.ClickstreamSchema;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.taxonomy.Touchpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stops a run whose taxonomy maps none of the night's events to a touchpoint: every later stage
 * would rank nothing, and the cause is almost always url patterns written for another site (or a
 * full url where a path was meant), which the message shows next to the most common urls.
 */
final class TouchpointCoverage {
  private static final int EXAMPLES = 3;

  private TouchpointCoverage() {}

  /**
   * @param sessionTouchpointRows rows the journeys stage produced (one per session x touchpoint)
   * @param events the accepted events it read
   */
  static void check(
      long sessionTouchpointRows, Dataset<Row> events, Taxonomy taxonomy, String taxonomyPath) {
    if (sessionTouchpointRows > 0) {
      return;
    }
    // Only on failure: one pass to name the most common url paths (as patterns see them).
    Dataset<Row> byUrl =
        events
            .select(
                regexp_replace(
                        regexp_replace(
                            col(ClickstreamSchema.URL), "^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", ""),
                        "[?#].*$",
                        "")
                    .as("path"),
                col(ClickstreamSchema.EVENT_TYPE))
            .groupBy(col("path"), col(ClickstreamSchema.EVENT_TYPE))
            .agg(count(lit(1)).as("n"))
            .cache();
    try {
      List<Row> top =
          byUrl
              .orderBy(
                  col("n").desc(), col("path").asc_nulls_last(), col(ClickstreamSchema.EVENT_TYPE))
              .limit(EXAMPLES)
              .collectAsList();
      if (top.isEmpty()) {
        return; // no events at all: nothing to match, and nothing wrong with the taxonomy
      }
      long total = byUrl.agg(org.apache.spark.sql.functions.sum(col("n"))).first().getLong(0);
      List<String> examples = new ArrayList<>();
      for (Row r : top) {
        examples.add(
            "url '"
                + (r.isNullAt(0) ? "" : r.getString(0))
                + "' event_type '"
                + r.getString(1)
                + "' ("
                + r.getLong(2)
                + " events)");
      }
      throw PainpointException.config(
          "taxonomy "
              + taxonomyPath
              + ": none of the "
              + total
              + " clickstream events matched a touchpoint (touchpoints: "
              + taxonomy.touchpoints().stream()
                  .map(Touchpoint::name)
                  .collect(Collectors.joining(", "))
              + "); most common: "
              + String.join(", ", examples)
              + "; check url_patterns and events");
    } finally {
      byUrl.unpersist();
    }
  }
}

package com.painpoint.features.journeys;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.mode;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.contracts.ClickstreamSchema;
import com.painpoint.features.taxonomy.Taxonomy;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The concrete evidence behind a touchpoint's friction, for the counter-measures: where its errors
 * happen (url pattern and status code), which of its pages are slow (p95 against the touchpoint's
 * threshold) and the step after which abandoned sessions stop. One row per touchpoint x kind x url
 * pattern (x status code for errors), the {@code perKind} largest per touchpoint and kind.
 *
 * <p>Urls are reduced to patterns before counting: the query string and fragment are cut and path
 * segments that are ids (digits, or 16+ hex digits and dashes, as in a uuid) become {@code {id}},
 * so {@code /tracking/48213?ref=mail} and {@code /tracking/10077} count as {@code /tracking/{id}}.
 */
public final class FrictionEvidence {
  public static final String TOUCHPOINT = JourneyColumns.TOUCHPOINT;
  public static final String KIND = "kind";
  public static final String RANK = "rank";
  public static final String URL = "url";

  /**
   * Errors: the url's most frequent status code (ties: the lowest); null for client-side errors.
   */
  public static final String STATUS_CODE = "status_code";

  /**
   * Errors: the url's most frequent failing request type (form_submit, page_view...; {@code error}
   * only when the url has nothing but error events).
   */
  public static final String EVENT_TYPE = "event_type";

  /** Events behind the row: failing requests, slow page views, abandoned sessions. */
  public static final String EVENTS = "events";

  /** Distinct customers (or anonymous visitors) behind the row. */
  public static final String CUSTOMERS = "customers";

  /** The row's events over all of the kind's events at the touchpoint. */
  public static final String SHARE = "share";

  /**
   * Slowness: the 95th percentile of the url's page-view durations (all of them; exact, linearly
   * interpolated, rounded to whole ms).
   */
  public static final String P95_MS = "p95_ms";

  /** Slowness: the touchpoint's threshold a page view must exceed to be slow. */
  public static final String THRESHOLD_MS = "threshold_ms";

  private FrictionEvidence() {}

  /** A url's pattern: no query or fragment, id segments as {@code {id}}; null stays null. */
  public static Column urlPattern(Column url) {
    Column path = regexp_replace(url, "[?#].*$", "");
    return regexp_replace(path, "/(?:[0-9]+|[0-9a-fA-F-]{16,})(?=/|$)", "/{id}");
  }

  /**
   * The evidence table. The events are read three times, once per kind, and each pass maps to
   * touchpoints only the events it counts: failing requests (a few percent of the events), page
   * views with a duration, and the events at the last instant of an abandoned visit, found by a
   * join on the raw events before any mapping. Nothing is persisted.
   *
   * @param events accepted clickstream rows (the clickstream contract's schema)
   * @param sessionTouchpoints the journeys stage's session x touchpoint rows ({@link
   *     FrictionSignals#sessionTouchpoints}): their slowness thresholds and abandoned sessions
   * @param perKind rows kept per touchpoint and kind (the largest by customers)
   */
  public static Dataset<Row> table(
      Dataset<Row> events, Dataset<Row> sessionTouchpoints, Taxonomy taxonomy, int perKind) {
    Column pageView =
        col(ClickstreamSchema.EVENT_TYPE)
            .equalTo(ClickstreamSchema.TYPE_PAGE_VIEW)
            .and(col(ClickstreamSchema.DURATION_MS).isNotNull());
    Dataset<Row> errors = errors(mapped(events.filter(FrictionSignals.isError()), taxonomy));
    Dataset<Row> slowness = slowness(mapped(events.filter(pageView), taxonomy), sessionTouchpoints);
    Dataset<Row> abandonment = abandonment(events, sessionTouchpoints, taxonomy);
    Dataset<Row> all = errors.unionByName(slowness).unionByName(abandonment);
    var perTouchpointKind = Window.partitionBy(col(TOUCHPOINT), col(KIND));
    return all.withColumn(SHARE, col(EVENTS).divide(sum(col(EVENTS)).over(perTouchpointKind)))
        .withColumn(
            RANK,
            row_number()
                .over(
                    perTouchpointKind.orderBy(
                        col(CUSTOMERS).desc(),
                        col(EVENTS).desc(),
                        col(URL).asc_nulls_last(),
                        col(STATUS_CODE).asc_nulls_last())))
        .filter(col(RANK).leq(perKind))
        .select(
            col(TOUCHPOINT),
            col(KIND),
            col(RANK),
            col(URL),
            col(STATUS_CODE),
            col(EVENT_TYPE),
            col(EVENTS),
            col(CUSTOMERS),
            col(SHARE),
            col(P95_MS),
            col(THRESHOLD_MS))
        .orderBy(col(TOUCHPOINT), col(KIND), col(RANK));
  }

  /** Failing requests per touchpoint and url pattern (evidence rows without share and rank). */
  static Dataset<Row> errors(Dataset<Row> mapped) {

    // Errors as the friction signals count them.
    Column isError = FrictionSignals.isError();
    // Per url, all its failing requests together (a payment call failing with 500, 502 and 503 is
    // one thing to fix); its status code is the most frequent one there (null: client-side errors
    // without a status).
    Dataset<Row> errors =
        mapped
            .filter(isError)
            .groupBy(col(TOUCHPOINT), col(URL))
            .agg(
                count(lit(1)).as(EVENTS),
                countDistinct(col(JourneyColumns.ACTOR_ID)).as(CUSTOMERS),
                mode(col(ClickstreamSchema.STATUS_CODE), true).as(STATUS_CODE),
                // The request that failed (form_submit, page_view...) rather than the error event
                // a page may log beside it; error when that is all there is.
                coalesce(
                        mode(
                            when(
                                col(ClickstreamSchema.EVENT_TYPE)
                                    .notEqual(ClickstreamSchema.TYPE_ERROR),
                                col(ClickstreamSchema.EVENT_TYPE)),
                            true),
                        mode(col(ClickstreamSchema.EVENT_TYPE), true))
                    .as(EVENT_TYPE))
            .select(
                col(TOUCHPOINT),
                lit(JourneyColumns.KIND_ERROR).as(KIND),
                col(URL),
                col(STATUS_CODE),
                col(EVENT_TYPE),
                col(EVENTS),
                col(CUSTOMERS),
                lit(null).cast(DataTypes.LongType).as(P95_MS),
                lit(null).cast(DataTypes.LongType).as(THRESHOLD_MS));
    return errors;
  }

  /** Slow page views per touchpoint and url pattern, with the pattern's p95 and threshold. */
  static Dataset<Row> slowness(Dataset<Row> mapped, Dataset<Row> sessionTouchpoints) {
    Dataset<Row> thresholds =
        sessionTouchpoints
            .groupBy(col(TOUCHPOINT))
            .agg(max(col(JourneyColumns.SLOW_THRESHOLD_MS)).as(THRESHOLD_MS))
            .filter(col(THRESHOLD_MS).isNotNull());
    Column slow = col(ClickstreamSchema.DURATION_MS).gt(col(THRESHOLD_MS));
    Dataset<Row> slowness =
        mapped
            .filter(
                col(ClickstreamSchema.EVENT_TYPE)
                    .equalTo(ClickstreamSchema.TYPE_PAGE_VIEW)
                    .and(col(ClickstreamSchema.DURATION_MS).isNotNull()))
            .join(broadcast(thresholds), TOUCHPOINT)
            .groupBy(col(TOUCHPOINT), col(URL))
            .agg(
                sum(when(slow, 1).otherwise(0)).cast(DataTypes.LongType).as(EVENTS),
                countDistinct(when(slow, col(JourneyColumns.ACTOR_ID))).as(CUSTOMERS),
                // Exact (interpolated), so the figure does not depend on the partitioning, as
                // an approximate percentile's sketch merge does.
                round(percentile(col(ClickstreamSchema.DURATION_MS), lit(0.95)))
                    .cast(DataTypes.LongType)
                    .as(P95_MS),
                max(col(THRESHOLD_MS)).as(THRESHOLD_MS))
            .filter(col(EVENTS).gt(0))
            .select(
                col(TOUCHPOINT),
                lit(JourneyColumns.KIND_SLOWNESS).as(KIND),
                col(URL),
                lit(null).cast(DataTypes.IntegerType).as(STATUS_CODE),
                lit(null).cast(DataTypes.StringType).as(EVENT_TYPE),
                col(EVENTS),
                col(CUSTOMERS),
                col(P95_MS),
                col(THRESHOLD_MS));
    return slowness;
  }

  /**
   * Events with a touchpoint, with the actor (as the sessionizer names it) and the url pattern, and
   * only the columns the evidence reads.
   */
  static Dataset<Row> mapped(Dataset<Row> events, Taxonomy taxonomy) {
    return TouchpointMapper.withTouchpoint(events, taxonomy)
        .filter(col(TOUCHPOINT).isNotNull())
        .select(
            col(TOUCHPOINT),
            Sessionizer.actor().as(JourneyColumns.ACTOR_ID),
            col(ClickstreamSchema.EVENT_TIME),
            col(ClickstreamSchema.EVENT_TYPE),
            urlPattern(col(ClickstreamSchema.URL)).as(URL),
            col(ClickstreamSchema.STATUS_CODE),
            col(ClickstreamSchema.DURATION_MS));
  }

  /** Per touchpoint and url pattern, the abandoned sessions whose last event there it was. */
  static Dataset<Row> abandonment(
      Dataset<Row> events, Dataset<Row> sessionTouchpoints, Taxonomy taxonomy) {
    // Abandonment: the last event of each abandoned session at the touchpoint is where it stopped.
    Dataset<Row> abandonedAt =
        sessionTouchpoints
            .filter(col(JourneyColumns.HAS_ABANDONMENT))
            .select(
                col(JourneyColumns.ACTOR_ID),
                col(JourneyColumns.SESSION_KEY),
                col(TOUCHPOINT).as("_tp"),
                col(JourneyColumns.END_TIME).as("_end"));
    // The actor's events at that instant, joined on the raw events (four columns) so that only
    // they are mapped to touchpoints; the one mapped to the abandoned touchpoint is the stop.
    Dataset<Row> atEnd =
        events
            .select(
                Sessionizer.actor().as("_actor"),
                col(ClickstreamSchema.EVENT_TIME),
                col(ClickstreamSchema.EVENT_TYPE),
                col(ClickstreamSchema.URL))
            .join(
                abandonedAt,
                col("_actor")
                    .equalTo(col(JourneyColumns.ACTOR_ID))
                    .and(col(ClickstreamSchema.EVENT_TIME).equalTo(col("_end"))));
    // The touchpoint is compared inside the aggregate, not in a filter: Spark would push such a
    // filter into the join as a key and map every event. Events at the same instant: one step per
    // session, the greatest url.
    Dataset<Row> abandonment =
        TouchpointMapper.withTouchpoint(atEnd, taxonomy)
            .groupBy(col("_tp"), col(JourneyColumns.ACTOR_ID), col(JourneyColumns.SESSION_KEY))
            .agg(
                max(when(
                        col(TOUCHPOINT).equalTo(col("_tp")),
                        urlPattern(col(ClickstreamSchema.URL))))
                    .as(URL))
            .filter(col(URL).isNotNull())
            .withColumnRenamed("_tp", TOUCHPOINT)
            .groupBy(col(TOUCHPOINT), col(URL))
            .agg(
                count(lit(1)).as(EVENTS), countDistinct(col(JourneyColumns.ACTOR_ID)).as(CUSTOMERS))
            .select(
                col(TOUCHPOINT),
                lit(JourneyColumns.KIND_ABANDONMENT).as(KIND),
                col(URL),
                lit(null).cast(DataTypes.IntegerType).as(STATUS_CODE),
                lit(null).cast(DataTypes.StringType).as(EVENT_TYPE),
                col(EVENTS),
                col(CUSTOMERS),
                lit(null).cast(DataTypes.LongType).as(P95_MS),
                lit(null).cast(DataTypes.LongType).as(THRESHOLD_MS));
    return abandonment;
  }
}

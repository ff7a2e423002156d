package com.painpoint.features.journeys;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.contracts.ClickstreamSchema;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.taxonomy.Touchpoint;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Derives friction per session x touchpoint from sessionized, touchpoint-mapped events: errors,
 * rage clicks, loops, abandonment and slowness, each a flag plus the counts behind it.
 */
public final class FrictionSignals {
  private FrictionSignals() {}

  /**
   * One row per (actor, session, touchpoint) for events with a touchpoint.
   *
   * @param events output of {@link Sessionizer#withSessions} with a touchpoint column
   * @param asOf end of the data window: a session whose last event is within the session gap of it
   *     may still be going on, so it cannot be called abandoned yet
   */
  public static Dataset<Row> sessionTouchpoints(
      Dataset<Row> events, Taxonomy taxonomy, JourneyConfig config, Timestamp asOf) {
    return sessionTouchpoints(
        events, slowThresholds(events, taxonomy, config), taxonomy, config, asOf);
  }

  /**
   * As {@link #sessionTouchpoints(Dataset, Taxonomy, JourneyConfig, Timestamp)}, with the slowness
   * thresholds already computed ({@link #slowThresholds}), e.g. from the events before they were
   * sessionized.
   */
  public static Dataset<Row> sessionTouchpoints(
      Dataset<Row> events,
      Dataset<Row> thresholds,
      Taxonomy taxonomy,
      JourneyConfig config,
      Timestamp asOf) {
    Column time = col(ClickstreamSchema.EVENT_TIME);
    Column millis = unix_millis(time);
    Column tp = col(JourneyColumns.TOUCHPOINT);
    WindowSpec inOrder =
        Window.partitionBy(col(JourneyColumns.ACTOR_ID), col(JourneyColumns.SESSION_KEY))
            .orderBy(time, col(ClickstreamSchema.EVENT_ID));
    Column isClick =
        col(ClickstreamSchema.EVENT_TYPE)
            .equalTo(ClickstreamSchema.TYPE_CLICK)
            .and(col(ClickstreamSchema.TARGET).isNotNull());
    WindowSpec sameTarget =
        Window.partitionBy(
                col(JourneyColumns.ACTOR_ID),
                col(JourneyColumns.SESSION_KEY),
                isClick,
                col(ClickstreamSchema.TARGET))
            .orderBy(time, col(ClickstreamSchema.EVENT_ID));
    // The n-th click on a target within the window of the (n-1)-th earlier one makes a rage click.
    Column nthBack = lag(millis, config.rageClickCount() - 1).over(sameTarget);
    Column rage =
        isClick.and(nthBack.isNotNull()).and(millis.minus(nthBack).leq(config.rageClickWindowMs()));
    Column visitStart = tp.isNotNull().and(lag(tp, 1).over(inOrder).eqNullSafe(tp).unary_$bang());
    Column isError = isError();
    Column isSlow =
        col(ClickstreamSchema.EVENT_TYPE)
            .equalTo(ClickstreamSchema.TYPE_PAGE_VIEW)
            .and(coalesce(col(ClickstreamSchema.DURATION_MS).gt(col("_threshold")), lit(false)));

    // The session's end over the ordered spec with the whole session as frame, in the same select
    // as the visit starts: both then share one sort of the events.
    Column sessionEnd =
        max(time)
            .over(inOrder.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing()));
    Dataset<Row> flagged =
        events
            .select(
                col("*"),
                visitStart.as("_visit_start"),
                rage.as("_rage"),
                sessionEnd.as("_session_end"))
            .filter(tp.isNotNull())
            .join(broadcast(thresholds), JourneyColumns.TOUCHPOINT)
            .withColumn("_is_error", isError)
            .withColumn("_is_slow", isSlow)
            .withColumn("_is_start", flowEvent(taxonomy, true))
            .withColumn("_is_success", flowEvent(taxonomy, false));

    Dataset<Row> perSession =
        flagged
            // customer_id is a key, not max(customer_id): it is constant per actor (the actor
            // is the customer id when there is one), and a string max would force a sort-based
            // aggregate over every event.
            .groupBy(
                col(JourneyColumns.ACTOR_ID),
                col(JourneyColumns.SESSION_KEY),
                col(JourneyColumns.TOUCHPOINT),
                col(ClickstreamSchema.CUSTOMER_ID))
            .agg(
                min(time).as(JourneyColumns.START_TIME),
                max(time).as(JourneyColumns.END_TIME),
                count(lit(1)).as(JourneyColumns.EVENTS),
                sum(when(col("_visit_start"), 1).otherwise(0)).as(JourneyColumns.VISITS),
                sum(when(col("_is_error"), 1).otherwise(0)).as(JourneyColumns.ERROR_EVENTS),
                sum(when(col("_rage"), 1).otherwise(0)).as(JourneyColumns.RAGE_CLICKS),
                sum(when(col("_is_slow"), 1).otherwise(0)).as(JourneyColumns.SLOW_VIEWS),
                max(col("_is_start")).as("_has_start"),
                max(col("_is_success")).as("_has_success"),
                max(col("_session_end")).as("_session_end"),
                max(col("_threshold")).as(JourneyColumns.SLOW_THRESHOLD_MS));

    long gapMs = config.sessionGapMinutes() * 60_000L;
    Column ended = unix_millis(col("_session_end")).leq(asOf.getTime() - gapMs);
    Column hasError = col(JourneyColumns.ERROR_EVENTS).gt(0);
    Column hasRage = col(JourneyColumns.RAGE_CLICKS).gt(0);
    Column hasLoop = col(JourneyColumns.VISITS).geq(config.loopVisits());
    Column hasAbandonment = col("_has_start").and(col("_has_success").unary_$bang()).and(ended);
    Column hasSlowness = col(JourneyColumns.SLOW_VIEWS).gt(0);
    return perSession
        .withColumn(JourneyColumns.HAS_ERROR, hasError)
        .withColumn(JourneyColumns.HAS_RAGE_CLICK, hasRage)
        .withColumn(JourneyColumns.HAS_LOOP, hasLoop)
        .withColumn(JourneyColumns.HAS_ABANDONMENT, hasAbandonment)
        .withColumn(JourneyColumns.HAS_SLOWNESS, hasSlowness)
        .withColumn(
            JourneyColumns.HAS_FRICTION,
            hasError.or(hasRage).or(hasLoop).or(hasAbandonment).or(hasSlowness))
        .withColumn(
            JourneyColumns.FRICTION_KINDS,
            array_compact(
                array(
                    when(hasError, lit(JourneyColumns.KIND_ERROR)),
                    when(hasRage, lit(JourneyColumns.KIND_RAGE_CLICK)),
                    when(hasLoop, lit(JourneyColumns.KIND_LOOP)),
                    when(hasAbandonment, lit(JourneyColumns.KIND_ABANDONMENT)),
                    when(hasSlowness, lit(JourneyColumns.KIND_SLOWNESS)))))
        .drop("_has_start", "_has_success", "_session_end");
  }

  /** An error, as the friction signals count it: an error event or a response with a 5xx status. */
  static Column isError() {
    return col(ClickstreamSchema.EVENT_TYPE)
        .equalTo(ClickstreamSchema.TYPE_ERROR)
        .or(coalesce(col(ClickstreamSchema.STATUS_CODE).geq(500), lit(false)));
  }

  /**
   * Slowness threshold per touchpoint: its configured slow_ms, else the configured percentile of
   * its own page-view durations. Touchpoints without page views get no threshold (never slow).
   */
  public static Dataset<Row> slowThresholds(
      Dataset<Row> events, Taxonomy taxonomy, JourneyConfig config) {
    StructType schema =
        DataTypes.createStructType(
            List.of(
                DataTypes.createStructField(JourneyColumns.TOUCHPOINT, DataTypes.StringType, false),
                DataTypes.createStructField("_configured", DataTypes.LongType, true)));
    List<Row> rows = new ArrayList<>();
    for (Touchpoint t : taxonomy.touchpoints()) {
      rows.add(RowFactory.create(t.name(), t.slowMs()));
    }
    Dataset<Row> configured = events.sparkSession().createDataFrame(rows, schema);
    Dataset<Row> observed =
        events
            .filter(
                col(JourneyColumns.TOUCHPOINT)
                    .isNotNull()
                    .and(
                        col(ClickstreamSchema.EVENT_TYPE).equalTo(ClickstreamSchema.TYPE_PAGE_VIEW))
                    .and(col(ClickstreamSchema.DURATION_MS).isNotNull()))
            .groupBy(col(JourneyColumns.TOUCHPOINT))
            .agg(
                percentile_approx(
                        col(ClickstreamSchema.DURATION_MS),
                        lit(config.slowPercentile()),
                        lit(10_000))
                    .as("_observed"));
    return configured
        .join(observed, JourneyColumns.TOUCHPOINT, "left")
        .select(
            col(JourneyColumns.TOUCHPOINT),
            coalesce(col("_configured"), col("_observed"))
                .cast(DataTypes.LongType)
                .as("_threshold"));
  }

  private static Column flowEvent(Taxonomy taxonomy, boolean start) {
    Column out = lit(false);
    for (Touchpoint t : taxonomy.touchpoints()) {
      List<String> names = start ? t.startEvents() : t.successEvents();
      if (names.isEmpty()) {
        continue;
      }
      Object[] lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toArray();
      out =
          out.or(
              col(JourneyColumns.TOUCHPOINT)
                  .equalTo(t.name())
                  .and(col(ClickstreamSchema.EVENT_TYPE).isin(lower)));
    }
    return out;
  }
}

package com.painpoint.features.journeys;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.contracts.ClickstreamSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Adds the actor (customer or anonymous visitor) and a session key to every event. Events that
 * carry a session_id keep it; the others are split into sessions at the configured inactivity gap.
 * Events are hash-partitioned by actor once, so every later window and per-session aggregate runs
 * without another shuffle.
 */
public final class Sessionizer {
  private Sessionizer() {}

  /** The actor of an event: its customer id, else {@code anon:} and its anonymous id. */
  static Column actor() {
    return coalesce(
        col(ClickstreamSchema.CUSTOMER_ID),
        concat(lit("anon:"), col(ClickstreamSchema.ANONYMOUS_ID)));
  }

  public static Dataset<Row> withSessions(Dataset<Row> events, JourneyConfig config) {
    Column actor = actor();
    // A column, not an expression: two window functions over the same expression get two aliases
    // and Spark then sorts every event once for each.
    Column hasSession = col("_has_session");
    WindowSpec byActor =
        Window.partitionBy(col(JourneyColumns.ACTOR_ID), hasSession)
            .orderBy(col(ClickstreamSchema.EVENT_TIME), col(ClickstreamSchema.EVENT_ID));
    Column millis = unix_millis(col(ClickstreamSchema.EVENT_TIME));
    Column previous = lag(millis, 1).over(byActor);
    long gapMs = config.sessionGapMinutes() * 60_000L;
    Column startsSession =
        when(previous.isNull().or(millis.minus(previous).gt(gapMs)), 1).otherwise(0);
    Column sessionNumber =
        sum(col("_starts"))
            .over(byActor.rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
    Column key =
        when(
                hasSession,
                concat(col(JourneyColumns.ACTOR_ID), lit("|"), col(ClickstreamSchema.SESSION_ID)))
            .otherwise(
                concat(
                    col(JourneyColumns.ACTOR_ID),
                    lit("|~"),
                    col("_session_number").cast("string")));
    return events
        .withColumn(JourneyColumns.ACTOR_ID, actor)
        .repartition(col(JourneyColumns.ACTOR_ID))
        .withColumn("_has_session", col(ClickstreamSchema.SESSION_ID).isNotNull())
        .withColumn("_starts", startsSession)
        .withColumn("_session_number", sessionNumber)
        .withColumn(JourneyColumns.SESSION_KEY, key)
        .drop("_has_session", "_starts", "_session_number");
  }
}

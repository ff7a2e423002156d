package com.painpoint.features.journeys;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.contracts.ClickstreamSchema;
import com.painpoint.features.spark.GlobalOrder;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.taxonomy.Touchpoint;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Rolls session x touchpoint friction up per touchpoint (the friction table, ranked) and per
 * customer (each friction exposure with its time, for the churn work).
 */
public final class JourneyAggregates {
  static final List<String> KINDS = JourneyColumns.KINDS;

  private static final List<String> FLAGS =
      List.of(
          JourneyColumns.HAS_ERROR,
          JourneyColumns.HAS_RAGE_CLICK,
          JourneyColumns.HAS_LOOP,
          JourneyColumns.HAS_ABANDONMENT,
          JourneyColumns.HAS_SLOWNESS);

  private JourneyAggregates() {}

  /**
   * One row per taxonomy touchpoint (also those without sessions): sessions, customers, friction
   * sessions, friction rate overall and by kind, ranked by friction rate (ties by journey
   * position).
   */
  public static Dataset<Row> touchpointFriction(
      Dataset<Row> sessionTouchpoints, Taxonomy taxonomy) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)).as(JourneyColumns.SESSIONS));
    aggs.add(count_distinct(col(ClickstreamSchema.CUSTOMER_ID)).as(JourneyColumns.CUSTOMERS));
    aggs.add(
        sum(when(col(JourneyColumns.HAS_FRICTION), 1L).otherwise(0L))
            .as(JourneyColumns.FRICTION_SESSIONS));
    for (int i = 0; i < KINDS.size(); i++) {
      aggs.add(sum(when(col(FLAGS.get(i)), 1L).otherwise(0L)).as("_n_" + KINDS.get(i)));
    }
    aggs.add(max(col(JourneyColumns.SLOW_THRESHOLD_MS)).as(JourneyColumns.SLOW_THRESHOLD_MS));
    Dataset<Row> perTouchpoint =
        sessionTouchpoints
            .groupBy(col(JourneyColumns.TOUCHPOINT))
            .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));

    List<Column> select = new ArrayList<>();
    select.add(col(JourneyColumns.TOUCHPOINT));
    select.add(col(JourneyColumns.POSITION));
    select.add(col(JourneyColumns.OWNER));
    select.add(col(JourneyColumns.OUTCOME));
    select.add(coalesce(col(JourneyColumns.SESSIONS), lit(0L)).as(JourneyColumns.SESSIONS));
    select.add(coalesce(col(JourneyColumns.CUSTOMERS), lit(0L)).as(JourneyColumns.CUSTOMERS));
    select.add(
        coalesce(col(JourneyColumns.FRICTION_SESSIONS), lit(0L))
            .as(JourneyColumns.FRICTION_SESSIONS));
    select.add(rate(col(JourneyColumns.FRICTION_SESSIONS)).as(JourneyColumns.FRICTION_RATE));
    for (String kind : KINDS) {
      select.add(rate(col("_n_" + kind)).as(JourneyColumns.rateOf(kind)));
    }
    select.add(col(JourneyColumns.SLOW_THRESHOLD_MS));
    Dataset<Row> table =
        taxonomyTable(sessionTouchpoints, taxonomy)
            .join(perTouchpoint, JourneyColumns.TOUCHPOINT, "left")
            .select(select.toArray(Column[]::new));
    return GlobalOrder.rowNumber(
            table,
            JourneyColumns.FRICTION_RANK,
            col(JourneyColumns.FRICTION_RATE).desc_nulls_last(),
            col(JourneyColumns.POSITION),
            col(JourneyColumns.TOUCHPOINT))
        .withColumn(
            JourneyColumns.FRICTION_RANK,
            col(JourneyColumns.FRICTION_RANK).cast(DataTypes.IntegerType))
        .orderBy(col(JourneyColumns.FRICTION_RANK));
  }

  /** Each friction exposure of a known customer: touchpoint, session, time and kinds. */
  public static Dataset<Row> customerFriction(Dataset<Row> sessionTouchpoints, Taxonomy taxonomy) {
    return sessionTouchpoints
        .filter(
            col(JourneyColumns.HAS_FRICTION).and(col(ClickstreamSchema.CUSTOMER_ID).isNotNull()))
        .join(
            org.apache.spark.sql.functions.broadcast(
                taxonomyTable(sessionTouchpoints, taxonomy)
                    .select(col(JourneyColumns.TOUCHPOINT), col(JourneyColumns.OUTCOME))),
            JourneyColumns.TOUCHPOINT)
        .select(
            col(ClickstreamSchema.CUSTOMER_ID),
            col(JourneyColumns.TOUCHPOINT),
            col(JourneyColumns.SESSION_KEY),
            col(JourneyColumns.START_TIME).as(JourneyColumns.EXPOSURE_TIME),
            col(JourneyColumns.FRICTION_KINDS),
            col(JourneyColumns.OUTCOME));
  }

  private static Column rate(Column count) {
    return when(
        col(JourneyColumns.SESSIONS).gt(0),
        coalesce(count, lit(0L)).cast(DataTypes.DoubleType).divide(col(JourneyColumns.SESSIONS)));
  }

  private static Dataset<Row> taxonomyTable(Dataset<Row> any, Taxonomy taxonomy) {
    StructType schema =
        DataTypes.createStructType(
            List.of(
                DataTypes.createStructField(JourneyColumns.TOUCHPOINT, DataTypes.StringType, false),
                DataTypes.createStructField(JourneyColumns.POSITION, DataTypes.IntegerType, false),
                DataTypes.createStructField(JourneyColumns.OWNER, DataTypes.StringType, false),
                DataTypes.createStructField(JourneyColumns.OUTCOME, DataTypes.BooleanType, false)));
    List<Row> rows = new ArrayList<>();
    for (Touchpoint t : taxonomy.touchpoints()) {
      rows.add(RowFactory.create(t.name(), t.position(), t.owner(), t.outcome()));
    }
    return any.sparkSession().createDataFrame(rows, schema);
  }
}

package com.painpoint.features.customers;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.contracts.ClickstreamSchema;
import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.journeys.JourneyColumns;
import com.painpoint.features.spark.ExactSums;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.taxonomy.Touchpoint;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The customer feature table: one row per CRM customer with its CRM fields, tenure band, activity,
 * per-touchpoint visits and pain (friction sessions, negative feedback sentences), friction by
 * kind, sentiment aggregates and recency, counting only what happened before the customer's
 * exposure cutoff and never an outcome touchpoint.
 */
public final class CustomerFeatures {
  static final List<String> KINDS = JourneyColumns.KINDS;

  private CustomerFeatures() {}

  /**
   * @param crm accepted CRM rows (the CRM contract's schema)
   * @param sessionTouchpoints the journeys stage's session x touchpoint rows
   * @param sentences scored feedback sentences: customer_id, created_at and the {@code SENTENCE_*}
   *     columns of {@link CustomerColumns}
   * @param runDate the snapshot date used when the CRM row has none
   */
  public static Dataset<Row> table(
      Dataset<Row> crm,
      Dataset<Row> sessionTouchpoints,
      Dataset<Row> sentences,
      Taxonomy taxonomy,
      LocalDate runDate) {
    List<String> counted = countedTouchpoints(taxonomy);
    Dataset<Row> customers = withCutoff(crm, runDate);
    Dataset<Row> cutoffs =
        customers.select(col(CrmSchema.CUSTOMER_ID), col(CustomerColumns.EXPOSURE_CUTOFF));

    Dataset<Row> sessions =
        sessionTouchpoints
            .filter(col(JourneyColumns.TOUCHPOINT).isin(counted.toArray()))
            .join(cutoffs, ClickstreamSchema.CUSTOMER_ID)
            .filter(col(JourneyColumns.START_TIME).lt(col(CustomerColumns.EXPOSURE_CUTOFF)));
    Dataset<Row> scored =
        sentences
            .join(cutoffs, FeedbackSchema.CUSTOMER_ID)
            .filter(
                col(FeedbackSchema.CREATED_AT)
                    .lt(col(CustomerColumns.EXPOSURE_CUTOFF))
                    .and(col(CustomerColumns.SENTENCE_CLASS).geq(0)));

    Dataset<Row> table =
        customers
            .join(activity(sessions, counted), CrmSchema.CUSTOMER_ID, "left")
            .join(feedback(scored, counted), CrmSchema.CUSTOMER_ID, "left");
    List<Column> out = new ArrayList<>();
    for (String c : customers.columns()) {
      out.add(col(c));
    }
    for (String c :
        List.of(
            CustomerColumns.SESSIONS,
            CustomerColumns.ACTIVE_DAYS,
            CustomerColumns.EVENTS,
            CustomerColumns.FRICTION_SESSIONS)) {
      out.add(coalesce(col(c), lit(0L)).as(c));
    }
    for (String k : KINDS) {
      String c = CustomerColumns.frictionOfKind(k);
      out.add(coalesce(col(c), lit(0L)).as(c));
    }
    out.add(col(CustomerColumns.LAST_ACTIVITY));
    out.add(
        datediff(col(CustomerColumns.EXPOSURE_CUTOFF), col(CustomerColumns.LAST_ACTIVITY))
            .as(CustomerColumns.DAYS_SINCE_LAST_ACTIVITY));
    for (String c :
        List.of(CustomerColumns.FEEDBACK_SENTENCES, CustomerColumns.NEGATIVE_SENTENCES)) {
      out.add(coalesce(col(c), lit(0L)).as(c));
    }
    out.add(
        when(
                col(CustomerColumns.FEEDBACK_SENTENCES).gt(0),
                col(CustomerColumns.NEGATIVE_SENTENCES)
                    .cast(DataTypes.DoubleType)
                    .divide(col(CustomerColumns.FEEDBACK_SENTENCES)))
            .as(CustomerColumns.NEGATIVE_SHARE));
    out.add(col(CustomerColumns.MEAN_SENTIMENT_SCORE));
    out.add(col(CustomerColumns.LAST_FEEDBACK));
    out.add(
        datediff(col(CustomerColumns.EXPOSURE_CUTOFF), col(CustomerColumns.LAST_FEEDBACK))
            .as(CustomerColumns.DAYS_SINCE_LAST_FEEDBACK));
    for (String t : counted) {
      for (String m : CustomerColumns.TOUCHPOINT_MEASURES) {
        String c = CustomerColumns.of(t, m);
        out.add(coalesce(col(c), lit(0L)).as(c));
      }
    }
    return table.select(out.toArray(Column[]::new));
  }

  /** Touchpoints whose visits and pain count: every taxonomy touchpoint except outcome ones. */
  /**
   * Distinct customer ids in {@code rows} (clickstream sessions or scored feedback: any dataset
   * with a {@code customer_id} column; null ids, i.e. anonymous visitors, aside) that the CRM does
   * not hold. Their activity counts in the journey and friction figures but cannot feed the
   * customer table, so the job reports how many there are rather than dropping them silently.
   */
  public static long customersNotInCrm(Dataset<Row> rows, Dataset<Row> crm) {
    return rows.select(col(ClickstreamSchema.CUSTOMER_ID).as(CrmSchema.CUSTOMER_ID))
        .filter(col(CrmSchema.CUSTOMER_ID).isNotNull())
        .distinct()
        .join(crm.select(CrmSchema.CUSTOMER_ID), CrmSchema.CUSTOMER_ID, "left_anti")
        .count();
  }

  public static List<String> countedTouchpoints(Taxonomy taxonomy) {
    return taxonomy.inJourneyOrder().stream()
        .filter(t -> !t.outcome())
        .map(Touchpoint::name)
        .toList();
  }

  /** CRM rows plus tenure (at the snapshot date), tenure band and the exposure cutoff. */
  static Dataset<Row> withCutoff(Dataset<Row> crm, LocalDate runDate) {
    Column snapshot = coalesce(col(CrmSchema.SNAPSHOT_DATE), lit(Date.valueOf(runDate)));
    Column tenure =
        floor(months_between(snapshot, col(CrmSchema.SIGNUP_DATE))).cast(DataTypes.IntegerType);
    Column band =
        when(tenure.isNull(), lit(CustomerColumns.BAND_UNKNOWN))
            .when(tenure.lt(6), lit(CustomerColumns.BAND_NEW))
            .when(tenure.leq(24), lit(CustomerColumns.BAND_MID))
            .otherwise(lit(CustomerColumns.BAND_LONG));
    // A churned customer's own churn day already holds the cancellation: only the days before it
    // count. An active customer's snapshot day counts in full.
    Column cutoff =
        when(
                col(CrmSchema.CHURNED).equalTo(true).and(col(CrmSchema.CHURN_DATE).isNotNull()),
                col(CrmSchema.CHURN_DATE).cast(DataTypes.TimestampType))
            .otherwise(date_add(snapshot, 1).cast(DataTypes.TimestampType));
    List<Column> out = new ArrayList<>();
    for (String f : CrmSchema.FIELDS.stream().map(x -> x.name()).toList()) {
      out.add(col(f));
    }
    out.add(tenure.as(CustomerColumns.TENURE_MONTHS));
    out.add(band.as(CustomerColumns.TENURE_BAND));
    out.add(cutoff.as(CustomerColumns.EXPOSURE_CUTOFF));
    return crm.select(out.toArray(Column[]::new));
  }

  /** Per customer: activity, friction by kind and per-touchpoint visits and friction sessions. */
  private static Dataset<Row> activity(Dataset<Row> sessions, List<String> counted) {
    Column friction = col(JourneyColumns.HAS_FRICTION);
    List<Column> aggs = new ArrayList<>();
    aggs.add(count_distinct(col(JourneyColumns.SESSION_KEY)).as(CustomerColumns.SESSIONS));
    aggs.add(
        count_distinct(to_date(col(JourneyColumns.START_TIME))).as(CustomerColumns.ACTIVE_DAYS));
    aggs.add(sum(col(JourneyColumns.EVENTS)).cast(DataTypes.LongType).as(CustomerColumns.EVENTS));
    aggs.add(max(col(JourneyColumns.END_TIME)).as(CustomerColumns.LAST_ACTIVITY));
    aggs.add(
        count_distinct(when(friction, col(JourneyColumns.SESSION_KEY)))
            .as(CustomerColumns.FRICTION_SESSIONS));
    for (String k : KINDS) {
      aggs.add(
          count_distinct(
                  when(
                      array_contains(col(JourneyColumns.FRICTION_KINDS), k),
                      col(JourneyColumns.SESSION_KEY)))
              .as(CustomerColumns.frictionOfKind(k)));
    }
    Column tp = col(JourneyColumns.TOUCHPOINT);
    for (String t : counted) {
      // session_touchpoints holds one row per session x touchpoint: rows are sessions here.
      aggs.add(
          sum(when(tp.equalTo(t), 1L).otherwise(0L))
              .as(CustomerColumns.of(t, CustomerColumns.VISITS)));
      aggs.add(
          sum(when(tp.equalTo(t).and(friction), 1L).otherwise(0L))
              .as(CustomerColumns.of(t, CustomerColumns.FRICTION_SESSIONS)));
    }
    return sessions
        .groupBy(col(ClickstreamSchema.CUSTOMER_ID))
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
  }

  /** Per customer: sentence counts, mean score, last feedback and negative sentences per tp. */
  private static Dataset<Row> feedback(Dataset<Row> scored, List<String> counted) {
    Column negative = col(CustomerColumns.SENTENCE_CLASS).leq(CustomerColumns.MAX_NEGATIVE_CLASS);
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)).as(CustomerColumns.FEEDBACK_SENTENCES));
    aggs.add(count(when(negative, 1)).as(CustomerColumns.NEGATIVE_SENTENCES));
    aggs.add(
        ExactSums.mean(col(CustomerColumns.SENTENCE_SCORE))
            .as(CustomerColumns.MEAN_SENTIMENT_SCORE));
    aggs.add(max(col(FeedbackSchema.CREATED_AT)).as(CustomerColumns.LAST_FEEDBACK));
    Column about = col(CustomerColumns.SENTENCE_TOUCHPOINTS);
    for (String t : counted) {
      aggs.add(
          count(when(negative.and(array_contains(about, t)), 1))
              .as(CustomerColumns.of(t, CustomerColumns.NEGATIVE_SENTENCES)));
    }
    return scored
        .groupBy(col(FeedbackSchema.CUSTOMER_ID))
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
  }
}

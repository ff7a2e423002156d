package com.painpoint.models.impact;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.spark.ExactSums;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.taxonomy.Touchpoint;
import com.painpoint.models.sentiment.SentimentColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Per touchpoint, the share of negative sentences as written and reweighted to the CRM population
 * by segment: feedback writers are not everyone (enterprise customers write far more tickets), so
 * each segment's own negative share is weighted by that segment's share of CRM customers.
 *
 * <p>negative_share_reweighted = sum_s w_s share_s / sum_s w_s over the segments with sentences
 * about the touchpoint, w_s = CRM customers in s / CRM customers. Sentences of anonymous writers
 * and of ids not in the CRM count in the raw share only.
 */
public final class SegmentNegativity {
  private static final String WEIGHT = "_weight";
  private static final String SHARE = "_share";

  private SegmentNegativity() {}

  /**
   * @param sentences scored feedback sentences ({@code feedback_scored})
   * @param crm accepted CRM rows
   * @return one row per taxonomy touchpoint that has scored sentences
   */
  public static Dataset<Row> table(Dataset<Row> sentences, Dataset<Row> crm, Taxonomy taxonomy) {
    Column segment = coalesce(col(CrmSchema.SEGMENT), lit(ImpactColumns.MISSING_SEGMENT));
    Dataset<Row> total = crm.agg(count(lit(1)).as("_all_customers"));
    Dataset<Row> weights =
        crm.groupBy(segment.as(ImpactColumns.SEGMENT))
            .agg(count(lit(1)).as(ImpactColumns.CUSTOMERS))
            .crossJoin(broadcast(total))
            .withColumn(
                WEIGHT,
                col(ImpactColumns.CUSTOMERS)
                    .cast(DataTypes.DoubleType)
                    .divide(col("_all_customers")))
            .drop(ImpactColumns.CUSTOMERS, "_all_customers");
    Dataset<Row> segments =
        crm.select(col(CrmSchema.CUSTOMER_ID), segment.as(ImpactColumns.SEGMENT));
    Object[] names = taxonomy.touchpoints().stream().map(Touchpoint::name).toArray();
    Column negative = col(SentimentColumns.SENTIMENT_CLASS).leq(1);
    Dataset<Row> bySegment =
        sentences
            .filter(col(SentimentColumns.SENTIMENT_CLASS).geq(0))
            .withColumn(ImpactColumns.TOUCHPOINT, explode(col(SentimentColumns.TOUCHPOINTS)))
            .filter(col(ImpactColumns.TOUCHPOINT).isin(names))
            .join(segments, FeedbackSchema.CUSTOMER_ID, "left")
            .groupBy(col(ImpactColumns.TOUCHPOINT), col(ImpactColumns.SEGMENT))
            .agg(
                count(lit(1)).as(ImpactColumns.SENTENCES),
                count(when(negative, 1)).as(ImpactColumns.NEGATIVE_SENTENCES),
                count_distinct(col(FeedbackSchema.CUSTOMER_ID)).as(ImpactColumns.WRITERS))
            .join(weights, ImpactColumns.SEGMENT, "left")
            .withColumn(
                SHARE,
                col(ImpactColumns.NEGATIVE_SENTENCES)
                    .cast(DataTypes.DoubleType)
                    .divide(col(ImpactColumns.SENTENCES)));
    Column known = col(ImpactColumns.SEGMENT).isNotNull();
    Column sentencesAll = sum(col(ImpactColumns.SENTENCES));
    Column customerSentences = sum(when(known, col(ImpactColumns.SENTENCES)));
    return bySegment
        .groupBy(col(ImpactColumns.TOUCHPOINT))
        .agg(
            sentencesAll.as(ImpactColumns.SENTENCES),
            sum(col(ImpactColumns.NEGATIVE_SENTENCES)).as(ImpactColumns.NEGATIVE_SENTENCES),
            sum(when(known, col(ImpactColumns.WRITERS))).as(ImpactColumns.WRITERS),
            customerSentences.as(ImpactColumns.CUSTOMER_SENTENCES),
            sum(when(known, col(ImpactColumns.NEGATIVE_SENTENCES))).as("_customer_negative"),
            // Exact sums: the same last digits in any partitioning (ExactSums).
            ExactSums.total(when(known, col(WEIGHT).multiply(col(SHARE)))).as("_weighted"),
            ExactSums.total(when(known, col(WEIGHT))).as(ImpactColumns.POPULATION_COVERED))
        .select(
            col(ImpactColumns.TOUCHPOINT),
            col(ImpactColumns.SENTENCES),
            col(ImpactColumns.NEGATIVE_SENTENCES),
            col(ImpactColumns.NEGATIVE_SENTENCES)
                .cast(DataTypes.DoubleType)
                .divide(col(ImpactColumns.SENTENCES))
                .as(ImpactColumns.NEGATIVE_SHARE),
            coalesce(col(ImpactColumns.WRITERS), lit(0L)).as(ImpactColumns.WRITERS),
            coalesce(col(ImpactColumns.CUSTOMER_SENTENCES), lit(0L))
                .as(ImpactColumns.CUSTOMER_SENTENCES),
            col("_customer_negative")
                .cast(DataTypes.DoubleType)
                .divide(col(ImpactColumns.CUSTOMER_SENTENCES))
                .as(ImpactColumns.CUSTOMER_NEGATIVE_SHARE),
            col("_weighted")
                .divide(col(ImpactColumns.POPULATION_COVERED))
                .as(ImpactColumns.NEGATIVE_SHARE_REWEIGHTED),
            col(ImpactColumns.POPULATION_COVERED));
  }
}

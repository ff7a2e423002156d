package com.painpoint.models.sentiment;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.journeys.JourneyColumns;
import com.painpoint.features.spark.ExactSums;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.taxonomy.Touchpoint;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Per-touchpoint sentiment: scored sentences attributed to it, how many are negative (class 0 or
 * 1), their share, the mean score and distinct customers; ranked by negative share among
 * touchpoints with enough sentences. Every taxonomy touchpoint appears, plus "unattributed".
 */
public final class SentimentAggregates {
  private SentimentAggregates() {}

  public static Dataset<Row> touchpointSentiment(
      Dataset<Row> scored, Taxonomy taxonomy, int minSentencesToRank) {
    Dataset<Row> perTouchpoint =
        scored
            .filter(col(SentimentColumns.SENTIMENT_CLASS).geq(0))
            .withColumn(JourneyColumns.TOUCHPOINT, explode(col(SentimentColumns.TOUCHPOINTS)))
            .groupBy(col(JourneyColumns.TOUCHPOINT))
            .agg(
                count(lit(1)).as(SentimentColumns.SENTENCES),
                sum(when(col(SentimentColumns.SENTIMENT_CLASS).leq(1), 1L).otherwise(0L))
                    .as(SentimentColumns.NEGATIVE_SENTENCES),
                ExactSums.mean(col(SentimentColumns.SCORE)).as(SentimentColumns.MEAN_SCORE),
                count_distinct(col(FeedbackSchema.CUSTOMER_ID)).as(SentimentColumns.CUSTOMERS));
    StructType schema =
        DataTypes.createStructType(
            List.of(
                DataTypes.createStructField(JourneyColumns.TOUCHPOINT, DataTypes.StringType, false),
                DataTypes.createStructField(JourneyColumns.POSITION, DataTypes.IntegerType, true),
                DataTypes.createStructField(JourneyColumns.OWNER, DataTypes.StringType, true),
                DataTypes.createStructField(JourneyColumns.OUTCOME, DataTypes.BooleanType, true)));
    List<Row> rows = new ArrayList<>();
    for (Touchpoint t : taxonomy.touchpoints()) {
      rows.add(RowFactory.create(t.name(), t.position(), t.owner(), t.outcome()));
    }
    rows.add(RowFactory.create(SentimentColumns.UNATTRIBUTED, null, null, null));
    Dataset<Row> all = scored.sparkSession().createDataFrame(rows, schema);
    Dataset<Row> table =
        all.join(perTouchpoint, JourneyColumns.TOUCHPOINT, "left")
            .select(
                col(JourneyColumns.TOUCHPOINT),
                col(JourneyColumns.POSITION),
                col(JourneyColumns.OWNER),
                col(JourneyColumns.OUTCOME),
                coalesce(col(SentimentColumns.SENTENCES), lit(0L)).as(SentimentColumns.SENTENCES),
                coalesce(col(SentimentColumns.NEGATIVE_SENTENCES), lit(0L))
                    .as(SentimentColumns.NEGATIVE_SENTENCES),
                when(
                        col(SentimentColumns.SENTENCES).gt(0),
                        col(SentimentColumns.NEGATIVE_SENTENCES)
                            .cast(DataTypes.DoubleType)
                            .divide(col(SentimentColumns.SENTENCES)))
                    .as(SentimentColumns.NEGATIVE_SHARE),
                col(SentimentColumns.MEAN_SCORE),
                coalesce(col(SentimentColumns.CUSTOMERS), lit(0L)).as(SentimentColumns.CUSTOMERS));
    Dataset<Row> rankable =
        table.withColumn(
            "_rankable",
            col(SentimentColumns.SENTENCES)
                .geq(minSentencesToRank)
                .and(col(JourneyColumns.TOUCHPOINT).notEqual(SentimentColumns.UNATTRIBUTED)));
    // A dozen rows: one partition is fine for the ranking window.
    return rankable
        .withColumn(
            SentimentColumns.NEGATIVITY_RANK,
            when(
                col("_rankable"),
                row_number()
                    .over(
                        Window.partitionBy(col("_rankable"))
                            .orderBy(
                                col(SentimentColumns.NEGATIVE_SHARE).desc(),
                                col(JourneyColumns.POSITION)))))
        .drop("_rankable")
        .orderBy(
            col(SentimentColumns.NEGATIVITY_RANK).asc_nulls_last(),
            col(JourneyColumns.POSITION).asc_nulls_last());
  }
}

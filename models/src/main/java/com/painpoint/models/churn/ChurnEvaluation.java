package com.painpoint.models.churn;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.QuantileDiscretizer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Scores churn predictions against outcomes: ROC AUC, PR AUC, Brier score, expected calibration
 * error and a calibration table by decile of predicted probability. Unweighted: the metrics
 * describe customers as they are.
 */
public final class ChurnEvaluation {
  private static final String BIN = "_churn_decile";

  private ChurnEvaluation() {}

  /** ROC AUC of {@link ChurnColumns#PROBABILITY} against {@link ChurnColumns#LABEL}. */
  public static double rocAuc(Dataset<Row> scored) {
    return evaluator("areaUnderROC").evaluate(scored);
  }

  /**
   * ROC AUC of {@link ChurnColumns#CHURN_PROBABILITY} against the label within each value of the
   * int column {@code group}, in one aggregation: the Mann-Whitney statistic, the share of
   * (churner, non-churner) pairs the churner scores higher, ties counting a half, which is the area
   * under the exact ROC curve. Counted in whole numbers, so the result does not depend on
   * partitioning. A group without both outcomes is left out.
   */
  public static Map<Integer, Double> rocAucByGroup(Dataset<Row> scored, String group) {
    Column positive = col(ChurnColumns.LABEL).cast(DataTypes.LongType);
    Dataset<Row> byScore =
        scored
            .groupBy(col(group), col(ChurnColumns.CHURN_PROBABILITY).as("_p"))
            .agg(sum(positive).as("_pos"), sum(lit(1L).minus(positive)).as("_neg"));
    Column negativesBelow =
        coalesce(
            sum(col("_neg"))
                .over(
                    Window.partitionBy(col(group))
                        .orderBy(col("_p"))
                        .rowsBetween(Window.unboundedPreceding(), -1)),
            lit(0L));
    Map<Integer, Double> out = new java.util.TreeMap<>();
    for (Row r :
        byScore
            .withColumn("_below", negativesBelow)
            .groupBy(col(group))
            .agg(
                sum(col("_pos").multiply(col("_below").multiply(2).plus(col("_neg")))),
                sum(col("_pos")),
                sum(col("_neg")))
            .collectAsList()) {
      long pairs = r.getLong(2) * r.getLong(3);
      if (pairs > 0) {
        // Twice the Mann-Whitney U, an exact integer.
        out.put(r.getInt(0), r.getLong(1) / 2.0 / pairs);
      }
    }
    return out;
  }

  /** All metrics of rows that carry {@link ChurnColumns#CHURN_PROBABILITY} and the label. */
  public static ChurnMetrics evaluate(Dataset<Row> scored) {
    Row totals =
        scored
            .agg(
                count(lit(1)),
                sum(col(ChurnColumns.LABEL)),
                avg(pow(col(ChurnColumns.CHURN_PROBABILITY).minus(col(ChurnColumns.LABEL)), 2)))
            .first();
    Dataset<Row> binned =
        new QuantileDiscretizer()
            .setInputCol(ChurnColumns.CHURN_PROBABILITY)
            .setOutputCol(BIN)
            .setNumBuckets(10)
            .fit(scored)
            .transform(scored);
    List<ChurnMetrics.CalibrationBin> bins = new ArrayList<>();
    List<Row> rows =
        binned
            .groupBy(BIN)
            .agg(
                count(lit(1)),
                min(ChurnColumns.CHURN_PROBABILITY),
                max(ChurnColumns.CHURN_PROBABILITY),
                avg(ChurnColumns.CHURN_PROBABILITY),
                avg(ChurnColumns.LABEL))
            .orderBy(BIN)
            .collectAsList();
    for (Row r : rows) {
      bins.add(
          new ChurnMetrics.CalibrationBin(
              (int) r.getDouble(0) + 1,
              r.getLong(1),
              r.getDouble(2),
              r.getDouble(3),
              r.getDouble(4),
              r.getDouble(5)));
    }
    Ece ece = expectedCalibrationError(scored, totals.getLong(0));
    return new ChurnMetrics(
        totals.getLong(0),
        Math.round(totals.getDouble(1)),
        rocAuc(scored),
        evaluator("areaUnderPR").evaluate(scored),
        totals.getDouble(2),
        ece.error(),
        ece.noiseFloor(),
        bins);
  }

  /**
   * Customers in 10 equal-width bins of predicted probability (1.0 in the top bin): the expected
   * calibration error, the sum over bins of |mean predicted - observed rate| weighted by the bin's
   * share of the {@code n} customers; and its noise floor, the error a perfectly calibrated model
   * would show on the same customers through sampling alone, E|sum of outcomes - sum of
   * predictions| per bin under the normal approximation, sqrt(2 sum p(1 - p) / pi), summed and
   * divided by n.
   */
  static Ece expectedCalibrationError(Dataset<Row> scored, long n) {
    Column p = col(ChurnColumns.CHURN_PROBABILITY);
    double ece = 0;
    double noise = 0;
    for (Row r :
        scored
            .groupBy(least(floor(p.multiply(10)), lit(9)).as("_ece_bin"))
            .agg(sum(p), sum(col(ChurnColumns.LABEL)), sum(p.multiply(lit(1).minus(p))))
            .collectAsList()) {
      ece += Math.abs(r.getDouble(1) - r.getDouble(2)) / n;
      noise += Math.sqrt(2 * r.getDouble(3) / Math.PI) / n;
    }
    return new Ece(ece, noise);
  }

  record Ece(double error, double noiseFloor) {}

  private static BinaryClassificationEvaluator evaluator(String metric) {
    // numBins 0: exact curves, not down-sampled ones; the curve is computed distributed either way.
    return new BinaryClassificationEvaluator()
        .setLabelCol(ChurnColumns.LABEL)
        .setRawPredictionCol(ChurnColumns.PROBABILITY)
        .setMetricName(metric)
        .setNumBins(0);
  }
}

package com.painpoint.models.churn;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Adds {@link ChurnColumns#WEIGHT} = n / (2 n_class), so churners and active customers weigh the
 * same in training however rare churn is.
 */
public final class ClassWeights {
  private ClassWeights() {}

  /** Weights from the class counts of the rows being trained on. */
  public static Dataset<Row> add(Dataset<Row> rows, long churned, long active) {
    double n = churned + active;
    return rows.withColumn(
        ChurnColumns.WEIGHT,
        when(rows.col(ChurnColumns.LABEL).equalTo(lit(1.0)), lit(n / (2.0 * Math.max(churned, 1))))
            .otherwise(lit(n / (2.0 * Math.max(active, 1)))));
  }
}

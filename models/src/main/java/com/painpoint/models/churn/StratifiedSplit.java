package com.painpoint.models.churn;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percent_rank;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Adds {@link ChurnColumns#SPLIT}: within each label, customers are ordered by a seeded hash of
 * their id and cut into train, validation and test shares, so each split has the table's churn rate
 * and a customer always lands in the same split for the same seed.
 */
public final class StratifiedSplit {
  private StratifiedSplit() {}

  /**
   * Gives {@code train} and {@code validation} shares of each label to those splits, the rest to
   * test. {@code idCol} may be null: the hash then covers the whole row (identical rows share a
   * split).
   */
  public static Dataset<Row> assign(
      Dataset<Row> prepared, String idCol, double train, double validation, long seed) {
    Column[] key =
        idCol != null
            ? new Column[] {lit(seed), ChurnTable.ref(idCol)}
            : concat(lit(seed), prepared.columns());
    Column rank =
        percent_rank().over(Window.partitionBy(ChurnColumns.LABEL).orderBy(xxhash64(key)));
    return prepared.withColumn(
        ChurnColumns.SPLIT,
        when(rank.lt(train), lit(ChurnColumns.TRAIN))
            .when(rank.lt(train + validation), lit(ChurnColumns.VALIDATION))
            .otherwise(lit(ChurnColumns.TEST)));
  }

  private static Column[] concat(Column first, String[] names) {
    Column[] out = new Column[names.length + 1];
    out[0] = first;
    for (int i = 0; i < names.length; i++) {
      out[i + 1] = ChurnTable.ref(names[i]);
    }
    return out;
  }
}

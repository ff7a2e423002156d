package com.painpoint.models.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Shuffles a group of columns jointly across rows (the rows keep everything else), so that the drop
 * in a model's held-out ROC AUC measures how much the model leans on that group: permutation
 * importance of a touchpoint's feature group.
 */
public final class PermutationImportance {
  private static final String ROW = "_perm_row";

  private PermutationImportance() {}

  /**
   * @param rows held-out customers (a few hundred: the two orderings run in one partition each)
   * @param group columns moved together from one customer to another
   * @param idCol the shuffle pairs the rows in id-hash order with the rows in seeded id-hash order,
   *     so the same rows and seed always give the same permutation
   */
  public static Dataset<Row> permuted(
      Dataset<Row> rows, List<String> group, String idCol, long seed) {
    Dataset<Row> keep =
        rows.drop(group.toArray(String[]::new))
            .withColumn(ROW, row_number().over(Window.orderBy(xxhash64(col(idCol)), col(idCol))));
    List<Column> moved = new ArrayList<>();
    for (String c : group) {
      moved.add(col(c));
    }
    moved.add(
        row_number().over(Window.orderBy(xxhash64(lit(seed), col(idCol)), col(idCol))).as(ROW));
    Dataset<Row> shuffled = rows.select(moved.toArray(Column[]::new));
    return keep.join(shuffled, ROW).drop(ROW);
  }
}

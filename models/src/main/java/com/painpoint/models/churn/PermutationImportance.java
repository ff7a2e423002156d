package com.painpoint.models.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import com.painpoint.features.customers.CustomerColumns;
import com.painpoint.features.spark.GlobalOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Shuffles a group of columns jointly across rows (the rows keep everything else), so that the drop
 * in a model's held-out ROC AUC measures how much the model leans on that group: permutation
 * importance of a touchpoint's feature group.
 */
public final class PermutationImportance {
  private static final String ROW = "_perm_row";
  private static final String MOVED_FROM = "_perm_from";
  private static final String GROUP = "_perm_group";

  private PermutationImportance() {}

  /**
   * Per touchpoint, the chosen model's test ROC AUC minus its AUC when the touchpoint's feature
   * group (visits, friction sessions, negative sentences there) is shuffled across the held-out
   * test customers (the same seeded split the model was tested on), rounded to 4 decimals.
   * Touchpoints without a numeric feature are left out.
   *
   * @param prepared the modelled customers as {@link ChurnTable#prepare} gives them
   */
  public static Map<String, Double> aucDropByTouchpoint(
      Dataset<Row> prepared,
      ColumnTypes types,
      TrainedChurnModel model,
      List<String> touchpoints,
      ChurnModel.Settings s) {
    Dataset<Row> test =
        StratifiedSplit.assign(
                prepared, types.idCol(), s.trainShare(), s.validationShare(), s.seed())
            .filter(col(ChurnColumns.SPLIT).equalTo(ChurnColumns.TEST))
            .cache();
    List<Dataset<Row>> cached = new ArrayList<>(List.of(test));
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (String t : touchpoints) {
      List<String> group = new ArrayList<>();
      for (String m : CustomerColumns.TOUCHPOINT_MEASURES) {
        if (types.numeric().contains(CustomerColumns.of(t, m))) {
          group.add(CustomerColumns.of(t, m));
        }
      }
      if (!group.isEmpty()) {
        groups.put(t, group);
      }
    }
    try {
      // One scoring pass: the held-out customers as they are (group 0) and once per touchpoint
      // with its group shuffled (groups 1..n), all in one table; every ROC AUC from one
      // aggregation.
      // One permutation of the customers serves every touchpoint.
      Dataset<Row> pairs = pairs(test, types.idCol(), s.seed()).cache();
      cached.add(pairs);
      Dataset<Row> all = test.withColumn(GROUP, lit(0));
      int g = 0;
      for (List<String> group : groups.values()) {
        g++;
        all =
            all.unionByName(permuted(test, pairs, group, types.idCol()).withColumn(GROUP, lit(g)));
      }
      Map<Integer, Double> aucs =
          ChurnEvaluation.rocAucByGroup(ChurnModel.score(model.model(), all), GROUP);
      Map<String, Double> out = new LinkedHashMap<>();
      int i = 0;
      for (String t : groups.keySet()) {
        out.put(t, Math.round((aucs.get(0) - aucs.get(++i)) * 1e4) / 1e4);
      }
      return out;
    } finally {
      cached.forEach(Dataset::unpersist);
    }
  }

  /**
   * The permutation of {@code rows}: each id (column {@code idCol}) with the id it takes a group of
   * columns from ({@value #MOVED_FROM}). The rows in id-hash order are paired with the rows in
   * seeded id-hash order, both orders numbered by a distributed sort, so the same rows and seed
   * always give the same permutation, whatever the partitioning.
   */
  static Dataset<Row> pairs(Dataset<Row> rows, String idCol, long seed) {
    Dataset<Row> ids = rows.select(col(idCol));
    Dataset<Row> byHash = GlobalOrder.rowNumber(ids, ROW, xxhash64(col(idCol)), col(idCol));
    Dataset<Row> bySeededHash =
        GlobalOrder.rowNumber(
            ids.select(col(idCol).as(MOVED_FROM)),
            ROW,
            xxhash64(lit(seed), col(MOVED_FROM)),
            col(MOVED_FROM));
    return byHash.join(bySeededHash, ROW).drop(ROW);
  }

  /**
   * {@code rows} with the columns of {@code group} moved together from one row to another by {@code
   * pairs} ({@link #pairs}); every other column stays.
   */
  static Dataset<Row> permuted(
      Dataset<Row> rows, Dataset<Row> pairs, List<String> group, String idCol) {
    List<Column> moved = new ArrayList<>();
    moved.add(col(idCol).as(MOVED_FROM));
    for (String c : group) {
      moved.add(col(c));
    }
    return rows.drop(group.toArray(String[]::new))
        .join(pairs, idCol)
        .join(rows.select(moved.toArray(Column[]::new)), MOVED_FROM)
        .drop(MOVED_FROM);
  }
}

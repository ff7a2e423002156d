package com.painpoint.models.churn;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
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
  private static final String DONOR = "_perm_donor_";

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
      // aggregation. One permutation of the customers serves every touchpoint: each customer is
      // joined once to the customer it takes shuffled values from, and the copies for the groups
      // come from that one joined table.
      // The pairs are read once, by the one scoring pass: nothing to cache.
      Dataset<Row> all =
          permutedCopies(
              test,
              pairs(test, types.idCol(), s.seed()),
              new ArrayList<>(groups.values()),
              types.idCol());
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
   * {@code rows} once as they are ({@value #GROUP} 0) and once per group of columns ({@value
   * #GROUP} = its 1-based index in {@code groups}) with that group's columns moved together from
   * one row to another by {@code pairs} ({@link #pairs}); every other column stays. The columns of
   * different groups must not overlap.
   */
  static Dataset<Row> permutedCopies(
      Dataset<Row> rows, Dataset<Row> pairs, List<List<String>> groups, String idCol) {
    List<Column> donor = new ArrayList<>();
    donor.add(col(idCol).as(MOVED_FROM));
    for (List<String> group : groups) {
      for (String c : group) {
        donor.add(col(c).as(DONOR + c));
      }
    }
    Dataset<Row> withDonor =
        rows.join(pairs, idCol)
            .join(rows.select(donor.toArray(Column[]::new)), MOVED_FROM)
            .drop(MOVED_FROM);
    List<Column> groupIds = new ArrayList<>();
    for (int g = 0; g <= groups.size(); g++) {
      groupIds.add(lit(g));
    }
    Dataset<Row> copies =
        withDonor.withColumn(GROUP, explode(array(groupIds.toArray(Column[]::new))));
    List<Column> out = new ArrayList<>();
    for (String c : rows.columns()) {
      Column value = col(c);
      for (int g = 0; g < groups.size(); g++) {
        if (groups.get(g).contains(c)) {
          value = when(col(GROUP).equalTo(g + 1), col(DONOR + c)).otherwise(col(c));
        }
      }
      out.add(value.as(c));
    }
    out.add(col(GROUP));
    return copies.select(out.toArray(Column[]::new));
  }
}

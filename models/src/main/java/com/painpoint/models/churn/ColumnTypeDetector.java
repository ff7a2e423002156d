package com.painpoint.models.churn;

import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.config.PainpointException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Decides, in one aggregate pass over a customer table, which columns are numeric (every non-blank
 * value parses as a number), which are categorical, and which are left out (the id, blank or
 * constant columns, text with too many distinct values); the same pass checks the churn label.
 */
public final class ColumnTypeDetector {
  /**
   * A text column with more distinct values than this is an identifier or free text, not a
   * category.
   */
  public static final int MAX_CATEGORIES = 50;

  /** ...and so is one where more than this share of the rows hold distinct values. */
  public static final double MAX_DISTINCT_SHARE = 0.5;

  private static final int PER_COLUMN = 5;

  private ColumnTypeDetector() {}

  /**
   * Types every column but the label and the id ({@code idCol} may be null). Fails with the column
   * and value when a label does not parse, or when a named column is missing.
   */
  public static ColumnTypes detect(Dataset<Row> raw, String labelCol, String idCol) {
    List<String> all = List.of(raw.columns());
    for (String c : idCol == null ? List.of(labelCol) : List.of(labelCol, idCol)) {
      if (!all.contains(c)) {
        throw PainpointException.badInput(
            "column '" + c + "' not found; columns: " + String.join(", ", all));
      }
    }
    List<String> candidates = new ArrayList<>();
    for (String c : all) {
      if (!c.equals(labelCol) && !c.equals(idCol)) {
        candidates.add(c);
      }
    }
    Column label = ChurnLabel.parse(ChurnTable.ref(labelCol));
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)));
    aggs.add(sum(label));
    aggs.add(min(when(label.isNull(), coalesce(trim(ChurnTable.ref(labelCol)), lit("")))));
    aggs.add(count(when(label.isNull(), lit(1))));
    for (String c : candidates) {
      Column v = ChurnTable.cleaned(c);
      aggs.add(count(v));
      aggs.add(count(when(v.isNotNull().and(v.try_cast(DataTypes.DoubleType).isNull()), lit(1))));
      aggs.add(approx_count_distinct(v));
      aggs.add(min(v));
      aggs.add(max(v));
    }
    Row r = raw.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    long rows = r.getLong(0);
    long churned = r.isNullAt(1) ? 0 : Math.round(r.getDouble(1));
    long badRows = r.getLong(3);
    ChurnLabel.check(labelCol, r.getString(2), badRows, churned, rows - churned);

    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    Map<String, String> excluded = new LinkedHashMap<>();
    Map<String, Long> distinct = new LinkedHashMap<>();
    if (idCol != null) {
      excluded.put(idCol, "id column");
    }
    for (int i = 0; i < candidates.size(); i++) {
      String c = candidates.get(i);
      int at = 4 + PER_COLUMN * i;
      long nonBlank = r.getLong(at);
      long notNumber = r.getLong(at + 1);
      long d = r.getLong(at + 2);
      distinct.put(c, d);
      if (nonBlank == 0) {
        excluded.put(c, "all blank");
      } else if (r.getString(at + 3).equals(r.getString(at + 4))) {
        excluded.put(c, "one distinct value '" + r.getString(at + 3) + "'");
      } else if (notNumber == 0) {
        numeric.add(c);
      } else if (d > MAX_CATEGORIES || d > MAX_DISTINCT_SHARE * rows) {
        excluded.put(
            c,
            String.format(
                Locale.ROOT, "high cardinality: about %d distinct values in %d rows", d, rows));
      } else {
        categorical.add(c);
      }
    }
    if (numeric.isEmpty() && categorical.isEmpty()) {
      throw PainpointException.badInput(
          "no usable feature columns besides '" + labelCol + "'; excluded: " + excluded);
    }
    return new ColumnTypes(
        labelCol, idCol, numeric, categorical, excluded, distinct, rows, churned);
  }
}

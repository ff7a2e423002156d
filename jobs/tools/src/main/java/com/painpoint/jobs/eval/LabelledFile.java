package com.painpoint.jobs.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.config.PainpointException;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads a labelled text file for evaluation: TSV (no quoting) or CSV (quoted), header required.
 * Labels become 0 negative, 1 neutral, 2 positive (0/1 files map 1 to positive).
 */
final class LabelledFile {
  private LabelledFile() {}

  /** Columns: _id (long, file order), _text, _label (int 0/1/2). */
  static Dataset<Row> read(
      SparkSession spark, String path, String textCol, String labelCol, int limit) {
    boolean tsv = path.toLowerCase(java.util.Locale.ROOT).endsWith(".tsv");
    Dataset<Row> raw =
        spark
            .read()
            .option("header", "true")
            .option("sep", tsv ? "\t" : ",")
            .option("quote", tsv ? "\u0000" : "\"")
            .option("escape", "\"")
            .option("multiLine", tsv ? "false" : "true")
            .csv(path);
    for (String c : List.of(textCol, labelCol)) {
      if (!List.of(raw.columns()).contains(c)) {
        throw PainpointException.badInput(
            path + ": column '" + c + "' not found; columns: " + String.join(", ", raw.columns()));
      }
    }
    Column label = lower(trim(col(labelCol)));
    Column coded =
        when(label.isin("0", "negative", "neg"), lit(0))
            .when(label.isin("neutral", "neu"), lit(1))
            .when(label.isin("1", "positive", "pos"), lit(2));
    Dataset<Row> rows =
        raw.select(col(textCol).as("_text"), coded.as("_label"), col(labelCol).as("_raw"))
            .filter(col("_text").isNotNull());
    Row bad =
        rows.filter(col("_label").isNull()).select("_raw").limit(1).collectAsList().stream()
            .findFirst()
            .orElse(null);
    if (bad != null) {
      throw PainpointException.badInput(
          path
              + ": column '"
              + labelCol
              + "' has label '"
              + bad.get(0)
              + "'; expected 0/1 or negative/neutral/positive");
    }
    return rows.withColumn(
            "_id",
            row_number()
                .over(Window.orderBy(org.apache.spark.sql.functions.monotonically_increasing_id()))
                .cast(DataTypes.LongType))
        .limit(limit)
        .drop("_raw");
  }
}

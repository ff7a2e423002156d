package com.painpoint.jobs.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.config.PainpointException;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

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
    // Numbered in file order from 1 by zipWithIndex: a row_number window over the whole file would
    // move every row into one partition.
    Dataset<Row> kept = rows.drop("_raw");
    StructType schema = kept.schema().add("_id", DataTypes.LongType, false);
    JavaRDD<Row> numbered =
        kept.javaRDD()
            .zipWithIndex()
            .filter(t -> t._2() < limit)
            .map(
                t -> {
                  Row r = t._1();
                  Object[] values = new Object[r.size() + 1];
                  for (int i = 0; i < r.size(); i++) {
                    values[i] = r.get(i);
                  }
                  values[r.size()] = t._2() + 1;
                  return RowFactory.create(values);
                });
    return spark.createDataFrame(numbered, schema);
  }
}

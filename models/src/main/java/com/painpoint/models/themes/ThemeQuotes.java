package com.painpoint.models.themes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;

import com.painpoint.models.sentiment.SentimentColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Representative quotes of each theme: the sentences closest to its centroid, one per wording
 * (sentences differing only in numbers, case or punctuation count once), cut to a readable length.
 * The sentences arrive redacted (the sentiment stage redacts customer text where it splits it).
 */
public final class ThemeQuotes {
  private ThemeQuotes() {}

  /** touchpoint, cluster, quotes (array, most representative first). */
  public static Dataset<Row> of(Dataset<Row> assigned, int maxQuotes, int maxChars) {
    UserDefinedFunction clean =
        udf((UDF1<String, String>) s -> cap(s, maxChars), DataTypes.StringType);
    Dataset<Row> wordings =
        assigned
            .withColumn(
                "_wording",
                trim(regexp_replace(lower(col(SentimentColumns.SENTENCE)), "[^\\p{L}]+", " ")))
            .groupBy(col(ThemeColumns.TOUCHPOINT), col(ThemeColumns.CLUSTER), col("_wording"))
            .agg(
                max(col(ThemeColumns.SIMILARITY)).as("_sim"),
                min_by(col(SentimentColumns.SENTENCE), col(ThemeColumns.SIMILARITY).multiply(-1))
                    .as("_sentence"));
    return wordings
        .withColumn(
            "_rank",
            row_number()
                .over(
                    Window.partitionBy(ThemeColumns.TOUCHPOINT, ThemeColumns.CLUSTER)
                        .orderBy(desc("_sim"), col("_wording"))))
        .filter(col("_rank").leq(maxQuotes))
        .groupBy(ThemeColumns.TOUCHPOINT, ThemeColumns.CLUSTER)
        .agg(
            sort_array(collect_list(struct(col("_rank"), clean.apply(col("_sentence")).as("q"))))
                .as("_q"))
        .select(
            col(ThemeColumns.TOUCHPOINT),
            col(ThemeColumns.CLUSTER),
            expr("transform(_q, x -> x.q)").as(ThemeColumns.QUOTES));
  }

  /** Cuts text longer than {@code maxChars} at a word boundary and marks the cut with "…". */
  public static String cap(String text, int maxChars) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    if (t.length() <= maxChars) {
      return t;
    }
    int cut = t.lastIndexOf(' ', maxChars - 1);
    if (cut < maxChars / 2) {
      cut = maxChars - 1;
    }
    return t.substring(0, cut).strip() + "…";
  }
}

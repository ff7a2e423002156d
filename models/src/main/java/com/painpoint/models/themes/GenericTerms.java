package com.painpoint.models.themes;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Words that say how bad something is rather than what is bad ("awful", "unacceptable", "mess"),
 * found from the night's own corpus: content words whose use is spread evenly over the touchpoints
 * (normalised entropy of their touchpoint distribution, each touchpoint weighted by its size). They
 * are removed before clustering so themes form around what customers complain about.
 */
public final class GenericTerms {
  /**
   * A word seen this often, spread at least this evenly, over this many touchpoints, is generic.
   */
  static final int MIN_SENTENCES = 5;

  static final double MIN_EVENNESS = 0.7;
  static final int MIN_TOUCHPOINTS = 3;

  private GenericTerms() {}

  /**
   * The generic words of the night's negative sentences (rows with {@link ThemeColumns#TOUCHPOINT}
   * and the {@code _tokens} of {@link ThemeVectors#withTerms}). Collects one row per word ×
   * touchpoint.
   */
  public static List<String> find(Dataset<Row> negative) {
    Dataset<Row> content =
        new StopWordsRemover().setInputCol("_tokens").setOutputCol("_c").transform(negative);
    Map<String, Long> sizes = new HashMap<>();
    for (Row r : negative.groupBy(ThemeColumns.TOUCHPOINT).agg(count(lit(1))).collectAsList()) {
      sizes.put(r.getString(0), r.getLong(1));
    }
    if (sizes.size() < MIN_TOUCHPOINTS) {
      return List.of();
    }
    Map<String, Map<String, Long>> byWord = new HashMap<>();
    for (Row r :
        content
            .select(col(ThemeColumns.TOUCHPOINT), explode(array_distinct(col("_c"))).as("w"))
            .groupBy("w", ThemeColumns.TOUCHPOINT)
            .agg(count(lit(1)))
            .collectAsList()) {
      byWord
          .computeIfAbsent(r.getString(0), k -> new HashMap<>())
          .put(r.getString(1), r.getLong(2));
    }
    TreeSet<String> generic = new TreeSet<>();
    for (Map.Entry<String, Map<String, Long>> e : byWord.entrySet()) {
      if (isGeneric(e.getValue(), sizes)) {
        generic.add(e.getKey());
      }
    }
    return new ArrayList<>(generic);
  }

  /** Normalised entropy of the word's rate per touchpoint, over all touchpoints with sentences. */
  static boolean isGeneric(Map<String, Long> counts, Map<String, Long> sizes) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    if (total < MIN_SENTENCES || counts.size() < MIN_TOUCHPOINTS) {
      return false;
    }
    double rateSum = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      rateSum += (double) e.getValue() / sizes.get(e.getKey());
    }
    double h = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      double p = (double) e.getValue() / sizes.get(e.getKey()) / rateSum;
      h -= p * Math.log(p);
    }
    return h / Math.log(sizes.size()) >= MIN_EVENNESS;
  }
}

package com.painpoint.models.themes;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * What makes each theme distinct from its touchpoint's other themes: class-based TF-IDF over the
 * sentences' content lemmas and bigrams (as in BERTopic), and a readable label built from the top
 * terms.
 *
 * <p>Weight of term t in theme c: {@code (df_c(t) / n_c) · ln(1 + A / df(t))}, where df counts
 * sentences containing t (in the theme, and in all the touchpoint's themes), n_c is the theme's
 * size and A the touchpoint's mean theme size. Words every theme uses ("awful", the touchpoint's
 * own name) fall to the bottom; words one theme owns rise.
 */
public final class ThemeTerms {
  public static final String TERM = "term";
  public static final String WEIGHT = "weight";
  public static final String TERM_RANK = "term_rank";

  /** Separator of the label's phrases. */
  public static final String SEPARATOR = " · ";

  /** A label is chosen among the theme's this many most distinctive terms. */
  static final int LABEL_CANDIDATES = 10;

  private ThemeTerms() {}

  /**
   * The top {@code top} terms of every theme (rows with cluster >= 0): touchpoint, cluster, term,
   * weight, term_rank. A term must occur in at least two of the theme's sentences.
   */
  public static Dataset<Row> distinctive(Dataset<Row> assigned, int top) {
    Dataset<Row> themed = assigned.filter(col(ThemeColumns.CLUSTER).geq(0));
    Dataset<Row> perSentence =
        themed.select(
            col(ThemeColumns.TOUCHPOINT),
            col(ThemeColumns.CLUSTER),
            explode(array_distinct(col(ThemeVectors.TERMS))).as(TERM));
    Dataset<Row> dfc =
        perSentence
            .groupBy(ThemeColumns.TOUCHPOINT, ThemeColumns.CLUSTER, TERM)
            .agg(count(lit(1)).as("_dfc"));
    Dataset<Row> sizes =
        themed.groupBy(ThemeColumns.TOUCHPOINT, ThemeColumns.CLUSTER).agg(count(lit(1)).as("_nc"));
    Dataset<Row> meanSize =
        themed
            .groupBy(ThemeColumns.TOUCHPOINT)
            .agg(count(lit(1)).divide(countDistinct(col(ThemeColumns.CLUSTER))).as("_a"));
    Dataset<Row> df = dfc.groupBy(ThemeColumns.TOUCHPOINT, TERM).agg(sum(col("_dfc")).as("_df"));
    return dfc.filter(col("_dfc").geq(2))
        .join(sizes, seq(ThemeColumns.TOUCHPOINT, ThemeColumns.CLUSTER))
        .join(df, seq(ThemeColumns.TOUCHPOINT, TERM))
        .join(meanSize, seq(ThemeColumns.TOUCHPOINT))
        .withColumn(
            WEIGHT, col("_dfc").divide(col("_nc")).multiply(log1p(col("_a").divide(col("_df")))))
        .withColumn(
            TERM_RANK,
            row_number()
                .over(
                    Window.partitionBy(ThemeColumns.TOUCHPOINT, ThemeColumns.CLUSTER)
                        .orderBy(desc(WEIGHT), col(TERM))))
        .filter(col(TERM_RANK).leq(top))
        .select(ThemeColumns.TOUCHPOINT, ThemeColumns.CLUSTER, TERM, WEIGHT, TERM_RANK);
  }

  /**
   * A readable label from terms ranked by weight: up to two phrases that share no word, a unigram
   * replaced by a bigram containing it when that bigram is nearly as distinctive ("charge" becomes
   * "charge twice"). Example: "charge twice · plan change".
   */
  public static String label(List<String> ranked, Map<String, Double> weights) {
    return String.join(SEPARATOR, labelPhrases(ranked, weights));
  }

  /** The phrases of {@link #label}, each a lemma or a bigram of lemmas. */
  public static List<String> labelPhrases(List<String> ranked, Map<String, Double> weights) {
    List<String> chosen = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (String term : ranked.subList(0, Math.min(ranked.size(), LABEL_CANDIDATES))) {
      if (overlaps(term, used)) {
        continue;
      }
      String phrase = term;
      if (!term.contains(" ")) {
        for (String other : ranked.subList(0, Math.min(ranked.size(), LABEL_CANDIDATES))) {
          if (other.contains(" ")
              && Arrays.asList(other.split(" ")).contains(term)
              && !overlaps(other.replace(term, "").trim(), used)
              && weights.getOrDefault(other, 0.0) >= 0.6 * weights.getOrDefault(term, 0.0)) {
            phrase = other;
            break;
          }
        }
      }
      chosen.add(phrase);
      used.addAll(Arrays.asList(phrase.split(" ")));
      if (chosen.size() == 2) {
        break;
      }
    }
    return chosen;
  }

  private static boolean overlaps(String phrase, Set<String> used) {
    for (String w : phrase.split(" ")) {
      if (!w.isEmpty() && used.contains(w)) {
        return true;
      }
    }
    return false;
  }

  static scala.collection.immutable.Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toList();
  }
}

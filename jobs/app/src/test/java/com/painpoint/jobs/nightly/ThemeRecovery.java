package com.painpoint.jobs.nightly;

import com.painpoint.jobs.generate.PlantedThemes;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How a run's themes hold the planted themes: for each planted theme, how many of its negative
 * sentences each discovered theme (of the same touchpoint) received.
 */
final class ThemeRecovery {
  /** Planted label → theme id → sentences. */
  final Map<String, Map<String, Integer>> counts = new TreeMap<>();

  final Map<String, Row> themes = new HashMap<>();

  private ThemeRecovery() {}

  /**
   * @param labels the generated data's sentence labels (feedback_labels.jsonl)
   */
  static ThemeRecovery of(SparkSession spark, Path run, PlantedThemes labels) {
    return of(spark, run, (id, s) -> labels.of(id, s).map(PlantedThemes.Planted::key));
  }

  /**
   * @param planted "touchpoint/label" of the planted theme a sentence (feedback id, text) was
   *     written from
   */
  static ThemeRecovery of(
      SparkSession spark, Path run, BiFunction<String, String, Optional<String>> planted) {
    ThemeRecovery r = new ThemeRecovery();
    for (Row t : spark.read().parquet(run.resolve("pain_themes").toString()).collectAsList()) {
      r.themes.put(t.getAs("theme_id"), t);
    }
    for (Row s :
        spark
            .read()
            .parquet(run.resolve("feedback_scored").toString())
            .filter("theme_ids is not null")
            .select("feedback_id", "sentence", "theme_ids")
            .collectAsList()) {
      Optional<String> p = planted.apply(s.getString(0), s.getString(1));
      if (p.isEmpty()) {
        continue;
      }
      String touchpoint = p.get().substring(0, p.get().indexOf('/'));
      List<String> ids = s.getList(2);
      for (String id : ids) {
        if (id.startsWith(touchpoint + "-")) {
          r.counts.computeIfAbsent(p.get(), k -> new TreeMap<>()).merge(id, 1, Integer::sum);
        }
      }
    }
    return r;
  }

  /** The theme holding the most of a planted theme's sentences. */
  String best(String planted) {
    return counts.get(planted).entrySet().stream()
        .max(
            Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .orElseThrow()
        .getKey();
  }

  double bestShare(String planted) {
    Map<String, Integer> c = counts.get(planted);
    return (double) c.get(best(planted)) / c.values().stream().mapToInt(i -> i).sum();
  }

  /**
   * Recovered: one theme holds more than half of the planted theme's sentences and is the best
   * theme of no other planted theme.
   */
  boolean recovered(String planted) {
    String b = best(planted);
    long owners = counts.keySet().stream().filter(p -> best(p).equals(b)).count();
    return bestShare(planted) > 0.5
        && owners == 1
        && !b.endsWith("-other")
        && !b.endsWith("-general");
  }

  String label(String themeId) {
    return themes.get(themeId).getAs("label");
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (String p : counts.keySet()) {
      String b = best(p);
      sb.append(
          String.format(
              "%-55s %-24s %.2f %-9s %s%n",
              p, b, bestShare(p), recovered(p) ? "recovered" : "split", label(b)));
    }
    return sb.toString();
  }
}

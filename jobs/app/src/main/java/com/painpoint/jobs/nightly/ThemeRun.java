package com.painpoint.jobs.nightly;

import com.painpoint.features.config.PainpointConfig;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.jobs.io.PreviousRuns;
import com.painpoint.jobs.io.RunOutput;
import com.painpoint.models.sentiment.SentimentColumns;
import com.painpoint.models.themes.CentroidMerge;
import com.painpoint.models.themes.ThemeColumns;
import com.painpoint.models.themes.ThemeDiscovery;
import com.painpoint.models.themes.ThemePlan;
import com.painpoint.models.themes.TouchpointClusters;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The job's themes step: clusters the night's negative sentences into pain themes, writes {@code
 * pain_themes}, and writes the final {@code feedback_scored} with each sentence's theme ids.
 */
final class ThemeRun {
  static final String PAIN_THEMES = "pain_themes";

  /** The night's themes (collected: a few per touchpoint) and the figures for the manifest. */
  record Outcome(List<Row> themes, Map<String, Object> figures) {}

  private ThemeRun() {}

  /**
   * @param unthemed where the sentiment step wrote the scored sentences; removed once {@code
   *     feedback_scored} is written with theme ids
   */
  static Outcome run(
      SparkSession spark,
      String unthemed,
      PainpointConfig config,
      String outRoot,
      LocalDate runDate,
      RunOutput out,
      Stages stages) {
    Dataset<Row> scored = spark.read().parquet(unthemed);
    Optional<String> previousPath = PreviousRuns.latestBefore(spark, outRoot, runDate, PAIN_THEMES);
    stages.progress(
        "themes: matching ids against {}", previousPath.orElse("no earlier run (all themes new)"));
    Dataset<Row> previous = previousPath.map(p -> spark.read().parquet(p)).orElse(null);
    // The previous run's sentences carry their theme ids: themes keep their sentences.
    Dataset<Row> previousScored =
        previousPath
            .map(p -> new org.apache.hadoop.fs.Path(p).getParent())
            .map(d -> new org.apache.hadoop.fs.Path(d, SentimentRun.FEEDBACK_SCORED).toString())
            .map(p -> spark.read().parquet(p))
            .orElse(null);
    ThemeDiscovery.Result r =
        ThemeDiscovery.discover(spark, scored, previous, previousScored, config.themes(), runDate);
    for (ThemePlan plan : r.plans()) {
      TouchpointClusters.Fit f = plan.leftover();
      stages.progress(
          "themes: {}: {} kept theme(s); {} new sentences clustered into {} new theme(s){}",
          plan.touchpoint(),
          plan.kept(),
          f.sentences(),
          f.k(),
          f.centers().length <= 1
              ? ""
              : " from " + f.centers().length + " sub-clusters, merges at " + merges(f));
    }
    spark
        .createDataFrame(r.themes(), ThemeDiscovery.SCHEMA)
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(out.path(PAIN_THEMES));
    scored
        .join(
            r.sentenceThemes(),
            scala.jdk.javaapi.CollectionConverters.asScala(
                    List.of(FeedbackSchema.FEEDBACK_ID, SentimentColumns.SENTENCE_INDEX))
                .toSeq(),
            "left")
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(out.path(SentimentRun.FEEDBACK_SCORED));
    out.delete(unthemed);

    Map<String, Object> f = new LinkedHashMap<>();
    f.put("matched_against", previousPath.orElse(null));
    f.put("negative_sentence_touchpoints", r.negativeSentences());
    Map<String, Object> perTouchpoint = new LinkedHashMap<>();
    for (ThemePlan plan : r.plans()) {
      TouchpointClusters.Fit fit = plan.leftover();
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("kept_themes", plan.kept());
      t.put("new_sentences_clustered", fit.sentences());
      t.put("new_themes", fit.k());
      t.put("sub_clusters", fit.centers().length);
      List<Double> sims = new ArrayList<>();
      for (CentroidMerge.Step step : fit.merges()) {
        sims.add(Math.round(step.similarity() * 1e4) / 1e4);
      }
      t.put("merge_similarities", sims);
      perTouchpoint.put(plan.touchpoint(), t);
    }
    f.put("touchpoints", perTouchpoint);
    Map<String, Long> status = new LinkedHashMap<>();
    for (Row t : r.themes()) {
      if (!t.<Boolean>getAs(ThemeColumns.IS_OTHER)) {
        status.merge(t.<String>getAs(ThemeColumns.STATUS), 1L, Long::sum);
      }
    }
    f.put("themes_by_status", status);
    return new Outcome(r.themes(), f);
  }

  private static String merges(TouchpointClusters.Fit f) {
    List<String> parts = new ArrayList<>();
    for (CentroidMerge.Step step : f.merges()) {
      parts.add(String.format(Locale.ROOT, "%.2f", step.similarity()));
    }
    return String.join(" ", parts);
  }

  /** The largest themes for the log line: "billing: charge twice · plan (41)". */
  static String largest(List<Row> themes, int n) {
    List<Row> real = new ArrayList<>();
    for (Row t : themes) {
      if (!t.<Boolean>getAs(ThemeColumns.IS_OTHER)) {
        real.add(t);
      }
    }
    real.sort(
        (a, b) -> Long.compare(b.<Long>getAs(ThemeColumns.SIZE), a.<Long>getAs(ThemeColumns.SIZE)));
    List<String> out = new ArrayList<>();
    for (Row t : real.subList(0, Math.min(n, real.size()))) {
      out.add(
          t.<String>getAs(ThemeColumns.TOUCHPOINT)
              + ": "
              + t.<String>getAs(ThemeColumns.LABEL)
              + " ("
              + t.<Long>getAs(ThemeColumns.SIZE)
              + ")");
    }
    return String.join(", ", out);
  }
}

package com.painpoint.jobs.nightly;

import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.jobs.io.RunDataset;
import com.painpoint.jobs.io.RunDatasets;
import com.painpoint.jobs.results.ThemeFigures;
import com.painpoint.models.sentiment.SentimentColumns;
import com.painpoint.models.themes.CentroidMerge;
import com.painpoint.models.themes.ThemeColumns;
import com.painpoint.models.themes.ThemeDiscovery;
import com.painpoint.models.themes.ThemePlan;
import com.painpoint.models.themes.TouchpointClusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Stage 5, pain themes: clusters the night's negative sentences into pain themes per touchpoint
 * (keeping the previous run's theme ids where they match), writes {@code pain_themes}, and writes
 * the final {@code feedback_scored} with each sentence's theme ids.
 */
final class ThemeRun implements NightStage<ThemeRun.Result> {

  /** The night's themes (collected: a few per touchpoint) and the stage's figures. */
  record Result(List<Row> themes, ThemeFigures figures) implements StageResult {
    @Override
    public String summary() {
      return "largest: " + largest(themes, 3);
    }

    @Override
    public Map<RunDataset, Long> outputs() {
      return Map.of(RunDataset.PAIN_THEMES, (long) themes.size());
    }
  }

  @Override
  public String name() {
    return "themes";
  }

  @Override
  public String description() {
    return "cluster negative sentences into pain themes per touchpoint";
  }

  @Override
  public Result run(RunContext ctx) {
    SparkSession spark = ctx.spark();
    RunDatasets datasets = ctx.datasets();
    Dataset<Row> scored = datasets.read(RunDataset.UNTHEMED_FEEDBACK_SCORED);
    Optional<String> previousPath = datasets.previous(RunDataset.PAIN_THEMES);
    ctx.stages()
        .progress(
            "themes: matching ids against {}",
            previousPath.orElse("no earlier run (all themes new)"));
    Dataset<Row> previous = previousPath.map(p -> spark.read().parquet(p)).orElse(null);
    // The previous run's sentences carry their theme ids: themes keep their sentences.
    Dataset<Row> previousScored =
        previousPath.isPresent()
            ? datasets.readPrevious(RunDataset.FEEDBACK_SCORED).orElse(null)
            : null;
    ThemeDiscovery.Result r =
        ThemeDiscovery.discover(
            spark, scored, previous, previousScored, ctx.config().themes(), ctx.runDate());
    for (ThemePlan plan : r.plans()) {
      TouchpointClusters.Fit f = plan.leftover();
      ctx.stages()
          .progress(
              "themes: {}: {} kept theme(s); {} new sentences clustered into {} new theme(s){}",
              plan.touchpoint(),
              plan.kept(),
              f.sentences(),
              f.k(),
              f.centers().length <= 1
                  ? ""
                  : " from " + f.centers().length + " sub-clusters, merges at " + merges(f));
    }
    datasets.write(
        RunDataset.PAIN_THEMES,
        spark.createDataFrame(r.themes(), ThemeDiscovery.SCHEMA).coalesce(1));
    datasets.write(
        RunDataset.FEEDBACK_SCORED,
        scored.join(
            r.sentenceThemes(),
            scala.jdk.javaapi.CollectionConverters.asScala(
                    List.of(FeedbackSchema.FEEDBACK_ID, SentimentColumns.SENTENCE_INDEX))
                .toSeq(),
            "left"));
    datasets.delete(RunDataset.UNTHEMED_FEEDBACK_SCORED);

    Map<String, ThemeFigures.TouchpointThemes> perTouchpoint = new LinkedHashMap<>();
    for (ThemePlan plan : r.plans()) {
      TouchpointClusters.Fit fit = plan.leftover();
      List<Double> sims = new ArrayList<>();
      for (CentroidMerge.Step step : fit.merges()) {
        sims.add(Math.round(step.similarity() * 1e4) / 1e4);
      }
      perTouchpoint.put(
          plan.touchpoint(),
          new ThemeFigures.TouchpointThemes(
              plan.kept(), fit.sentences(), fit.k(), fit.centers().length, sims));
    }
    Map<String, Long> status = new LinkedHashMap<>();
    for (Row t : r.themes()) {
      if (!t.<Boolean>getAs(ThemeColumns.IS_OTHER)) {
        status.merge(t.<String>getAs(ThemeColumns.STATUS), 1L, Long::sum);
      }
    }
    return new Result(
        r.themes(),
        new ThemeFigures(previousPath.orElse(null), r.negativeSentences(), perTouchpoint, status));
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

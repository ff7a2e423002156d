package com.painpoint.jobs.nightly;

import static org.apache.spark.sql.functions.col;

import com.painpoint.features.contracts.ClickstreamSchema;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.jobs.io.RunDataset;
import com.painpoint.jobs.io.RunDatasets;
import com.painpoint.jobs.report.ReportBuilder;
import com.painpoint.jobs.report.ReportModel;
import com.painpoint.jobs.report.ReportRenderer;
import com.painpoint.jobs.results.ReportFigures;
import com.painpoint.jobs.results.Versions;
import com.painpoint.models.actions.CountermeasureColumns;
import com.painpoint.models.paths.PathEffects;
import com.painpoint.models.ranking.RankingColumns;
import java.util.List;
import java.util.Map;

/**
 * Stage 8, report: builds the report model from the run's small tables and the earlier stages'
 * figures, and writes {@code report.html} and {@code summary.md} beside the other outputs, so they
 * commit with the run.
 */
final class ReportRun implements NightStage<ReportRun.Result> {

  /** What the report stage wrote. */
  record Result(ReportModel model, ReportFigures figures) implements StageResult {
    @Override
    public String summary() {
      return RunDataset.REPORT_HTML.fileName()
          + " ("
          + figures.htmlChars() / 1024
          + " KiB), "
          + RunDataset.SUMMARY_MD.fileName()
          + "; data quality "
          + figures.quality();
    }
  }

  private final ContractsRun.Result contracts;
  private final SentimentRun.Result sentiment;
  private final ThemeRun.Result themes;
  private final ChurnRun.Result churn;
  private final ImpactRankingRun.Result ranking;
  private final Versions versions;

  ReportRun(
      ContractsRun.Result contracts,
      SentimentRun.Result sentiment,
      ThemeRun.Result themes,
      ChurnRun.Result churn,
      ImpactRankingRun.Result ranking,
      Versions versions) {
    this.contracts = contracts;
    this.sentiment = sentiment;
    this.themes = themes;
    this.churn = churn;
    this.ranking = ranking;
    this.versions = versions;
  }

  @Override
  public String name() {
    return "report";
  }

  @Override
  public String description() {
    return "leadership report.html and summary.md";
  }

  @Override
  public Result run(RunContext ctx) {
    RunDatasets datasets = ctx.datasets();
    ReportModel model =
        ReportBuilder.build(
            new ReportBuilder.Inputs(
                ctx.runDate().toString(),
                ctx.startedAt().toString(),
                window(contracts),
                ctx.taxonomy(),
                ctx.config().ranking(),
                datasets
                    .read(RunDataset.TOUCHPOINT_RANKING)
                    .orderBy(col(RankingColumns.RANK))
                    .collectAsList(),
                datasets.read(RunDataset.TOUCHPOINT_SENTIMENT).collectAsList(),
                datasets.read(RunDataset.TOUCHPOINT_FRICTION).collectAsList(),
                datasets.read(RunDataset.PAIN_THEMES).collectAsList(),
                datasets
                    .read(RunDataset.COUNTERMEASURES)
                    .orderBy(
                        col(CountermeasureColumns.PAIN_RANK),
                        col(CountermeasureColumns.ACTION_RANK))
                    .collectAsList(),
                ranking.initiativeEffects().isEmpty()
                    ? List.of()
                    : datasets.read(RunDataset.INITIATIVE_EFFECTS).collectAsList(),
                datasets.read(RunDataset.PATH_EFFECTS).collectAsList(),
                datasets
                    .read(RunDataset.CHURN_PATHS)
                    .orderBy(col(PathEffects.RANK))
                    .collectAsList(),
                new ReportBuilder.Run(
                    contracts.quality(),
                    sentiment.figures(),
                    churn.figures(),
                    themes.figures().matchedAgainst(),
                    ranking.figures().rankingComparedWith(),
                    versions,
                    ctx.configHash())));
    String html = ReportRenderer.html(model);
    String md = ReportRenderer.markdown(model);
    datasets.writeText(RunDataset.REPORT_HTML, html);
    datasets.writeText(RunDataset.SUMMARY_MD, md);
    return new Result(
        model,
        new ReportFigures(
            RunDataset.REPORT_HTML.fileName(),
            RunDataset.SUMMARY_MD.fileName(),
            html.length(),
            md.length(),
            model.window(),
            model.quality().level()));
  }

  /**
   * "clickstream 2026-04-02 to 2026-06-30 · feedback 2026-04-01 to 2026-06-30": the first and last
   * day of the rows the night kept, as the contracts stage measured them.
   */
  static String window(ContractsRun.Result contracts) {
    Map<String, SourceIngest.Ingested> s = contracts.sources();
    return span("clickstream", s.get(ClickstreamSchema.SOURCE).span())
        + " · "
        + span("feedback", s.get(FeedbackSchema.SOURCE).span());
  }

  private static String span(String name, SourceIngest.Span span) {
    if (span.first() == null) {
      return name + " (none)";
    }
    return name + " " + day(span.first()) + " to " + day(span.last());
  }

  private static String day(Object timestamp) {
    String s = String.valueOf(timestamp);
    return s.length() >= 10 ? s.substring(0, 10) : s;
  }
}

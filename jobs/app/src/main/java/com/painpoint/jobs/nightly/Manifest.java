package com.painpoint.jobs.nightly;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.painpoint.features.window.LookbackWindow;
import com.painpoint.jobs.results.ChurnFigures;
import com.painpoint.jobs.results.InputFigures;
import com.painpoint.jobs.results.RankingFigures;
import com.painpoint.jobs.results.ReportFigures;
import com.painpoint.jobs.results.SentimentFigures;
import com.painpoint.jobs.results.SourceFigures;
import com.painpoint.jobs.results.ThemeFigures;
import com.painpoint.jobs.results.Versions;
import java.util.List;
import java.util.Map;

/**
 * The run's manifest.json: the stages' result records serialised with Jackson (snake_case keys) —
 * options, inputs, per-source counts by reject reason, each stage's figures, stage timings, outputs
 * with row counts, versions and the hash of the configuration that produced it.
 */
record Manifest(
    String runDate,
    String status,
    String generatedAt,
    Versions versions,
    String configHash,
    Options options,
    Window window,
    Map<String, InputFigures> inputs,
    Map<String, SourceFigures> sources,
    SentimentFigures sentiment,
    ThemeFigures themes,
    ChurnFigures churn,
    RankingFigures ranking,
    ReportFigures report,
    List<Stages.Timing> stages,
    Map<String, Stages.Output> outputs) {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** The command-line options the run was given. */
  record Options(
      String crm,
      String feedback,
      String clickstream,
      String taxonomy,
      String config,
      Integer lookbackDays,
      @JsonInclude(JsonInclude.Include.NON_NULL) String playbook,
      @JsonInclude(JsonInclude.Include.NON_NULL) String initiatives) {
    static Options of(NightlyOptions o) {
      return new Options(
          o.crm(),
          o.feedback(),
          o.clickstream(),
          o.taxonomy(),
          o.config(),
          o.lookbackDays(),
          o.playbook(),
          o.initiatives());
    }
  }

  /**
   * The run's lookback window. Without one, only {@code lookback_days: null}: every accepted row
   * counts.
   */
  record Window(
      Integer lookbackDays,
      @JsonInclude(JsonInclude.Include.NON_NULL) String fromInclusive,
      @JsonInclude(JsonInclude.Include.NON_NULL) String untilExclusive,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> appliesTo) {
    static Window of(LookbackWindow w) {
      if (!w.bounded()) {
        return new Window(w.days().orElse(null), null, null, null);
      }
      return new Window(
          w.days().orElse(null),
          w.from().orElseThrow().toString(),
          w.until().toString(),
          List.of("feedback (created_at)", "clickstream (event_time)"));
    }
  }

  /** The manifest of a finished night, from its stages' results. */
  static Manifest of(
      RunContext ctx,
      Versions versions,
      ContractsRun.Result contracts,
      SentimentRun.Result sentiment,
      ThemeRun.Result themes,
      ChurnRun.Result churn,
      ImpactRankingRun.Result ranking,
      ReportRun.Result report) {
    return new Manifest(
        ctx.runDate().toString(),
        "complete",
        ctx.startedAt().toString(),
        versions,
        ctx.configHash(),
        Options.of(ctx.options()),
        Window.of(ctx.window()),
        contracts.inputs(),
        contracts.quality(),
        sentiment.figures(),
        themes.figures(),
        churn.figures(),
        ranking.figures(),
        report.figures(),
        ctx.stages().timings(),
        ctx.stages().outputs());
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("manifest is not serialisable", e);
    }
  }
}

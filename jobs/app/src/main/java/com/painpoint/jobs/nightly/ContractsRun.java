package com.painpoint.jobs.nightly;

import com.painpoint.features.contracts.ClickstreamSchema;
import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.contracts.SourceContract;
import com.painpoint.features.quality.RejectPolicy;
import com.painpoint.features.spark.ParallelJobs;
import com.painpoint.features.window.LookbackWindow;
import com.painpoint.jobs.results.InputFigures;
import com.painpoint.jobs.results.SourceFigures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stage 1, contracts & data quality: reads the CRM, feedback and clickstream through their
 * contracts, quarantines bad rows under {@code rejected/<source>/} and keeps the accepted rows
 * inside the lookback window (persisted until {@link Result#release}).
 */
final class ContractsRun implements NightStage<ContractsRun.Result> {

  /**
   * Per source (crm, feedback, clickstream, in that order) what was ingested, how it was read and
   * its counts.
   */
  record Result(
      Map<String, SourceIngest.Ingested> sources,
      Map<String, InputFigures> inputs,
      Map<String, SourceFigures> quality,
      String summary)
      implements StageResult {

    Dataset<Row> crm() {
      return sources.get(CrmSchema.SOURCE).accepted();
    }

    Dataset<Row> feedback() {
      return sources.get(FeedbackSchema.SOURCE).accepted();
    }

    Dataset<Row> clickstream() {
      return sources.get(ClickstreamSchema.SOURCE).accepted();
    }

    /** Unpersists the validated rows of every source. */
    void release() {
      sources.values().forEach(SourceIngest.Ingested::release);
    }
  }

  /**
   * One input of the run, the contract it is read through, and the timestamp column the lookback
   * window applies to (null: never windowed; the CRM is a snapshot, not a history).
   */
  private record Input(String path, SourceContract contract, String windowColumn) {}

  /** Sources ingested so far: released by the job if a later source stops the run. */
  private final List<SourceIngest.Ingested> held;

  ContractsRun(List<SourceIngest.Ingested> held) {
    this.held = held;
  }

  @Override
  public String name() {
    return "contracts";
  }

  @Override
  public String description() {
    return "read and validate crm, feedback, clickstream";
  }

  @Override
  public Result run(RunContext ctx) {
    NightlyOptions o = ctx.options();
    RejectPolicy policy = new RejectPolicy(ctx.config().maxRejectShare());
    Map<String, SourceIngest.Ingested> bySource = new LinkedHashMap<>();
    Map<String, InputFigures> inputs = new LinkedHashMap<>();
    Map<String, SourceFigures> quality = new LinkedHashMap<>();
    List<Input> sources =
        List.of(
            new Input(o.crm(), CrmSchema.contract(o.runDate()), null),
            new Input(
                o.feedback(), FeedbackSchema.contract(o.runDate()), FeedbackSchema.CREATED_AT),
            new Input(
                o.clickstream(),
                ClickstreamSchema.contract(o.runDate()),
                ClickstreamSchema.EVENT_TIME));
    // The three sources are independent: read side by side, so one source's planning and code
    // generation overlap another's scan (on the sample, the CRM's first Spark jobs are seconds of
    // fixed cost). Results and the first failure come back in source order, as one by one.
    List<SourceIngest.Ingested> ingested =
        ParallelJobs.map(
            ctx.spark(),
            sources,
            input -> {
              SourceContract c = input.contract();
              SourceIngest.Ingested in =
                  SourceIngest.ingest(
                      ctx.spark(),
                      input.path(),
                      ctx.config().source(c.name()),
                      c,
                      policy,
                      ctx.window(),
                      input.windowColumn(),
                      ctx.out());
              synchronized (held) {
                held.add(in);
              }
              return in;
            });
    for (int i = 0; i < sources.size(); i++) {
      SourceContract c = sources.get(i).contract();
      Input input = sources.get(i);
      SourceIngest.Ingested in = ingested.get(i);
      bySource.put(c.name(), in);
      inputs.put(c.name(), InputFigures.of(input.path(), in.raw()));
      quality.put(c.name(), SourceFigures.of(in.quality(), in.window()));
      ctx.stages()
          .progress(
              "{}: read {} rows from {} {} file(s), accepted {}, rejected {} {}{}",
              c.name(),
              in.quality().rowsRead(),
              in.raw().files(),
              in.raw().format(),
              in.quality().accepted(),
              in.quality().rejected(),
              in.quality().rejectedByReason(),
              windowSummary(in, ctx.window()));
    }
    List<String> parts = new ArrayList<>();
    bySource.forEach(
        (k, v) ->
            parts.add(
                k
                    + " "
                    + v.quality().accepted()
                    + "/"
                    + v.quality().rowsRead()
                    + (v.window() == null ? "" : " (" + v.window().inWindow() + " in window)")));
    return new Result(bySource, inputs, quality, "accepted " + String.join(", ", parts));
  }

  /** ", outside the window 12 (before 2026-06-01: 10, undated: 2), in window 90" or "". */
  private static String windowSummary(SourceIngest.Ingested in, LookbackWindow window) {
    if (in.window() == null) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        ", outside the window %d (before %s: %d, undated: %d), in window %d",
        in.window().outsideWindow(),
        window.from().orElseThrow().toString().substring(0, 10),
        in.window().beforeWindow(),
        in.window().undated(),
        in.window().inWindow());
  }
}

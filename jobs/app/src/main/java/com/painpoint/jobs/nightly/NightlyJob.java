package com.painpoint.jobs.nightly;

import com.painpoint.features.config.PainpointConfig;
import com.painpoint.features.config.PainpointException;
import com.painpoint.features.contracts.ClickstreamSchema;
import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.contracts.SourceContract;
import com.painpoint.features.journeys.JourneyAggregates;
import com.painpoint.features.journeys.JourneyColumns;
import com.painpoint.features.journeys.Journeys;
import com.painpoint.features.quality.RejectPolicy;
import com.painpoint.features.spark.SparkSessions;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.window.LookbackWindow;
import com.painpoint.jobs.io.RunOutput;
import com.painpoint.jobs.io.TextFiles;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly job: reads the CRM, feedback and clickstream exports through their contracts,
 * computes journeys and friction, scores sentiment, finds pain themes, measures churn impact,
 * trains the churn model and ranks touchpoints by pain, and writes {@code
 * <out>/run_date=YYYY-MM-DD/} atomically with its manifest and the leadership report.
 */
public final class NightlyJob {
  private static final Logger LOG = LoggerFactory.getLogger("painpoint");

  /** Outputs of the journeys stage, as folder names under the run folder. */
  public static final String SESSION_TOUCHPOINTS = "session_touchpoints";

  public static final String TOUCHPOINT_FRICTION = "touchpoint_friction";
  public static final String CUSTOMER_FRICTION = "customer_friction";
  public static final String MANIFEST = "manifest.json";

  private NightlyJob() {}

  /** What a finished run produced. */
  public record RunResult(
      String runFolder,
      String manifestJson,
      List<Row> frictionRanking,
      List<Row> sentimentRanking,
      List<Row> themes,
      List<Row> touchpointRanking,
      List<Row> touchpointImpact) {}

  public static void main(String[] args) {
    int code = 0;
    SparkSession spark = null;
    try {
      if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
        System.out.print(NightlyOptions.usage());
        return;
      }
      NightlyOptions options = NightlyOptions.parse(args);
      spark = SparkSessions.forJob("painpoint-nightly " + options.runDate());
      RunResult r = run(spark, options);
      System.out.println("painpoint: run complete: " + r.runFolder());
    } catch (PainpointException e) {
      code = e.kind().exitCode();
      LOG.debug("failure", e);
      System.err.println("painpoint: error: " + e.getMessage());
    } catch (Exception | Error e) {
      // Exception, not RuntimeException: Spark actions throw the checked SparkException.
      code = PainpointException.Kind.RUNTIME.exitCode();
      LOG.error("runtime failure", e);
      System.err.println("painpoint: runtime failure: " + e);
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs one night; throws {@link PainpointException} for bad input or config. */
  public static RunResult run(SparkSession spark, NightlyOptions o) {
    String configText = o.config() == null ? "" : TextFiles.read(spark, o.config(), "config");
    PainpointConfig config =
        o.config() == null
            ? PainpointConfig.DEFAULTS
            : PainpointConfig.parse(o.config(), configText);
    String taxonomyText = TextFiles.read(spark, o.taxonomy(), "taxonomy");
    Taxonomy taxonomy = Taxonomy.parse(o.taxonomy(), taxonomyText);
    Timestamp asOf =
        Timestamp.from(o.runDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    RejectPolicy policy = new RejectPolicy(config.maxRejectShare());
    Manifest manifest = new Manifest(o, configText, taxonomyText, spark.version());
    Stages stages = new Stages(spark, 7);
    RunOutput out = RunOutput.begin(spark, o.out(), o.runDate());
    LookbackWindow window = o.window();
    LOG.info(
        "painpoint nightly run {} -> {} (clickstream and feedback: {})",
        o.runDate(),
        out.finalPath(),
        window);
    List<SourceIngest.Ingested> held = new ArrayList<>();
    try {
      Map<String, SourceIngest.Ingested> ingested =
          stages.run(
              "contracts",
              "read and validate crm, feedback, clickstream",
              () -> {
                Map<String, SourceIngest.Ingested> bySource = new LinkedHashMap<>();
                for (Input input : inputs(o)) {
                  SourceContract c = input.contract();
                  SourceIngest.Ingested in =
                      SourceIngest.ingest(
                          spark,
                          input.path(),
                          config.source(c.name()),
                          c,
                          policy,
                          window,
                          input.windowColumn(),
                          out);
                  held.add(in);
                  bySource.put(c.name(), in);
                  manifest.input(c.name(), input.path(), in.raw());
                  manifest.source(in.quality(), in.window());
                  stages.progress(
                      "{}: read {} rows from {} {} file(s), accepted {}, rejected {} {}{}",
                      c.name(),
                      in.quality().rowsRead(),
                      in.raw().files(),
                      in.raw().format(),
                      in.quality().accepted(),
                      in.quality().rejected(),
                      in.quality().rejectedByReason(),
                      windowSummary(in, window));
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
                                + (v.window() == null
                                    ? ""
                                    : " (" + v.window().inWindow() + " in window)")));
                return new Stages.Result<>(bySource, "accepted " + String.join(", ", parts));
              });
      SourceIngest.Ingested events = ingested.get(ClickstreamSchema.SOURCE);

      Dataset<Row> sessionTouchpoints =
          stages.run(
              "journeys",
              "map events to touchpoints, sessionize, derive friction",
              () -> {
                Dataset<Row> st =
                    Journeys.sessionTouchpoints(
                            events.accepted(), taxonomy, config.journeys(), asOf)
                        .persist(StorageLevel.MEMORY_AND_DISK());
                st.write().mode(SaveMode.Overwrite).parquet(out.path(SESSION_TOUCHPOINTS));
                long rows = st.count();
                TouchpointCoverage.check(rows, events.accepted(), taxonomy, o.taxonomy());
                manifest.output(SESSION_TOUCHPOINTS, SESSION_TOUCHPOINTS, rows);
                stages.progress(
                    "{}: {} session x touchpoint rows in {} partitions",
                    SESSION_TOUCHPOINTS,
                    rows,
                    st.rdd().getNumPartitions());
                return new Stages.Result<>(st, rows + " session x touchpoint rows");
              });

      List<Row> ranking =
          stages.run(
              "friction",
              "per-touchpoint friction table and per-customer exposures",
              () -> {
                Dataset<Row> table =
                    JourneyAggregates.touchpointFriction(sessionTouchpoints, taxonomy).cache();
                out.writeSmallTable(table, TOUCHPOINT_FRICTION);
                List<Row> rows = table.collectAsList();
                manifest.output(TOUCHPOINT_FRICTION, TOUCHPOINT_FRICTION, rows.size());
                Dataset<Row> exposures =
                    JourneyAggregates.customerFriction(sessionTouchpoints, taxonomy);
                exposures.write().mode(SaveMode.Overwrite).parquet(out.path(CUSTOMER_FRICTION));
                long exposureRows = spark.read().parquet(out.path(CUSTOMER_FRICTION)).count();
                manifest.output(CUSTOMER_FRICTION, CUSTOMER_FRICTION, exposureRows);
                table.unpersist();
                return new Stages.Result<>(rows, "top friction: " + top(rows, 3));
              });

      sessionTouchpoints.unpersist();

      SentimentRun.Outcome sentiment =
          stages.run(
              "sentiment",
              "CoreNLP sentence sentiment, attribution to touchpoints",
              () -> {
                SentimentRun.Outcome r =
                    SentimentRun.run(
                        spark,
                        ingested.get(FeedbackSchema.SOURCE).accepted(),
                        taxonomy,
                        config,
                        o.out(),
                        o.runDate(),
                        out,
                        stages);
                manifest.output(
                    SentimentRun.FEEDBACK_SCORED,
                    SentimentRun.FEEDBACK_SCORED,
                    (Long) r.figures().get("sentence_rows"));
                manifest.output(
                    SentimentRun.TOUCHPOINT_SENTIMENT,
                    SentimentRun.TOUCHPOINT_SENTIMENT,
                    r.touchpointSentiment().size());
                manifest.section("sentiment", r.figures());
                return new Stages.Result<>(r, "most negative: " + topNegative(r, 3));
              });

      ThemeRun.Outcome themes =
          stages.run(
              "themes",
              "cluster negative sentences into pain themes per touchpoint",
              () -> {
                ThemeRun.Outcome r =
                    ThemeRun.run(
                        spark,
                        out.path(SentimentRun.UNTHEMED),
                        config,
                        o.out(),
                        o.runDate(),
                        out,
                        stages);
                manifest.output(ThemeRun.PAIN_THEMES, ThemeRun.PAIN_THEMES, r.themes().size());
                manifest.section("themes", r.figures());
                return new Stages.Result<>(r, "largest: " + ThemeRun.largest(r.themes(), 3));
              });

      ChurnRankingRun.Outcome churn =
          stages.run(
              "churn & ranking",
              "customer features, touchpoint impact, churn model, pain ranking",
              () -> {
                ChurnRankingRun.Outcome r =
                    ChurnRankingRun.run(
                        spark,
                        ingested.get(CrmSchema.SOURCE).accepted(),
                        window,
                        taxonomy,
                        config,
                        o.out(),
                        o.runDate(),
                        out,
                        stages);
                r.outputs().forEach((name, rows) -> manifest.output(name, name, rows));
                manifest.section("churn", r.figures());
                return new Stages.Result<>(r, "top pain: " + ChurnRankingRun.top(r.ranking(), 3));
              });

      stages.run(
          "report",
          "leadership report.html and summary.md",
          () -> {
            ReportRun.Outcome r =
                ReportRun.run(
                    spark,
                    ingested.get(FeedbackSchema.SOURCE).accepted(),
                    events.accepted(),
                    taxonomy,
                    config,
                    o.runDate(),
                    manifest.toJson(stages.timings()),
                    out);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("html", ReportRun.REPORT_HTML);
            figures.put("summary", ReportRun.SUMMARY_MD);
            figures.put("html_chars", r.htmlBytes());
            figures.put("summary_chars", r.markdownBytes());
            figures.put("window", r.model().window());
            figures.put("quality", r.model().quality().level());
            manifest.section("report", figures);
            return new Stages.Result<>(
                r,
                ReportRun.REPORT_HTML
                    + " ("
                    + r.htmlBytes() / 1024
                    + " KiB), "
                    + ReportRun.SUMMARY_MD
                    + "; data quality "
                    + r.model().quality().level());
          });

      held.forEach(SourceIngest.Ingested::release);
      String manifestJson = manifest.toJson(stages.timings());
      out.writeText(MANIFEST, manifestJson);
      out.commit();
      LOG.info("run {} committed to {}", o.runDate(), out.finalPath());
      return new RunResult(
          out.finalPath(),
          manifestJson,
          ranking,
          sentiment.touchpointSentiment(),
          themes.themes(),
          churn.ranking(),
          churn.impact());
    } catch (Throwable e) {
      // Throwable: a failed Spark job throws the checked SparkException, which must abort too.
      held.forEach(SourceIngest.Ingested::release);
      out.abort();
      throw e;
    }
  }

  /**
   * One input of the run, the contract it is read through, and the timestamp column the lookback
   * window applies to (null: never windowed; the CRM is a snapshot, not a history).
   */
  private record Input(String path, SourceContract contract, String windowColumn) {}

  private static List<Input> inputs(NightlyOptions o) {
    return List.of(
        new Input(o.crm(), CrmSchema.contract(o.runDate()), null),
        new Input(o.feedback(), FeedbackSchema.contract(o.runDate()), FeedbackSchema.CREATED_AT),
        new Input(
            o.clickstream(),
            ClickstreamSchema.contract(o.runDate()),
            ClickstreamSchema.EVENT_TIME));
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

  private static String topNegative(SentimentRun.Outcome r, int n) {
    List<String> out = new ArrayList<>();
    for (Row row : r.touchpointSentiment()) {
      Double share = row.getAs("negative_share");
      if (row.getAs("negativity_rank") != null && out.size() < n) {
        out.add(
            row.<String>getAs(JourneyColumns.TOUCHPOINT)
                + String.format(Locale.ROOT, " %.0f%% negative", 100 * share));
      }
    }
    return String.join(", ", out);
  }

  private static String top(List<Row> ranking, int n) {
    List<String> out = new ArrayList<>();
    for (Row r : ranking.subList(0, Math.min(n, ranking.size()))) {
      Double rate = r.getAs(JourneyColumns.FRICTION_RATE);
      out.add(
          r.<String>getAs(JourneyColumns.TOUCHPOINT)
              + String.format(Locale.ROOT, " %.1f%%", rate == null ? 0 : 100 * rate));
    }
    return String.join(", ", out);
  }
}

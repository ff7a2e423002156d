package com.painpoint.jobs.nightly;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.spark.SparkSessions;
import com.painpoint.jobs.io.RunDataset;
import com.painpoint.jobs.results.Versions;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly job: runs the design's stages over one night's CRM, feedback and clickstream and
 * writes {@code <out>/run_date=YYYY-MM-DD/} atomically with its manifest and the leadership report.
 */
public final class NightlyJob {
  private static final Logger LOG = LoggerFactory.getLogger("painpoint");

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
    RunContext ctx = RunContext.open(spark, o);
    Stages stages = ctx.stages();
    LOG.info(
        "painpoint nightly run {} -> {} (clickstream and feedback: {})",
        o.runDate(),
        ctx.out().finalPath(),
        ctx.window());
    List<SourceIngest.Ingested> held = new ArrayList<>();
    try {
      ContractsRun.Result contracts = stages.run(new ContractsRun(held), ctx);
      JourneysRun.Result journeys = stages.run(new JourneysRun(contracts), ctx);
      FrictionRun.Result friction = stages.run(new FrictionRun(contracts, journeys), ctx);
      journeys.release();
      SentimentRun.Result sentiment = stages.run(new SentimentRun(contracts), ctx);
      ThemeRun.Result themes = stages.run(new ThemeRun(), ctx);
      ChurnRun.Result churn = stages.run(new ChurnRun(contracts), ctx);
      ImpactRankingRun.Result ranking = stages.run(new ImpactRankingRun(friction, churn), ctx);
      churn.release();
      Versions versions = Versions.of(spark.version());
      ReportRun.Result report =
          stages.run(new ReportRun(contracts, sentiment, themes, churn, ranking, versions), ctx);
      contracts.release();
      String manifest =
          Manifest.of(ctx, versions, contracts, sentiment, themes, churn, ranking, report).toJson();
      ctx.datasets().writeText(RunDataset.MANIFEST, manifest);
      ctx.out().commit();
      LOG.info("run {} committed to {}", o.runDate(), ctx.out().finalPath());
      return new RunResult(
          ctx.out().finalPath(),
          manifest,
          friction.ranking(),
          sentiment.touchpointSentiment(),
          themes.themes(),
          ranking.ranking(),
          ranking.impact());
    } catch (Throwable e) {
      // Throwable: a failed Spark job throws the checked SparkException, which must abort too.
      // The sources are ingested side by side; one still finishing adds itself under this lock.
      synchronized (held) {
        held.forEach(SourceIngest.Ingested::release);
      }
      ctx.out().abort();
      throw e;
    }
  }
}

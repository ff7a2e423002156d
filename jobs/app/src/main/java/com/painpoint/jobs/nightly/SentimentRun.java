package com.painpoint.jobs.nightly;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_remove;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.config.PainpointConfig;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.journeys.JourneyColumns;
import com.painpoint.features.spark.ExactSums;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.jobs.io.RunDataset;
import com.painpoint.jobs.io.RunDatasets;
import com.painpoint.jobs.results.SentimentFigures;
import com.painpoint.models.sentiment.EncoderAttribution;
import com.painpoint.models.sentiment.KeywordLemmas;
import com.painpoint.models.sentiment.ParserKind;
import com.painpoint.models.sentiment.SentimentAggregates;
import com.painpoint.models.sentiment.SentimentColumns;
import com.painpoint.models.sentiment.SentimentSettings;
import com.painpoint.models.sentiment.SentimentStage;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.LongAccumulator;

/**
 * Stage 4, sentiment: scores the night's feedback sentence by sentence (reusing an earlier night's
 * scores for unchanged texts), writes the scored sentences (which the themes stage completes into
 * {@code feedback_scored}) and {@code touchpoint_sentiment}, and reports what was parsed and what
 * was reused. Customer text is redacted here, where sentences are split, and only here.
 */
final class SentimentRun implements NightStage<SentimentRun.Result> {

  /** The per-touchpoint table (collected: a dozen rows) and the stage's figures. */
  record Result(List<Row> touchpointSentiment, SentimentFigures figures) implements StageResult {
    @Override
    public String summary() {
      List<String> out = new ArrayList<>();
      for (Row row : touchpointSentiment) {
        Double share = row.getAs(SentimentColumns.NEGATIVE_SHARE);
        if (row.getAs(SentimentColumns.NEGATIVITY_RANK) != null && out.size() < 3) {
          out.add(
              row.<String>getAs(JourneyColumns.TOUCHPOINT)
                  + String.format(Locale.ROOT, " %.0f%% negative", 100 * share));
        }
      }
      return "most negative: " + String.join(", ", out);
    }

    @Override
    public Map<RunDataset, Long> outputs() {
      Map<RunDataset, Long> m = new LinkedHashMap<>();
      m.put(RunDataset.FEEDBACK_SCORED, figures.sentenceRows());
      m.put(RunDataset.TOUCHPOINT_SENTIMENT, (long) touchpointSentiment.size());
      return m;
    }
  }

  private final ContractsRun.Result contracts;

  SentimentRun(ContractsRun.Result contracts) {
    this.contracts = contracts;
  }

  @Override
  public String name() {
    return "sentiment";
  }

  @Override
  public String description() {
    return "sentence sentiment, attribution to touchpoints";
  }

  /**
   * The settings a configuration asks for; the encoder model's head is loaded here, on the driver
   * (the shipped head unless {@code sentiment.model_path} names one), and travels to executors as
   * its weights.
   */
  static SentimentSettings settings(PainpointConfig config) {
    PainpointConfig.SentimentOptions s = config.sentiment();
    return SentimentSettings.of(
        s.model(),
        s.modelPath(),
        ParserKind.parse(s.parser()),
        s.maxSentenceTokens(),
        s.minSentencesToRank());
  }

  /** Attribution by sentence similarity when the config asks for it, else null (keywords only). */
  static EncoderAttribution byEncoder(PainpointConfig config, Taxonomy taxonomy) {
    PainpointConfig.SentimentOptions s = config.sentiment();
    return s.attribution().equals("encoder")
        ? EncoderAttribution.of(taxonomy, s.attributionMinSimilarity(), s.attributionMargin())
        : null;
  }

  @Override
  public Result run(RunContext ctx) {
    SparkSession spark = ctx.spark();
    LocalDate runDate = ctx.runDate();
    Taxonomy taxonomy = ctx.taxonomy();
    RunDatasets datasets = ctx.datasets();
    SentimentSettings settings = settings(ctx.config());
    Dataset<Row> prepared = SentimentStage.prepare(contracts.feedback());
    Optional<String> previousPath = datasets.previous(RunDataset.FEEDBACK_SCORED);
    Dataset<Row> previous =
        previousPath
            .map(p -> SentimentStage.reusable(spark.read().parquet(p), settings))
            .orElse(null);
    ctx.stages()
        .progress(
            "sentiment: {}, reusing scores from {}",
            settings.describe(),
            previousPath.orElse("no earlier run"));
    LongAccumulator parsed = spark.sparkContext().longAccumulator("painpoint.sentences_parsed");
    Dataset<Row> fresh =
        SentimentStage.score(
            SentimentStage.unscored(prepared, previous), settings, runDate, parsed);
    Dataset<Row> all =
        previous == null ? fresh : fresh.unionByName(SentimentStage.reused(prepared, previous));
    datasets.write(
        RunDataset.UNTHEMED_FEEDBACK_SCORED,
        SentimentStage.finish(
            all, taxonomy, KeywordLemmas.of(taxonomy), byEncoder(ctx.config(), taxonomy)));
    // Read back what was written: CoreNLP work is never recomputed by a second action.
    Dataset<Row> scored = datasets.read(RunDataset.UNTHEMED_FEEDBACK_SCORED);
    Row c =
        scored
            .agg(
                count(lit(1)),
                count_distinct(col(FeedbackSchema.FEEDBACK_ID)),
                count_distinct(
                    when(
                        col(SentimentColumns.SCORED_RUN_DATE).equalTo(lit(Date.valueOf(runDate))),
                        col(FeedbackSchema.FEEDBACK_ID))),
                count(when(col(SentimentColumns.SENTIMENT_CLASS).geq(0), 1)),
                count(when(col(SentimentColumns.TEXT_FLAG).equalTo("empty_text"), 1)),
                count(when(col(SentimentColumns.TEXT_FLAG).equalTo("no_words"), 1)),
                count(when(col(SentimentColumns.TEXT_FLAG).equalTo("non_english"), 1)),
                count(when(col(SentimentColumns.TRUNCATED), 1)),
                count(
                    when(
                        array_contains(col(SentimentColumns.FLAGS), SentimentColumns.FLAG_DISAGREE),
                        1)))
            .first();
    Dataset<Row> table =
        SentimentAggregates.touchpointSentiment(scored, taxonomy, settings.minSentencesToRank())
            .cache();
    datasets.writeSmallTable(RunDataset.TOUCHPOINT_SENTIMENT, table);
    List<Row> rows = table.collectAsList();
    table.unpersist();

    SentimentFigures.Flags flags =
        new SentimentFigures.Flags(
            c.getLong(4), c.getLong(5), c.getLong(6), c.getLong(7), c.getLong(8));
    SentimentFigures f =
        new SentimentFigures(
            settings.modelId(),
            settings.describe(),
            previousPath.orElse(null),
            c.getLong(0),
            c.getLong(1),
            c.getLong(2),
            c.getLong(1) - c.getLong(2),
            parsed.value(),
            c.getLong(3),
            flags,
            scoreAgreement(scored));
    ctx.stages()
        .progress(
            "sentiment: {} feedback ({} scored tonight, {} reused), {} sentence rows, {} distinct"
                + " sentences parsed, flags {}",
            c.getLong(1),
            c.getLong(2),
            c.getLong(1) - c.getLong(2),
            c.getLong(0),
            parsed.value(),
            flags);
    return new Result(rows, f);
  }

  /**
   * Per touchpoint the text talks about (its sentences' attribution) and overall: how the text's
   * sentiment agrees with the NPS/CSAT score given with it (see {@link
   * SentimentFigures.ScoreAgreement}). Sums are exact, so the figures do not depend on
   * partitioning.
   */
  static List<SentimentFigures.ScoreAgreement> scoreAgreement(Dataset<Row> scored) {
    Dataset<Row> texts =
        scored
            .filter(
                col(SentimentColumns.EXPLICIT_SCORE)
                    .isNotNull()
                    .and(col(SentimentColumns.TEXT_SCORE).isNotNull()))
            .groupBy(col(FeedbackSchema.FEEDBACK_ID))
            .agg(
                array_distinct(flatten(collect_list(col(SentimentColumns.TOUCHPOINTS)))).as("tps"),
                first(col(SentimentColumns.EXPLICIT_SCORE)).as("x"),
                first(col(SentimentColumns.TEXT_SCORE)).as("y"),
                max(array_contains(col(SentimentColumns.FLAGS), SentimentColumns.FLAG_DISAGREE)
                        .cast("int"))
                    .as("d"));
    Column[] sums = {
      count(lit(1)),
      ExactSums.total(col("x")),
      ExactSums.total(col("y")),
      ExactSums.total(col("x").multiply(col("x"))),
      ExactSums.total(col("y").multiply(col("y"))),
      ExactSums.total(col("x").multiply(col("y"))),
      sum(col("d"))
    };
    // One aggregation: each text counts once under every touchpoint it talks about and once under
    // a null key, which stands for all texts.
    List<Row> rows =
        texts
            .withColumn(
                "tp",
                explode(
                    concat(
                        array(lit(null).cast(DataTypes.StringType)),
                        array_remove(col("tps"), SentimentColumns.UNATTRIBUTED))))
            .groupBy(col("tp"))
            .agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length))
            .orderBy(col("tp").asc_nulls_first())
            .collectAsList();
    List<SentimentFigures.ScoreAgreement> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(agreement(r.isNullAt(0) ? "all" : r.getString(0), r, 1));
    }
    return out;
  }

  private static SentimentFigures.ScoreAgreement agreement(String touchpoint, Row r, int at) {
    long n = r.getLong(at);
    double sx = r.getDouble(at + 1);
    double sy = r.getDouble(at + 2);
    double sxx = r.getDouble(at + 3);
    double syy = r.getDouble(at + 4);
    double sxy = r.getDouble(at + 5);
    long disagree = r.isNullAt(at + 6) ? 0 : r.getLong(at + 6);
    double vx = n * sxx - sx * sx;
    double vy = n * syy - sy * sy;
    Double corr =
        n < 3 || vx <= 1e-12 || vy <= 1e-12
            ? null
            : Math.round((n * sxy - sx * sy) / Math.sqrt(vx * vy) * 1e4) / 1e4;
    return new SentimentFigures.ScoreAgreement(
        touchpoint, n, corr, Math.round((double) disagree / n * 1e4) / 1e4);
  }
}

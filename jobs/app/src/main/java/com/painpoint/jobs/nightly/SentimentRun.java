package com.painpoint.jobs.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.config.PainpointConfig;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.jobs.io.PreviousRuns;
import com.painpoint.jobs.io.RunOutput;
import com.painpoint.models.sentiment.KeywordLemmas;
import com.painpoint.models.sentiment.ParserKind;
import com.painpoint.models.sentiment.SentimentAggregates;
import com.painpoint.models.sentiment.SentimentColumns;
import com.painpoint.models.sentiment.SentimentSettings;
import com.painpoint.models.sentiment.SentimentStage;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * The job's sentiment step: scores the night's feedback (reusing an earlier night's scores for
 * unchanged texts), writes the scored sentences (which the themes step completes into {@code
 * feedback_scored}) and {@code touchpoint_sentiment}, and reports what was parsed and what was
 * reused.
 */
final class SentimentRun {
  static final String FEEDBACK_SCORED = "feedback_scored";
  static final String TOUCHPOINT_SENTIMENT = "touchpoint_sentiment";

  /**
   * Scored sentences before the themes step adds theme ids (removed before the run commits). No
   * leading underscore: Spark treats such paths as hidden and warns when asked to read one.
   */
  static final String UNTHEMED = "unthemed_feedback_scored";

  /** The per-touchpoint table (collected: a dozen rows) and the figures for the manifest. */
  record Outcome(List<Row> touchpointSentiment, Map<String, Object> figures) {}

  private SentimentRun() {}

  static SentimentSettings settings(PainpointConfig config) {
    PainpointConfig.SentimentOptions s = config.sentiment();
    return new SentimentSettings(
        ParserKind.parse(s.parser()), s.maxSentenceTokens(), s.minSentencesToRank());
  }

  static Outcome run(
      SparkSession spark,
      Dataset<Row> feedback,
      Taxonomy taxonomy,
      PainpointConfig config,
      String outRoot,
      LocalDate runDate,
      RunOutput out,
      Stages stages) {
    SentimentSettings settings = settings(config);
    Dataset<Row> prepared = SentimentStage.prepare(feedback);
    Optional<String> previousPath =
        PreviousRuns.latestBefore(spark, outRoot, runDate, FEEDBACK_SCORED);
    Dataset<Row> previous =
        previousPath
            .map(p -> SentimentStage.reusable(spark.read().parquet(p), settings))
            .orElse(null);
    stages.progress(
        "sentiment: parser {}, reusing scores from {}",
        settings.parser(),
        previousPath.orElse("no earlier run"));
    LongAccumulator parsed = spark.sparkContext().longAccumulator("painpoint.sentences_parsed");
    Dataset<Row> fresh =
        SentimentStage.score(
            SentimentStage.unscored(prepared, previous), settings, runDate, parsed);
    Dataset<Row> all =
        previous == null ? fresh : fresh.unionByName(SentimentStage.reused(prepared, previous));
    SentimentStage.finish(all, taxonomy, KeywordLemmas.of(taxonomy))
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(out.path(UNTHEMED));
    // Read back what was written: CoreNLP work is never recomputed by a second action.
    Dataset<Row> scored = spark.read().parquet(out.path(UNTHEMED));
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
                        org.apache.spark.sql.functions.array_contains(
                            col(SentimentColumns.FLAGS), SentimentColumns.FLAG_DISAGREE),
                        1)))
            .first();
    Dataset<Row> table =
        SentimentAggregates.touchpointSentiment(scored, taxonomy, settings.minSentencesToRank())
            .cache();
    out.writeSmallTable(table, TOUCHPOINT_SENTIMENT);
    List<Row> rows = table.collectAsList();
    table.unpersist();

    Map<String, Object> f = new LinkedHashMap<>();
    f.put("model", settings.modelId());
    f.put("reused_from", previousPath.orElse(null));
    f.put("sentence_rows", c.getLong(0));
    f.put("feedback", c.getLong(1));
    f.put("feedback_scored_tonight", c.getLong(2));
    f.put("feedback_reused", c.getLong(1) - c.getLong(2));
    f.put("distinct_sentences_parsed", parsed.value());
    f.put("sentences_scored", c.getLong(3));
    Map<String, Long> flags = new LinkedHashMap<>();
    flags.put("empty_text", c.getLong(4));
    flags.put("no_words", c.getLong(5));
    flags.put("non_english", c.getLong(6));
    flags.put("truncated", c.getLong(7));
    flags.put("score_text_disagree", c.getLong(8));
    f.put("flags", flags);
    stages.progress(
        "sentiment: {} feedback ({} scored tonight, {} reused), {} sentence rows, {} distinct"
            + " sentences parsed, flags {}",
        c.getLong(1),
        c.getLong(2),
        c.getLong(1) - c.getLong(2),
        c.getLong(0),
        parsed.value(),
        flags);
    return new Outcome(rows, f);
  }
}

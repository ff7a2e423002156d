package com.painpoint.models.sentiment;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.taxonomy.Touchpoint;
import com.painpoint.features.text.PiiRedactor;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * The sentiment stage: cuts feedback into sentences, scores each distinct sentence once (the
 * sentence encoder and a trained head, or CoreNLP's model; one pipeline and one encoder per
 * executor JVM, used from mapPartitions), attributes sentences to touchpoints by taxonomy keywords
 * on lemmas, and combines text with the explicit score. Feedback already scored on an earlier night
 * (same id, same text hash) is reused, not re-parsed.
 */
public final class SentimentStage {
  /** Columns kept from an earlier night's feedback_scored to reuse its scores. */
  static final List<String> CACHED =
      List.of(
          FeedbackSchema.FEEDBACK_ID,
          SentimentColumns.TEXT_HASH,
          SentimentColumns.SENTENCE_INDEX,
          SentimentColumns.SENTENCE,
          SentimentColumns.SENTIMENT_CLASS,
          SentimentColumns.PROBABILITIES,
          SentimentColumns.SCORE,
          SentimentColumns.LEMMAS,
          SentimentColumns.TEXT_FLAG,
          SentimentColumns.TRUNCATED,
          SentimentColumns.SCORED_RUN_DATE,
          SentimentColumns.SENTIMENT_MODEL,
          SentimentColumns.EMBEDDING);

  private SentimentStage() {}

  /** Accepted feedback plus its text hash and explicit score mapped to [-1, 1]. */
  public static Dataset<Row> prepare(Dataset<Row> feedback) {
    Column scale = col(FeedbackSchema.SCORE_SCALE);
    Column score = col(FeedbackSchema.SCORE);
    Column explicit =
        when(scale.equalTo(FeedbackSchema.SCALE_NPS), score.minus(5).divide(5))
            .when(scale.equalTo(FeedbackSchema.SCALE_CSAT), score.minus(3).divide(2));
    return feedback.select(
        col(FeedbackSchema.FEEDBACK_ID),
        col(FeedbackSchema.CUSTOMER_ID),
        col(FeedbackSchema.CREATED_AT),
        col(FeedbackSchema.CHANNEL),
        col(FeedbackSchema.TOUCHPOINT).as(SentimentColumns.FEEDBACK_TOUCHPOINT),
        explicit.as(SentimentColumns.EXPLICIT_SCORE),
        sha2(col(FeedbackSchema.TEXT), 256).as(SentimentColumns.TEXT_HASH),
        col(FeedbackSchema.TEXT));
  }

  /** Prepared feedback that an earlier night has not scored (new ids or edited text). */
  public static Dataset<Row> unscored(Dataset<Row> prepared, Dataset<Row> previous) {
    if (previous == null) {
      return prepared;
    }
    return prepared.join(
        previous.select(FeedbackSchema.FEEDBACK_ID, SentimentColumns.TEXT_HASH).distinct(),
        scala.jdk.javaapi.CollectionConverters.asScala(
                List.of(FeedbackSchema.FEEDBACK_ID, SentimentColumns.TEXT_HASH))
            .toSeq(),
        "left_anti");
  }

  /**
   * Sentence rows of an earlier night for feedback whose text is unchanged, with today's fields.
   */
  public static Dataset<Row> reused(Dataset<Row> prepared, Dataset<Row> previous) {
    Dataset<Row> cached = previous.select(CACHED.stream().map(c -> col(c)).toArray(Column[]::new));
    return prepared
        .drop(FeedbackSchema.TEXT)
        .join(
            cached,
            scala.jdk.javaapi.CollectionConverters.asScala(
                    List.of(FeedbackSchema.FEEDBACK_ID, SentimentColumns.TEXT_HASH))
                .toSeq(),
            "inner");
  }

  /**
   * Scores prepared feedback: one row per sentence (one flagged row for a text that cannot be
   * scored), each distinct sentence parsed once.
   *
   * @param scoredCounter counts sentences actually parsed (for the manifest)
   */
  public static Dataset<Row> score(
      Dataset<Row> prepared,
      SentimentSettings settings,
      LocalDate runDate,
      LongAccumulator scoredCounter) {
    Dataset<Row> sentences =
        prepared.mapPartitions(new SplitSentences(), Encoders.row(splitSchema(prepared.schema())));
    Dataset<Row> distinct =
        sentences
            .filter(col(SentimentColumns.NORM).isNotNull())
            .groupBy(col(SentimentColumns.NORM))
            .agg(min(col(SentimentColumns.SCORING_TEXT)).as(SentimentColumns.SCORING_TEXT))
            // Scoring is the CPU-heavy step: spread it over every core. A few thousand distinct
            // sentences are a small shuffle output, which adaptive execution would coalesce into
            // one partition and so one core; an explicit partition count is never coalesced. Each
            // sentence is scored on its own, so the scores do not depend on the partitioning.
            .repartition(scoringPartitions(prepared), col(SentimentColumns.NORM));
    Dataset<Row> scores =
        distinct.mapPartitions(
            new ScoreSentences(settings, scoredCounter), Encoders.row(SCORE_SCHEMA));
    return sentences
        .join(
            scores,
            scala.jdk.javaapi.CollectionConverters.asScala(List.of(SentimentColumns.NORM)).toSeq(),
            "left")
        .withColumn(
            SentimentColumns.TRUNCATED, coalesce(col(SentimentColumns.TRUNCATED), lit(false)))
        .withColumn(SentimentColumns.SCORED_RUN_DATE, lit(Date.valueOf(runDate)))
        .withColumn(SentimentColumns.SENTIMENT_MODEL, lit(settings.modelId()))
        .drop(SentimentColumns.NORM, SentimentColumns.SCORING_TEXT, FeedbackSchema.TEXT);
  }

  /**
   * Adds touchpoints (keywords found in the sentence's lemmas, else the feedback's own touchpoint,
   * else "unattributed"), the text's mean score, flags and the class label.
   */
  public static Dataset<Row> finish(
      Dataset<Row> sentenceRows, Taxonomy taxonomy, KeywordLemmas keywords) {
    return finish(sentenceRows, taxonomy, keywords, null);
  }

  /**
   * As above, and a sentence that names no keyword but has an encoder vector goes to the touchpoint
   * it is clearly nearest to ({@link EncoderAttribution}), before the feedback's own touchpoint.
   *
   * @param byEncoder null to attribute by keywords only
   */
  public static Dataset<Row> finish(
      Dataset<Row> sentenceRows,
      Taxonomy taxonomy,
      KeywordLemmas keywords,
      EncoderAttribution byEncoder) {
    Column lemmaText =
        concat(lit(" "), concat_ws(" ", coalesce(col(SentimentColumns.LEMMAS), array())), lit(" "));
    List<Column> found = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : keywords.byTouchpoint().entrySet()) {
      Column any = lit(false);
      for (String k : e.getValue()) {
        any = any.or(lemmaText.contains(" " + k + " "));
      }
      found.add(when(any, lit(e.getKey())));
    }
    Column mentioned = array_compact(array(found.toArray(Column[]::new)));
    Object[] names = taxonomy.touchpoints().stream().map(Touchpoint::name).toArray();
    Column own = col(SentimentColumns.FEEDBACK_TOUCHPOINT);
    Column touchpoints = when(size(mentioned).gt(0), mentioned);
    if (byEncoder != null) {
      org.apache.spark.sql.expressions.UserDefinedFunction nearest =
          org.apache.spark.sql.functions.udf(
              (org.apache.spark.sql.api.java.UDF1<scala.collection.Seq<Float>, String>)
                  v -> {
                    if (v == null) {
                      return null;
                    }
                    float[] f = new float[v.size()];
                    for (int i = 0; i < f.length; i++) {
                      f[i] = v.apply(i);
                    }
                    return byEncoder.nearest(f);
                  },
              DataTypes.StringType);
      Column near = nearest.apply(col(SentimentColumns.EMBEDDING));
      touchpoints = touchpoints.when(near.isNotNull(), array(near));
    }
    touchpoints =
        touchpoints
            .when(own.isin(names), array(own))
            .otherwise(array(lit(SentimentColumns.UNATTRIBUTED)));
    Column scored = col(SentimentColumns.SENTIMENT_CLASS).geq(0);
    Column textScore =
        avg(when(scored, col(SentimentColumns.SCORE)))
            .over(Window.partitionBy(col(FeedbackSchema.FEEDBACK_ID)));
    Column explicit = col(SentimentColumns.EXPLICIT_SCORE);
    Column disagree =
        explicit
            .leq(-0.6)
            .and(col(SentimentColumns.TEXT_SCORE).geq(0.25))
            .or(explicit.geq(0.6).and(col(SentimentColumns.TEXT_SCORE).leq(-0.25)));
    Column labels = array(SentenceScorer.LABELS.stream().map(l -> lit(l)).toArray(Column[]::new));
    return sentenceRows
        .withColumn(SentimentColumns.TOUCHPOINTS, touchpoints)
        .withColumn(SentimentColumns.TEXT_SCORE, textScore)
        .withColumn(
            SentimentColumns.FLAGS,
            array_compact(
                array(
                    col(SentimentColumns.TEXT_FLAG),
                    when(col(SentimentColumns.TRUNCATED), lit(SentimentColumns.FLAG_TRUNCATED)),
                    when(
                        col(SentimentColumns.SENTIMENT_CLASS).equalTo(-1),
                        lit(SentimentColumns.FLAG_UNPARSEABLE)),
                    when(coalesce(disagree, lit(false)), lit(SentimentColumns.FLAG_DISAGREE)))))
        .withColumn(
            SentimentColumns.SENTIMENT_LABEL,
            when(scored, element_at(labels, col(SentimentColumns.SENTIMENT_CLASS).plus(1))))
        .select(
            col(FeedbackSchema.FEEDBACK_ID),
            col(FeedbackSchema.CUSTOMER_ID),
            col(FeedbackSchema.CREATED_AT),
            col(FeedbackSchema.CHANNEL),
            col(SentimentColumns.FEEDBACK_TOUCHPOINT),
            col(SentimentColumns.TEXT_HASH),
            col(SentimentColumns.SENTENCE_INDEX),
            col(SentimentColumns.SENTENCE),
            col(SentimentColumns.SENTIMENT_CLASS),
            col(SentimentColumns.SENTIMENT_LABEL),
            col(SentimentColumns.PROBABILITIES),
            col(SentimentColumns.SCORE),
            col(SentimentColumns.LEMMAS),
            col(SentimentColumns.TOUCHPOINTS),
            col(SentimentColumns.EXPLICIT_SCORE),
            col(SentimentColumns.TEXT_SCORE),
            col(SentimentColumns.TEXT_FLAG),
            col(SentimentColumns.TRUNCATED),
            col(SentimentColumns.FLAGS),
            col(SentimentColumns.SCORED_RUN_DATE),
            col(SentimentColumns.SENTIMENT_MODEL),
            col(SentimentColumns.EMBEDDING));
  }

  /** Four tasks per core of the session, so cores stay busy while sentence lengths differ. */
  static int scoringPartitions(Dataset<Row> any) {
    return Math.max(2, 4 * any.sparkSession().sparkContext().defaultParallelism());
  }

  /** The rows of an earlier night's output that this configuration may reuse. */
  public static Dataset<Row> reusable(Dataset<Row> previousOutput, SentimentSettings settings) {
    if (!List.of(previousOutput.columns()).contains(SentimentColumns.SENTIMENT_MODEL)) {
      return null;
    }
    Dataset<Row> same =
        previousOutput.filter(col(SentimentColumns.SENTIMENT_MODEL).equalTo(settings.modelId()));
    // Runs written before sentences kept their vectors (CoreNLP-scored rows have none).
    return List.of(same.columns()).contains(SentimentColumns.EMBEDDING)
        ? same
        : same.withColumn(SentimentColumns.EMBEDDING, lit(null).cast(EMBEDDING_TYPE));
  }

  private static StructType splitSchema(StructType prepared) {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : prepared.fields()) {
      fields.add(f);
    }
    fields.add(
        DataTypes.createStructField(SentimentColumns.SENTENCE_INDEX, DataTypes.IntegerType, false));
    fields.add(DataTypes.createStructField(SentimentColumns.SENTENCE, DataTypes.StringType, true));
    fields.add(
        DataTypes.createStructField(SentimentColumns.SCORING_TEXT, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(SentimentColumns.NORM, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(SentimentColumns.TEXT_FLAG, DataTypes.StringType, true));
    return DataTypes.createStructType(fields);
  }

  /** The sentence encoder's vector: 384 floats, unit length. */
  public static final DataType EMBEDDING_TYPE =
      DataTypes.createArrayType(DataTypes.FloatType, false);

  static final StructType SCORE_SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField(SentimentColumns.NORM, DataTypes.StringType, false),
              DataTypes.createStructField(
                  SentimentColumns.SENTIMENT_CLASS, DataTypes.IntegerType, false),
              DataTypes.createStructField(
                  SentimentColumns.PROBABILITIES,
                  DataTypes.createArrayType(DataTypes.DoubleType, false),
                  false),
              DataTypes.createStructField(SentimentColumns.SCORE, DataTypes.DoubleType, false),
              DataTypes.createStructField(
                  SentimentColumns.LEMMAS,
                  DataTypes.createArrayType(DataTypes.StringType, false),
                  false),
              DataTypes.createStructField(SentimentColumns.TRUNCATED, DataTypes.BooleanType, false),
              DataTypes.createStructField(SentimentColumns.EMBEDDING, EMBEDDING_TYPE, true)));

  /** Feedback row -> its sentences (redacted for output, original for scoring). */
  static final class SplitSentences implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new FlatIterator<>(
          rows,
          row -> {
            String text = row.getAs(FeedbackSchema.TEXT);
            int width = row.size();
            List<Row> out = new ArrayList<>();
            String flag = TextChecks.flag(text);
            List<String> sentences = flag == null ? TextSplitter.sentences(text) : List.of();
            if (flag == null && sentences.isEmpty()) {
              flag = TextChecks.NO_WORDS;
            }
            if (flag != null) {
              String shown = text == null ? null : PiiRedactor.redact(text.strip());
              out.add(extend(row, width, 0, shown, null, null, flag));
              return out;
            }
            for (int i = 0; i < sentences.size(); i++) {
              String s = sentences.get(i);
              out.add(
                  extend(row, width, i, PiiRedactor.redact(s), s, TextSplitter.normalise(s), null));
            }
            return out;
          });
    }

    private static Row extend(
        Row row, int width, int index, String shown, String scoring, String norm, String flag) {
      Object[] values = new Object[width + 5];
      for (int i = 0; i < width; i++) {
        values[i] = row.get(i);
      }
      values[width] = index;
      values[width + 1] = shown;
      values[width + 2] = scoring;
      values[width + 3] = norm;
      values[width + 4] = flag;
      return RowFactory.create(values);
    }
  }

  private static scala.collection.immutable.Seq<Float> floats(float[] v) {
    List<Float> out = new ArrayList<>(v.length);
    for (float f : v) {
      out.add(f);
    }
    return scala.jdk.javaapi.CollectionConverters.asScala(out).toList();
  }

  /** Distinct sentence -> scores, with the executor's shared pipeline and encoder. */
  static final class ScoreSentences implements MapPartitionsFunction<Row, Row> {
    private final SentimentSettings settings;
    private final LongAccumulator counter;

    ScoreSentences(SentimentSettings settings, LongAccumulator counter) {
      this.settings = settings;
      this.counter = counter;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new FlatIterator<>(
          rows,
          row -> {
            SentenceScorer.Scored s =
                SentenceScorer.score(row.getAs(SentimentColumns.SCORING_TEXT), settings);
            if (counter != null) {
              counter.add(1);
            }
            List<Double> probs = new ArrayList<>();
            for (double p : s.probabilities()) {
              probs.add(p);
            }
            return List.of(
                RowFactory.create(
                    row.getAs(SentimentColumns.NORM),
                    s.sentimentClass(),
                    scala.jdk.javaapi.CollectionConverters.asScala(probs).toSeq(),
                    s.score(),
                    scala.jdk.javaapi.CollectionConverters.asScala(s.lemmas()).toSeq(),
                    s.truncated(),
                    s.embedding() == null ? null : floats(s.embedding())));
          });
    }
  }
}

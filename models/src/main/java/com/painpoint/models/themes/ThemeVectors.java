package com.painpoint.models.themes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.feature.Word2Vec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns sentences' lemmas into unit vectors for clustering: content lemmas (stop words and
 * punctuation out) plus their bigrams, TF-IDF weighted, optionally joined with a Word2Vec average
 * trained on the same corpus, general-purpose word vectors, and the sentence encoder's vector of
 * the whole sentence ({@link #EMBEDDING}), so sentences that say the same thing in different words
 * land close.
 */
public final class ThemeVectors {
  /** Input column: lemmas of a sentence (lower case). */
  public static final String LEMMAS = "lemmas";

  public static final String FEATURES = "features";

  /**
   * The sentence encoder's unit vector of a sentence ({@link #withEmbeddings}); read by the
   * pipeline when its encoder weight is above 0.
   */
  public static final String EMBEDDING = "_embedding";

  static final String TERMS = "_terms";

  /**
   * Passes of Word2Vec over the night's sentences. A night's negative sentences are a small corpus
   * (a few thousand), and Spark's default of one pass, or the five used before, leaves the vectors
   * far from converged: with 20, BANKING77 at k=77 goes from NMI 0.685 to 0.705, and the
   * 200k-customer bench night's themes take about 5 s longer.
   */
  static final int WORD2VEC_EPOCHS = 20;

  private ThemeVectors() {}

  /** Adds {@link #TERMS}: content lemmas (alphabetic, 2+ letters), ready for the pipeline. */
  public static Dataset<Row> withTerms(Dataset<Row> sentences) {
    return sentences.withColumn(
        "_tokens", expr("filter(" + LEMMAS + ", x -> x rlike '^[a-z][a-z\\\\-]+$')"));
  }

  /**
   * Adds {@link #EMBEDDING}: the sentence encoder's vector of {@code textCol}. A plain column
   * expression, so it runs in the partitions it is applied to (add it before the data is coalesced
   * for clustering, and the encoding is spread over the executors' cores).
   */
  public static Dataset<Row> withEmbeddings(Dataset<Row> sentences, String textCol) {
    org.apache.spark.sql.expressions.UserDefinedFunction embed =
        org.apache.spark.sql.functions.udf(
            (org.apache.spark.sql.api.java.UDF1<String, org.apache.spark.ml.linalg.Vector>)
                text ->
                    org.apache.spark.ml.linalg.Vectors.dense(
                        com.painpoint.models.encoder.SentenceEncoder.get().embedDouble(text)),
            org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
    return sentences.withColumn(EMBEDDING, embed.apply(col(textCol)));
  }

  /**
   * Adds {@link #EMBEDDING} from a stored vector column (array of floats, as the sentiment stage
   * keeps it), encoding {@code textCol} only where no vector is stored.
   */
  public static Dataset<Row> withEmbeddings(
      Dataset<Row> sentences, String storedCol, String textCol) {
    org.apache.spark.sql.expressions.UserDefinedFunction embed =
        org.apache.spark.sql.functions.udf(
            (org.apache.spark.sql.api.java.UDF2<
                    scala.collection.Seq<Float>, String, org.apache.spark.ml.linalg.Vector>)
                (stored, text) -> {
                  if (stored == null) {
                    return org.apache.spark.ml.linalg.Vectors.dense(
                        com.painpoint.models.encoder.SentenceEncoder.get().embedDouble(text));
                  }
                  double[] v = new double[stored.size()];
                  for (int i = 0; i < v.length; i++) {
                    v[i] = stored.apply(i);
                  }
                  return org.apache.spark.ml.linalg.Vectors.dense(v);
                },
            org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
    return sentences.withColumn(EMBEDDING, embed.apply(col(storedCol), col(textCol)));
  }

  /** The vectoriser without the sentence encoder (see the five-argument form). */
  public static Pipeline pipeline(
      double word2vecWeight,
      double pretrainedWeight,
      long seed,
      java.util.List<String> extraStopWords) {
    return pipeline(word2vecWeight, pretrainedWeight, 0, seed, extraStopWords);
  }

  /**
   * The vectoriser with extra stop words (on top of Spark's English list), e.g. the corpus's {@link
   * GenericTerms}.
   */
  public static Pipeline pipeline(
      double word2vecWeight,
      double pretrainedWeight,
      double encoderWeight,
      long seed,
      java.util.List<String> extraStopWords) {
    java.util.List<String> stopWords =
        new java.util.ArrayList<>(
            java.util.List.of(StopWordsRemover.loadDefaultStopWords("english")));
    stopWords.addAll(extraStopWords);
    StopWordsRemover stop =
        new StopWordsRemover()
            .setInputCol("_tokens")
            .setOutputCol("_content")
            .setStopWords(stopWords.toArray(String[]::new));
    NGram bigrams = new NGram().setN(2).setInputCol("_content").setOutputCol("_bigrams");
    ConcatTerms concat = new ConcatTerms();
    CountVectorizer tf =
        new CountVectorizer()
            .setInputCol(TERMS)
            .setOutputCol("_tf")
            .setMinDF(2)
            .setVocabSize(20000);
    IDF idf = new IDF().setInputCol("_tf").setOutputCol("_tfidf");
    List<PipelineStage> stages =
        new ArrayList<>(
            List.of(
                stop,
                bigrams,
                concat,
                tf,
                idf,
                new Normalizer().setInputCol("_tfidf").setOutputCol("_tfidf_unit")));
    List<String> blocks = new ArrayList<>(List.of("_tfidf_unit"));
    if (word2vecWeight > 0) {
      stages.add(
          new Word2Vec()
              .setInputCol("_content")
              .setOutputCol("_w2v")
              .setVectorSize(100)
              .setMinCount(2)
              .setWindowSize(5)
              .setMaxIter(WORD2VEC_EPOCHS)
              .setSeed(seed));
      stages.add(new Normalizer().setInputCol("_w2v").setOutputCol("_w2v_unit"));
      stages.add(new ScaleVector("_w2v_unit", "_w2v_scaled", word2vecWeight));
      blocks.add("_w2v_scaled");
    }
    if (pretrainedWeight > 0) {
      stages.add(new PretrainedVectors("_content", "_pre_unit"));
      stages.add(new ScaleVector("_pre_unit", "_pre_scaled", pretrainedWeight));
      blocks.add("_pre_scaled");
    }
    if (encoderWeight > 0) {
      // The encoder's vectors share a large common direction (every customer sentence is alike
      // next to text at large, so cosines sit between 0.6 and 0.95): centred on the night's mean
      // and scaled back to unit length, they spread, and what sets one complaint apart from
      // another weighs more than what all complaints share.
      stages.add(
          new org.apache.spark.ml.feature.StandardScaler()
              .setInputCol(EMBEDDING)
              .setOutputCol("_enc_centred")
              .setWithMean(true)
              .setWithStd(false));
      stages.add(new Normalizer().setInputCol("_enc_centred").setOutputCol("_enc_unit"));
      stages.add(new ScaleVector("_enc_unit", "_enc_scaled", encoderWeight));
      blocks.add("_enc_scaled");
    }
    stages.add(
        new VectorAssembler().setInputCols(blocks.toArray(String[]::new)).setOutputCol("_joined"));
    stages.add(new Normalizer().setInputCol("_joined").setOutputCol(FEATURES));
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
  }

  /** True where a vector is not all zeros (cosine similarity is defined for it). */
  public static org.apache.spark.sql.Column hasDirection(org.apache.spark.sql.Column vector) {
    return org.apache
        .spark
        .sql
        .functions
        .udf(
            (org.apache.spark.sql.api.java.UDF1<org.apache.spark.ml.linalg.Vector, Boolean>)
                v -> v != null && v.numNonzeros() > 0,
            org.apache.spark.sql.types.DataTypes.BooleanType)
        .apply(vector);
  }

  static org.apache.spark.sql.Column terms() {
    return concat(col("_content"), col("_bigrams"));
  }
}

package com.painpoint.jobs.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.models.sentiment.KeywordLemmas;
import com.painpoint.models.sentiment.ParserKind;
import com.painpoint.models.sentiment.SentenceScorer;
import com.painpoint.models.sentiment.SentimentSettings;
import com.painpoint.models.sentiment.SentimentStage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.LongAccumulator;

/**
 * scripts/eval-sentiment: scores a labelled file with Painpoint's sentiment stage, with the encoder
 * model and CoreNLP's side by side, and prints for each binary accuracy (positive vs negative by
 * probability mass), three-class accuracy and macro-F1 (when the file has a neutral class) and
 * sentences per second; the RESULT line holds the default (encoder) model's figures.
 */
public final class EvalSentimentMain {
  static final String USAGE =
      "usage: scripts/eval-sentiment --input FILE [--text-col C] [--label-col L]"
          + " [--model both|encoder|corenlp] [--model-path HEAD]"
          + " [--parser shift-reduce|pcfg|ensemble] [--limit N]\n"
          + "  FILE: .tsv or .csv with a header; labels 0/1 or negative/neutral/positive\n"
          + "  both (default): the encoder model (the RESULT line's figures) and CoreNLP's side by"
          + " side";

  private EvalSentimentMain() {}

  public static void main(String[] args) throws Exception {
    EvalMain.run(
        "eval-sentiment",
        session -> {
          EvalArgs a =
              new EvalArgs(
                  args,
                  Set.of(
                      "--input",
                      "--text-col",
                      "--label-col",
                      "--model",
                      "--model-path",
                      "--parser",
                      "--limit"),
                  USAGE);
          String input = a.required("--input", USAGE);
          String textCol = a.get("--text-col", "sentence");
          String labelCol = a.get("--label-col", "label");
          ParserKind parser = ParserKind.parse(a.get("--parser", "shift-reduce"));
          int limit = a.integer("--limit", Integer.MAX_VALUE);
          String which = a.get("--model", "both");
          String modelPath = a.get("--model-path", null);
          SparkSession spark = session.get();
          List<SentimentSettings> models = new ArrayList<>();
          if (!List.of("both", "encoder", "corenlp").contains(which)) {
            throw PainpointException.config("--model must be encoder, corenlp or both\n" + USAGE);
          }
          for (String m : which.equals("both") ? List.of("encoder", "corenlp") : List.of(which)) {
            models.add(SentimentModels.settings(m, modelPath, parser));
          }
          System.out.println(evaluate(spark, input, textCol, labelCol, models, limit));
        });
  }

  /** Runs the evaluation; returns the report whose last line is the RESULT line. */
  static String evaluate(
      SparkSession spark,
      String input,
      String textCol,
      String labelCol,
      List<SentimentSettings> models,
      int limit) {
    Dataset<Row> labelled = LabelledFile.read(spark, input, textCol, labelCol, limit);
    Dataset<Row> feedback =
        labelled.select(
            col("_id").cast(DataTypes.StringType).as(FeedbackSchema.FEEDBACK_ID),
            lit(null).cast(DataTypes.StringType).as(FeedbackSchema.CUSTOMER_ID),
            lit(null).cast(DataTypes.TimestampType).as(FeedbackSchema.CREATED_AT),
            lit("eval").as(FeedbackSchema.CHANNEL),
            lit(null).cast(DataTypes.StringType).as(FeedbackSchema.TOUCHPOINT),
            lit(null).cast(DataTypes.DoubleType).as(FeedbackSchema.SCORE),
            lit(null).cast(DataTypes.StringType).as(FeedbackSchema.SCORE_SCALE),
            col("_text").as(FeedbackSchema.TEXT));
    List<Row> labels = labelled.select("_id", "_label").collectAsList();
    boolean threeClass = labels.stream().anyMatch(r -> r.getInt(1) == 1);
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "input            %s%n", input));
    b.append(String.format(Locale.ROOT, "texts            %d%n", labels.size()));
    b.append(
        String.format(
            Locale.ROOT,
            "%-44s %9s %9s %9s %9s %8s %9s%n",
            "model",
            "binary",
            "3-class",
            "macro-F1",
            "flagged",
            "parsed",
            "sents/s"));
    Figures first = null;
    List<Figures> all = new ArrayList<>();
    for (SentimentSettings settings : models) {
      Figures f = score(spark, feedback, labels, settings, threeClass);
      all.add(f);
      first = first == null ? f : first;
      b.append(
          String.format(
              Locale.ROOT,
              "%-44s %9.4f %9s %9.4f %9d %8d %9.1f%n",
              settings.describe(),
              f.accuracy,
              threeClass ? String.format(Locale.ROOT, "%.4f", f.accuracy3) : "-",
              f.macroF1,
              f.flagged,
              f.parsed,
              f.sentencesPerSecond));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "binary = positive vs negative by probability mass on the %d texts not labelled"
                + " neutral; macro-F1 is %s; sents/s on %d cores%n",
            labels.stream().filter(r -> r.getInt(1) != 1).count(),
            threeClass ? "3-class" : "2-class",
            Runtime.getRuntime().availableProcessors()));
    b.append(
        String.format(
            Locale.ROOT,
            "RESULT accuracy=%.4f macro_f1=%.4f%s sents_per_sec=%.1f n=%d model=%s",
            first.accuracy,
            first.macroF1,
            threeClass ? String.format(Locale.ROOT, " accuracy3=%.4f", first.accuracy3) : "",
            first.sentencesPerSecond,
            labels.size(),
            models.get(0).model().name().toLowerCase(Locale.ROOT)));
    for (int i = 1; i < all.size(); i++) {
      b.append(
          String.format(
              Locale.ROOT,
              " %s_accuracy=%.4f",
              models.get(i).model().name().toLowerCase(Locale.ROOT),
              all.get(i).accuracy));
    }
    return b.toString();
  }

  /** One model's figures on the file. */
  record Figures(
      double accuracy,
      double accuracy3,
      double macroF1,
      int flagged,
      long parsed,
      double sentencesPerSecond) {}

  private static Figures score(
      SparkSession spark,
      Dataset<Row> feedback,
      List<Row> labels,
      SentimentSettings settings,
      boolean threeClass) {
    // Load the models before the clock starts: the figure is steady-state throughput.
    SentenceScorer.score("Warm up the pipeline.", settings);
    LongAccumulator parsed = spark.sparkContext().longAccumulator("parsed");
    Taxonomy none =
        Taxonomy.parse(
            "eval", "touchpoints:\n  - {name: any, position: 1, owner: x, keywords: [zzz]}\n");
    KeywordLemmas keywords = KeywordLemmas.of(none);
    long start = System.nanoTime();
    List<Row> scored =
        SentimentStage.finish(
                SentimentStage.score(
                    SentimentStage.prepare(feedback), settings, LocalDate.now(), parsed),
                none,
                keywords)
            .select(FeedbackSchema.FEEDBACK_ID, "probabilities", "text_flag")
            .collectAsList();
    double seconds = (System.nanoTime() - start) / 1e9;

    Map<String, double[]> mass = new HashMap<>();
    Map<String, Integer> sentences = new HashMap<>();
    int flagged = 0;
    for (Row r : scored) {
      String id = r.getString(0);
      double[] m = mass.computeIfAbsent(id, k -> new double[3]);
      if (r.isNullAt(1)) {
        flagged++;
        continue;
      }
      List<Double> p = r.getList(1);
      m[0] += p.get(0) + p.get(1);
      m[1] += p.get(2);
      m[2] += p.get(3) + p.get(4);
      sentences.merge(id, 1, Integer::sum);
    }
    List<Integer> goldBinary = new ArrayList<>();
    List<Integer> predBinary = new ArrayList<>();
    List<Integer> gold = new ArrayList<>();
    List<Integer> pred = new ArrayList<>();
    for (Row r : labels) {
      String id = String.valueOf(r.getLong(0));
      int label = r.getInt(1);
      double[] m = mass.getOrDefault(id, new double[3]);
      int p3 = m[0] >= m[1] && m[0] >= m[2] ? 0 : (m[2] >= m[1] ? 2 : 1);
      gold.add(label);
      pred.add(p3);
      if (label != 1) {
        goldBinary.add(label);
        // Unscored (flagged) texts have no mass and count as wrong.
        predBinary.add(m[0] + m[2] == 0 ? -1 : (m[2] > m[0] ? 2 : 0));
      }
    }
    long sentenceRows = sentences.values().stream().mapToLong(Integer::longValue).sum();
    return new Figures(
        Metrics.accuracy(goldBinary, predBinary),
        Metrics.accuracy(gold, pred),
        threeClass ? Metrics.macroF1(gold, pred, 3) : binaryMacroF1(goldBinary, predBinary),
        flagged,
        parsed.value(),
        sentenceRows / seconds);
  }

  private static double binaryMacroF1(List<Integer> gold, List<Integer> pred) {
    List<Integer> g = new ArrayList<>();
    List<Integer> p = new ArrayList<>();
    for (int i = 0; i < gold.size(); i++) {
      g.add(gold.get(i) == 2 ? 1 : 0);
      p.add(pred.get(i) == 2 ? 1 : (pred.get(i) == 0 ? 0 : -1));
    }
    return Metrics.macroF1(g, p, 2);
  }
}

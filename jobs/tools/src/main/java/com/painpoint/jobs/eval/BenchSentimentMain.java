package com.painpoint.jobs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.models.encoder.SentenceEncoder;
import com.painpoint.models.sentiment.KeywordLemmas;
import com.painpoint.models.sentiment.SentenceScorer;
import com.painpoint.models.sentiment.SentimentHead;
import com.painpoint.models.sentiment.SentimentSettings;
import com.painpoint.models.sentiment.SentimentStage;
import com.painpoint.models.sentiment.TextSplitter;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.neural.rnn.RNNCoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import edu.stanford.nlp.util.CoreMap;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.ejml.simple.SimpleMatrix;

/**
 * scripts/bench-sentiment: in one run, the stock CoreNLP pipeline as a user would write it (PCFG,
 * one document at a time, one thread) against Painpoint's sentiment stage with each of its models,
 * on the same texts (SST-2 dev, tweets, the sample's feedback); prints sentences per second, per
 * core, the ratios and the accuracy on SST-2.
 */
public final class BenchSentimentMain {
  static final String USAGE =
      "usage: scripts/bench-sentiment [--sst2 FILE] [--tweets FILE] [--sample-feedback FILE]"
          + " [--texts N]"
          + " [--out FILE]";

  private BenchSentimentMain() {}

  /** One labelled text (label -1 when unlabelled). */
  record Text(String text, int label) {}

  /** Throughput and (when labelled) accuracy of one contender on one corpus. */
  record Measure(long sentences, double seconds, double accuracy) {
    double perSecond() {
      return sentences / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    EvalMain.run(
        "bench-sentiment",
        session -> {
          EvalArgs a =
              new EvalArgs(
                  args,
                  Set.of("--sample-feedback", "--sst2", "--tweets", "--texts", "--out"),
                  USAGE);
          int n = a.integer("--texts", 872);
          String root = System.getProperty("painpoint.root", ".");
          Path sstPath = Path.of(a.get("--sst2", root + "/../shared/data/sst2_glue_dev.tsv"));
          List<Text> sst = Files.exists(sstPath) ? readSst(sstPath, n) : List.of();
          Path tweetPath =
              Path.of(a.get("--tweets", root + "/../shared/data/tweeteval_sentiment.tsv"));
          List<Text> tweets = Files.exists(tweetPath) ? readTweets(tweetPath, n) : List.of();
          List<Text> sample =
              readFeedback(
                  Path.of(a.get("--sample-feedback", root + "/data-samples/feedback.jsonl")), n);
          SparkSession spark = session.get();
          int cores = spark.sparkContext().defaultParallelism();
          SentimentSettings encoder = SentimentSettings.encoder(SentimentHead.bundled(), 80, 30);
          SentimentSettings corenlp = SentimentSettings.CORENLP_DEFAULTS;
          StringBuilder md = new StringBuilder();
          md.append("# Sentiment stage benchmark\n\n");
          md.append(
              String.format(
                  Locale.ROOT,
                  "Machine: %d cores, Java %s, max heap %d MB; CoreNLP 4.5.10; Spark %s local[%d].%n%n",
                  Runtime.getRuntime().availableProcessors(),
                  System.getProperty("java.version"),
                  Runtime.getRuntime().maxMemory() >> 20,
                  spark.version(),
                  cores));
          md.append(
              "Stock = CoreNLP pipeline as a user writes it: PCFG parser, one document at a time,"
                  + " one thread. Painpoint = the sentiment stage (distinct sentences scored once,"
                  + " Spark tasks on every core) with its default model (sentence encoder + head,"
                  + " tokens and lemmas from CoreNLP without a parse) and with CoreNLP's model"
                  + " (shift-reduce parser). Per-core figures divide by the cores used; ratios are"
                  + " per core against stock. The encoder scorer is the same per-sentence work (CoreNLP"
                  + " tags and lemmas, encoder, head) on one thread without Spark: the stage's"
                  + " steady-state speed per core, free of Spark's fixed cost per run. The encoder alone"
                  + " is the sentence encoder (bge-small-en-v1.5, quantized ONNX; the vectors the"
                  + " themes and attribution use) on one thread, one sentence per call, nothing else:"
                  + " its sentences per second per core. Accuracy is positive vs negative by probability mass"
                  + " (SST-2 dev is an evaluation set; the tweets are the head's training data, so"
                  + " no accuracy is given for them).\n\n");
          md.append(
              "| corpus | texts | stock sent/s (1 core) | encoder stage sent/s | encoder stage ratio"
                  + " per core | encoder scorer sent/s (1 thread) | encoder scorer ratio | encoder alone"
                  + " sent/s (1 thread) | corenlp"
                  + " stage sent/s | corenlp stage ratio per core | stock accuracy | encoder accuracy"
                  + " | corenlp accuracy |\n");
          md.append(
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
          StanfordCoreNLP stock = stockPipeline();
          SentenceScorer.score("Warm up the pipeline.", encoder);
          SentenceScorer.score("Warm up the pipeline.", corenlp);
          // The stock pipeline is warmed up before it is timed; so is the stage: its first run in a
          // JVM also loads and compiles Spark's query and shuffle code (seconds, once per JVM),
          // which
          // a night pays once and which is not sentiment work. The warm-up texts are none of the
          // measured ones.
          List<Text> warmUp = new ArrayList<>();
          for (int i = 1; i <= 20; i++) {
            warmUp.add(new Text("Warm-up text number " + i + ". It is not measured.", -1));
          }
          runPainpoint(spark, warmUp, encoder);
          runPainpoint(spark, warmUp, corenlp);
          String result = "";
          for (Map.Entry<String, List<Text>> corpus :
              List.of(
                  Map.entry("SST-2 dev", sst),
                  Map.entry("tweets", tweets),
                  Map.entry("sample feedback", sample))) {
            String key =
                switch (corpus.getKey()) {
                  case "SST-2 dev" -> "sst2";
                  case "tweets" -> "short";
                  default -> "sample";
                };
            if (corpus.getValue().isEmpty()) {
              md.append("| ")
                  .append(corpus.getKey())
                  .append(" | skipped: file not found | | | | | | | | | | | |\n");
              continue;
            }
            boolean scoreable = !key.equals("short");
            Measure s = runStock(stock, corpus.getValue());
            Measure e = runPainpoint(spark, corpus.getValue(), encoder);
            Measure c = runPainpoint(spark, corpus.getValue(), corenlp);
            Measure one = runScorer(corpus.getValue(), encoder);
            Measure embed = runEncoder(corpus.getValue());
            double ratio = (e.perSecond() / cores) / s.perSecond();
            double scorerRatio = one.perSecond() / s.perSecond();
            double ratioCorenlp = (c.perSecond() / cores) / s.perSecond();
            md.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f | %.1f | %.1fx | %.1f | %.1fx | %.1f | %.1f | %.1fx | %s | %s | %s |%n",
                    corpus.getKey(),
                    corpus.getValue().size(),
                    s.perSecond(),
                    e.perSecond(),
                    ratio,
                    one.perSecond(),
                    scorerRatio,
                    embed.perSecond(),
                    c.perSecond(),
                    ratioCorenlp,
                    scoreable ? accuracy(s) : "-",
                    scoreable ? accuracy(e) : "-",
                    scoreable ? accuracy(c) : "-"));
            result +=
                String.format(
                    Locale.ROOT,
                    " ratio_%s=%.2f scorer_ratio_%s=%.2f %s_stock_sps=%.1f %s_encoder_sps=%.1f"
                        + " %s_corenlp_sps=%.1f %s_embed_sps=%.1f",
                    key,
                    ratio,
                    key,
                    scorerRatio,
                    key,
                    s.perSecond(),
                    key,
                    e.perSecond(),
                    key,
                    c.perSecond(),
                    key,
                    embed.perSecond());
            if (scoreable && !Double.isNaN(s.accuracy())) {
              result +=
                  String.format(
                      Locale.ROOT,
                      " %s_stock_accuracy=%.4f %s_encoder_accuracy=%.4f",
                      key,
                      s.accuracy(),
                      key,
                      e.accuracy());
            }
          }
          md.append(
              "\nGoal (issue 21): the default model >= 10x stock per core on SST-2 dev and >= 4x on"
                  + " short texts (tweets). Both sides are warmed up before they are timed (the stage on"
                  + " 20 texts that are not measured). Painpoint's figure still includes Spark's fixed"
                  + " cost per run (job scheduling and shuffles, about a second), which weighs most on"
                  + " small inputs.\n");
          String out = a.get("--out", root + "/bench/sentiment.md");
          Files.createDirectories(Path.of(out).getParent());
          Files.writeString(Path.of(out), md.toString(), StandardCharsets.UTF_8);
          System.out.print(md);
          System.out.println("written to " + out);
          System.out.println("RESULT cores=" + cores + result);
        });
  }

  static StanfordCoreNLP stockPipeline() {
    Properties p = new Properties();
    p.setProperty("annotators", "tokenize,ssplit,pos,parse,sentiment");
    return new StanfordCoreNLP(p);
  }

  static Measure runStock(StanfordCoreNLP pipeline, List<Text> texts) {
    pipeline.process("Warm up.");
    long sentences = 0;
    int right = 0;
    int labelled = 0;
    long start = System.nanoTime();
    for (Text t : texts) {
      Annotation doc = pipeline.process(t.text());
      double neg = 0;
      double pos = 0;
      for (CoreMap s : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
        sentences++;
        SimpleMatrix m =
            RNNCoreAnnotations.getPredictions(
                s.get(SentimentCoreAnnotations.SentimentAnnotatedTree.class));
        neg += m.get(0) + m.get(1);
        pos += m.get(3) + m.get(4);
      }
      if (t.label() >= 0) {
        labelled++;
        if ((pos > neg ? 1 : 0) == t.label()) {
          right++;
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Measure(sentences, seconds, labelled == 0 ? Double.NaN : (double) right / labelled);
  }

  /** The encoder model's per-sentence work on one thread, no Spark: sentences split, scored. */
  /**
   * The sentence encoder alone on one thread: the sentences split first (not timed), then one
   * sentence per call, as the sentiment stage and the themes call it.
   */
  static Measure runEncoder(List<Text> texts) {
    List<String> sentences = new ArrayList<>();
    for (Text t : texts) {
      sentences.addAll(TextSplitter.sentences(t.text()));
    }
    SentenceEncoder encoder = SentenceEncoder.get();
    encoder.embed("Warm up the encoder.");
    long start = System.nanoTime();
    for (String s : sentences) {
      encoder.embed(s);
    }
    return new Measure(sentences.size(), (System.nanoTime() - start) / 1e9, Double.NaN);
  }

  static Measure runScorer(List<Text> texts, SentimentSettings settings) {
    long sentences = 0;
    long start = System.nanoTime();
    for (Text t : texts) {
      for (String s : TextSplitter.sentences(t.text())) {
        SentenceScorer.score(s, settings);
        sentences++;
      }
    }
    return new Measure(sentences, (System.nanoTime() - start) / 1e9, Double.NaN);
  }

  private static String accuracy(Measure m) {
    return Double.isNaN(m.accuracy()) ? "-" : String.format(Locale.ROOT, "%.4f", m.accuracy());
  }

  static Measure runPainpoint(SparkSession spark, List<Text> texts, SentimentSettings settings) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      rows.add(
          RowFactory.create("t" + i, null, null, "bench", null, null, null, texts.get(i).text()));
    }
    Taxonomy none =
        Taxonomy.parse(
            "bench", "touchpoints:\n  - {name: any, position: 1, owner: x, keywords: [zzz]}\n");
    LongAccumulator parsed = spark.sparkContext().longAccumulator();
    KeywordLemmas keywords = KeywordLemmas.of(none);
    long start = System.nanoTime();
    List<Row> scored =
        SentimentStage.finish(
                SentimentStage.score(
                    SentimentStage.prepare(
                        spark.createDataFrame(rows, FeedbackSchema.schema().asNullable())),
                    settings,
                    LocalDate.now(),
                    parsed),
                none,
                keywords)
            .select(FeedbackSchema.FEEDBACK_ID, "probabilities")
            .collectAsList();
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, double[]> mass = new HashMap<>();
    long sentences = 0;
    for (Row r : scored) {
      double[] m = mass.computeIfAbsent(r.getString(0), k -> new double[2]);
      if (!r.isNullAt(1)) {
        sentences++;
        List<Double> p = r.getList(1);
        m[0] += p.get(0) + p.get(1);
        m[1] += p.get(3) + p.get(4);
      }
    }
    int right = 0;
    int labelled = 0;
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i).label() >= 0) {
        labelled++;
        double[] m = mass.getOrDefault("t" + i, new double[2]);
        if ((m[1] > m[0] ? 1 : 0) == texts.get(i).label()) {
          right++;
        }
      }
    }
    return new Measure(sentences, seconds, labelled == 0 ? Double.NaN : (double) right / labelled);
  }

  static List<Text> readFeedback(Path file, int n) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Text> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null && out.size() < n) {
        JsonNode node = json.readTree(line);
        JsonNode text = node.get("text");
        if (text != null && !text.isNull() && !text.asText().isBlank()) {
          out.add(new Text(text.asText(), -1));
        }
      }
    }
    return out;
  }

  /** The first n tweets of a text/label TSV (unlabelled here: speed only). */
  static List<Text> readTweets(Path file, int n) throws IOException {
    List<Text> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      int tab = line.lastIndexOf('\t');
      if (tab > 0 && out.size() < n && !line.substring(0, tab).isBlank()) {
        out.add(new Text(line.substring(0, tab), -1));
      }
    }
    return out;
  }

  static List<Text> readSst(Path file, int n) throws IOException {
    List<Text> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      int tab = line.lastIndexOf('\t');
      if (tab > 0 && out.size() < n) {
        out.add(new Text(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1).trim())));
      }
    }
    return out;
  }
}

package com.painpoint.jobs.eval;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.spark.ParallelJobs;
import com.painpoint.models.encoder.SentenceEncoder;
import com.painpoint.models.sentiment.SentimentHead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * scripts/train-sentiment: trains the sentence sentiment head (three-class logistic regression on
 * sentence-encoder vectors) from labelled files, prints validation figures on a held-out tenth of
 * each file, and writes the head as a persisted MLlib model. The regularisation is chosen on the
 * held-out tenth by log loss; the split is by a seeded hash of the text, so it does not depend on
 * file order or partitioning, and the same data and seed give the same head.
 */
public final class TrainSentimentMain {
  static final String USAGE =
      "usage: scripts/train-sentiment [--input FILE --text-col C --label-col L [--add-defaults"
          + " true]] [--data-dir DIR] [--out DIR] [--seed S] [--limit N]\n"
          + "  without --input: the default training sets, DIR/sst2_glue_train.tsv (sentence,"
          + " label) and DIR/tweeteval_sentiment.tsv (text, label); DIR defaults to"
          + " ../shared/data beside the repository\n"
          + "  labels: 0/1 or negative/neutral/positive; --limit N keeps the first N rows of"
          + " each file (smoke runs)\n"
          + "  --out DIR (default out/sentiment-head): the model; point sentiment.model_path at"
          + " it\n"
          + "  --cache DIR: keep the embedded texts there and reuse them when the same files,"
          + " seed and limit come again";

  /** Regularisation strengths tried; the one with the lowest held-out log loss is kept. */
  static final double[] REG_PARAMS = {1e-4, 1e-3, 1e-2, 3e-2, 1e-1};

  /** One labelled input. */
  record Source(String path, String textCol, String labelCol) {
    String name() {
      return Paths.get(path).getFileName().toString();
    }
  }

  private TrainSentimentMain() {}

  public static void main(String[] args) throws Exception {
    EvalMain.run(
        "train-sentiment",
        session -> {
          EvalArgs a =
              new EvalArgs(
                  args,
                  Set.of(
                      "--input",
                      "--text-col",
                      "--label-col",
                      "--add-defaults",
                      "--data-dir",
                      "--out",
                      "--seed",
                      "--limit",
                      "--cache"),
                  USAGE);
          String root = System.getProperty("painpoint.root", ".");
          String dataDir = a.get("--data-dir", root + "/../shared/data");
          List<Source> sources = new ArrayList<>();
          String input = a.get("--input", null);
          boolean addDefaults = Boolean.parseBoolean(a.get("--add-defaults", "false"));
          if (input == null || addDefaults) {
            sources.add(new Source(dataDir + "/sst2_glue_train.tsv", "sentence", "label"));
            sources.add(new Source(dataDir + "/tweeteval_sentiment.tsv", "text", "label"));
          }
          if (input != null) {
            sources.add(
                new Source(
                    input, a.required("--text-col", USAGE), a.required("--label-col", USAGE)));
          }
          for (Source s : sources) {
            if (!Files.isRegularFile(Paths.get(s.path()))) {
              throw PainpointException.badInput(s.path() + ": no such file\n" + USAGE);
            }
          }
          String out = a.get("--out", "out/sentiment-head");
          long seed = a.integer("--seed", 42);
          int limit = a.integer("--limit", Integer.MAX_VALUE);
          SparkSession spark = session.get();
          System.out.println(train(spark, sources, out, seed, limit, a.get("--cache", null)));
        });
  }

  /** Trains, validates and writes the head; returns the report whose last line is RESULT. */
  static String train(
      SparkSession spark, List<Source> sources, String out, long seed, int limit, String cache) {
    long start = System.nanoTime();
    Dataset<Row> texts = null;
    for (int i = 0; i < sources.size(); i++) {
      Source s = sources.get(i);
      Dataset<Row> one =
          LabelledFile.read(spark, s.path(), s.textCol(), s.labelCol(), limit)
              .select(col("_text"), col("_label").cast(DataTypes.DoubleType).as("label"))
              .withColumn("source", lit(i))
              .withColumn(
                  "validation", pmod(abs(xxhash64(col("_text"), lit(seed))), lit(10)).equalTo(0));
      texts = texts == null ? one : texts.unionByName(one);
    }
    // A fixed partitioning and order (below): the fit sums gradients partition by partition, so
    // the same data gives the same head on any machine.
    Dataset<Row> embedded =
        texts
            .repartition(8, col("_text"))
            .sortWithinPartitions("_text", "source")
            .mapPartitions(new Embed(), Encoders.row(EMBEDDED));
    if (cache != null) {
      Path cached = Paths.get(cache, cacheKey(sources, seed, limit));
      if (!Files.isDirectory(cached)) {
        embedded.write().parquet(cached.toString());
      }
      embedded = spark.read().parquet(cached.toString());
    }
    // One order whether the vectors were just computed or read back from the cache.
    embedded =
        embedded
            .repartition(8, col("_text"))
            .sortWithinPartitions("_text", "source", "label")
            .persist(StorageLevel.MEMORY_AND_DISK());
    long n = embedded.count();
    double embedSeconds = (System.nanoTime() - start) / 1e9;
    Dataset<Row> train = embedded.filter(col("validation").equalTo(false));
    Dataset<Row> valid = embedded.filter(col("validation"));
    List<Row> validRows = valid.select("features", "label", "source").collectAsList();

    LogisticRegressionModel best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    double bestReg = 0;
    StringBuilder b = new StringBuilder();
    // The strengths fit side by side (each fit is many small Spark jobs); each is independent, so
    // the head is the same as one fitted after the other.
    List<LogisticRegressionModel> fits =
        ParallelJobs.map(
            spark,
            java.util.Arrays.stream(REG_PARAMS).boxed().toList(),
            reg ->
                new LogisticRegression()
                    .setFamily("multinomial")
                    .setRegParam(reg)
                    .setElasticNetParam(0)
                    .setMaxIter(300)
                    .setTol(1e-7)
                    .fit(train));
    for (int i = 0; i < REG_PARAMS.length; i++) {
      double reg = REG_PARAMS[i];
      LogisticRegressionModel m = fits.get(i);
      if (m.numClasses() != 3) {
        throw PainpointException.badInput(
            "train-sentiment: the training labels must include positive (1 or 'positive'); "
                + "found "
                + m.numClasses()
                + " classes");
      }
      double loss = logLoss(SentimentHead.of(m, "candidate"), validRows);
      b.append(
          String.format(
              Locale.ROOT, "reg_param %-8s held-out log loss %.5f%n", String.valueOf(reg), loss));
      if (loss < bestLoss) {
        bestLoss = loss;
        best = m;
        bestReg = reg;
      }
    }
    SentimentHead head = SentimentHead.of(best, "trained head");
    try {
      best.write().overwrite().save(out);
      writeIndex(Paths.get(out));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model to " + out, e);
    }

    StringBuilder r = new StringBuilder();
    r.append(
        String.format(Locale.ROOT, "texts            %d (embedded in %.0f s)%n", n, embedSeconds));
    r.append(b);
    List<String> result = new ArrayList<>();
    result.add(String.format(Locale.ROOT, "reg_param=%s", bestReg));
    for (int i = 0; i < sources.size(); i++) {
      Figures f = Figures.of(head, validRows, i);
      r.append(
          String.format(
              Locale.ROOT,
              "%-28s held-out %d: binary accuracy %.4f (%d), 3-class accuracy %.4f,"
                  + " macro-F1 %.4f, ECE %.4f%n",
              sources.get(i).name(),
              f.n,
              f.binaryAccuracy,
              f.binaryN,
              f.accuracy3,
              f.macroF1,
              f.ece));
      String key =
          sources.get(i).name().replaceAll("\\.[a-z]+$", "").replaceAll("[^A-Za-z0-9]+", "_");
      result.add(String.format(Locale.ROOT, "%s_binary_accuracy=%.4f", key, f.binaryAccuracy));
      if (f.hasNeutral) {
        result.add(String.format(Locale.ROOT, "%s_accuracy3=%.4f", key, f.accuracy3));
        result.add(String.format(Locale.ROOT, "%s_macro_f1=%.4f", key, f.macroF1));
      }
    }
    Figures all = Figures.of(head, validRows, -1);
    r.append(
        String.format(
            Locale.ROOT,
            "calibration      ECE %.4f over all held-out texts (10 bins of the top probability)%n",
            all.ece));
    r.append(String.format(Locale.ROOT, "head             %s written to %s%n", head.id(), out));
    result.add(String.format(Locale.ROOT, "ece=%.4f", all.ece));
    result.add("head=" + head.id());
    result.add("n=" + n);
    r.append("RESULT ").append(String.join(" ", result));
    embedded.unpersist();
    return r.toString();
  }

  static final StructType EMBEDDED =
      new StructType()
          .add("_text", DataTypes.StringType, false)
          .add("features", SQLDataTypes.VectorType(), false)
          .add("label", DataTypes.DoubleType, false)
          .add("source", DataTypes.IntegerType, false)
          .add("validation", DataTypes.BooleanType, false);

  /** Text -> encoder vector, one sentence per call (deterministic). */
  static final class Embed implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      SentenceEncoder encoder = SentenceEncoder.get();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row r = rows.next();
          String text = r.getAs("_text");
          return RowFactory.create(
              text,
              Vectors.dense(encoder.embedDouble(text)),
              r.<Double>getAs("label"),
              r.<Integer>getAs("source"),
              r.<Boolean>getAs("validation"));
        }
      };
    }
  }

  /** The encoder's float vector back from the training set's doubles (exact: they were floats). */
  static float[] floats(org.apache.spark.ml.linalg.Vector v) {
    double[] d = v.toArray();
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  static double logLoss(SentimentHead head, List<Row> rows) {
    double sum = 0;
    for (Row r : rows) {
      double[] p = head.probabilities(floats((org.apache.spark.ml.linalg.Vector) r.get(0)));
      sum -= Math.log(Math.max(1e-15, p[(int) r.getDouble(1)]));
    }
    return sum / Math.max(1, rows.size());
  }

  /** Held-out figures of one source (or all, with source -1). */
  static final class Figures {
    int n;
    int binaryN;
    double binaryAccuracy;
    double accuracy3;
    double macroF1;
    double ece;
    boolean hasNeutral;

    static Figures of(SentimentHead head, List<Row> rows, int source) {
      Figures f = new Figures();
      List<Integer> gold = new ArrayList<>();
      List<Integer> pred = new ArrayList<>();
      List<Integer> goldBinary = new ArrayList<>();
      List<Integer> predBinary = new ArrayList<>();
      List<double[]> probs = new ArrayList<>();
      for (Row r : rows) {
        if (source >= 0 && r.getInt(2) != source) {
          continue;
        }
        double[] p = head.probabilities(floats((org.apache.spark.ml.linalg.Vector) r.get(0)));
        int label = (int) r.getDouble(1);
        int argmax = p[0] >= p[1] && p[0] >= p[2] ? 0 : (p[2] >= p[1] ? 2 : 1);
        gold.add(label);
        pred.add(argmax);
        probs.add(p);
        f.hasNeutral |= label == 1;
        if (label != 1) {
          goldBinary.add(label);
          predBinary.add(p[2] > p[0] ? 2 : 0);
        }
      }
      f.n = gold.size();
      f.binaryN = goldBinary.size();
      f.binaryAccuracy = Metrics.accuracy(goldBinary, predBinary);
      f.accuracy3 = Metrics.accuracy(gold, pred);
      f.macroF1 = Metrics.macroF1(gold, pred, 3);
      f.ece = Metrics.expectedCalibrationError(gold, probs, 10);
      return f;
    }
  }

  /** The embedded texts of these inputs: same files (path, size, time), seed and limit. */
  private static String cacheKey(List<Source> sources, long seed, int limit) {
    StringBuilder k = new StringBuilder(seed + "/" + limit);
    for (Source s : sources) {
      Path p = Paths.get(s.path());
      try {
        k.append('|')
            .append(p.toAbsolutePath())
            .append(',')
            .append(s.textCol())
            .append(',')
            .append(s.labelCol())
            .append(',')
            .append(Files.size(p))
            .append(',')
            .append(Files.getLastModifiedTime(p).toMillis());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return "embedded2-" + Integer.toHexString(k.toString().hashCode());
  }

  /** Lists the model's files (not checksums or markers) so the head can ship as resources. */
  static void writeIndex(Path dir) throws IOException {
    List<String> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files =
          walk.filter(Files::isRegularFile)
              .map(p -> dir.relativize(p).toString().replace('\\', '/'))
              .filter(
                  f ->
                      !f.endsWith(".crc")
                          && !f.endsWith("_SUCCESS")
                          && !f.equals(SentimentHead.INDEX))
              .sorted()
              .toList();
    }
    Files.writeString(dir.resolve(SentimentHead.INDEX), String.join("\n", files) + "\n");
  }
}

package com.painpoint.models.sentiment;

import com.painpoint.features.config.PainpointException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;

/**
 * The sentence sentiment model on encoder vectors: a three-class (negative, neutral, positive)
 * multinomial logistic regression trained by {@code scripts/train-sentiment} and persisted as an
 * MLlib model. The driver loads it once; executors apply its weights (a 3 x 384 matrix, about 9
 * KiB) to each sentence vector, so they need neither the model files nor Spark ML.
 *
 * <p>How the three probabilities become the outputs every stage reads (documented in the README):
 * the score in [-1, 1] is {@code P(positive) - P(negative)}, the expected value of the class coded
 * -1, 0, +1. The five-class label is the most probable of the three, made {@code very_} when that
 * probability is at least {@value #VERY}; the five-slot {@code probabilities} column puts each of
 * the three probabilities in the slot of the class it would give (so the slots sum to 1 and the
 * label is their arg max).
 */
public final class SentimentHead implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The head that ships with Painpoint: an MLlib model directory among the classpath resources. */
  public static final String BUNDLED = "painpoint/sentiment-head";

  /** Lists the files of a model directory on the classpath (one relative path per line). */
  public static final String INDEX = "files.txt";

  /** A class probability at or above this makes the label very_negative / very_positive. */
  public static final double VERY = 0.9;

  private final double[][] weights;
  private final double[] intercepts;
  private final String id;

  SentimentHead(double[][] weights, double[] intercepts) {
    this.weights = weights;
    this.intercepts = intercepts;
    this.id = "head-" + digest(weights, intercepts);
  }

  /** The weights of a trained three-class MLlib model. */
  public static SentimentHead of(LogisticRegressionModel model, String where) {
    if (model.numClasses() != 3 || model.coefficientMatrix().numRows() != 3) {
      throw PainpointException.config(
          where
              + ": expected a three-class (negative, neutral, positive) multinomial logistic"
              + " regression, as scripts/train-sentiment writes; it has "
              + model.numClasses()
              + " classes");
    }
    Matrix m = model.coefficientMatrix();
    if (m.numCols() != com.painpoint.models.encoder.SentenceEncoder.DIMENSION) {
      throw PainpointException.config(
          where
              + ": the model takes "
              + m.numCols()
              + " features; the sentence encoder gives "
              + com.painpoint.models.encoder.SentenceEncoder.DIMENSION);
    }
    double[][] w = new double[3][m.numCols()];
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < m.numCols(); j++) {
        w[c][j] = m.apply(c, j);
      }
    }
    Vector b = model.interceptVector();
    return new SentimentHead(w, b.toArray().clone());
  }

  /** Loads a persisted MLlib model directory (local path or any Hadoop file system URI). */
  public static SentimentHead load(String path) {
    LogisticRegressionModel model;
    try {
      model = LogisticRegressionModel.load(path);
    } catch (Exception e) { // Spark's AnalysisException (path not found) is a checked exception
      throw PainpointException.config(
          "sentiment.model_path: cannot read a sentiment model at '"
              + path
              + "' ("
              + e.getMessage()
              + "); write one with scripts/train-sentiment --out DIR");
    }
    return of(model, "sentiment.model_path '" + path + "'");
  }

  /** The head that ships in the resources, copied to a scratch folder and loaded from there. */
  public static SentimentHead bundled() {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("painpoint-sentiment-head");
      for (String file : index()) {
        Path target = dir.resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream in = resource(BUNDLED + "/" + file)) {
          Files.copy(in, target);
        }
      }
      return of(LogisticRegressionModel.load(dir.toUri().toString()), "bundled sentiment head");
    } catch (IOException e) {
      throw new IllegalStateException("cannot unpack the bundled sentiment head", e);
    } finally {
      if (dir != null) {
        deleteQuietly(dir);
      }
    }
  }

  private static List<String> index() throws IOException {
    try (InputStream in = resource(BUNDLED + "/" + INDEX)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty())
          .toList();
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = SentimentHead.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException("resource " + name + " is missing from the classpath");
    }
    return in;
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a scratch folder under the temp dir; nothing depends on its removal
    }
  }

  /** Identifies the weights (a retrained head rescores once, like a parser change). */
  public String id() {
    return id;
  }

  /** P(negative), P(neutral), P(positive) of a sentence vector (softmax of W x + b). */
  public double[] probabilities(float[] x) {
    double[] z = new double[3];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < 3; c++) {
      double s = intercepts[c];
      double[] w = weights[c];
      for (int j = 0; j < w.length; j++) {
        s += w[j] * x[j];
      }
      z[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int c = 0; c < 3; c++) {
      z[c] = Math.exp(z[c] - max);
      sum += z[c];
    }
    for (int c = 0; c < 3; c++) {
      z[c] /= sum;
    }
    return z;
  }

  /**
   * The five-class view of three probabilities (see the class comment).
   *
   * @param sentimentClass 0..4
   * @param probabilities five slots summing to 1
   * @param score P(positive) - P(negative)
   */
  public record Five(int sentimentClass, double[] probabilities, double score) {}

  public static Five five(double[] p3) {
    int best = 0;
    for (int c = 1; c < 3; c++) {
      if (p3[c] > p3[best]) {
        best = c;
      }
    }
    double[] p5 = new double[5];
    p5[p3[0] >= VERY ? 0 : 1] = p3[0];
    p5[2] = p3[1];
    p5[p3[2] >= VERY ? 4 : 3] = p3[2];
    int cls =
        switch (best) {
          case 0 -> p3[0] >= VERY ? 0 : 1;
          case 1 -> 2;
          default -> p3[2] >= VERY ? 4 : 3;
        };
    return new Five(cls, p5, p3[2] - p3[0]);
  }

  private static String digest(double[][] w, double[] b) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8);
      for (double[] row : w) {
        for (double v : row) {
          md.update(buf.clear().putDouble(v).array());
        }
      }
      for (double v : b) {
        md.update(buf.clear().putDouble(v).array());
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package com.painpoint.models.themes;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Chooses the number of themes from the data: spherical k-means for each k of a grid, scored by the
 * cosine silhouette; the best k wins (ties: the smaller k, fewer themes to read).
 */
public final class KSelection {
  /** One tried k and its silhouette. */
  public record Trial(int k, double silhouette) {}

  /** The chosen k, its fitted model and every trial (for the log and the report). */
  public record Choice(int k, KMeansModel model, List<Trial> trials) {}

  private KSelection() {}

  /** Spherical k-means on {@link ThemeVectors#FEATURES} with a fixed seed. */
  public static KMeansModel fit(Dataset<Row> vectors, int k, long seed) {
    return new KMeans()
        .setK(k)
        .setSeed(seed)
        .setMaxIter(60)
        .setDistanceMeasure("cosine")
        .setFeaturesCol(ThemeVectors.FEATURES)
        .fit(vectors);
  }

  /** Tries every k in {@code grid} (each >= 2 and below the number of rows). */
  public static Choice choose(Dataset<Row> vectors, List<Integer> grid, long seed) {
    ClusteringEvaluator silhouette =
        new ClusteringEvaluator()
            .setFeaturesCol(ThemeVectors.FEATURES)
            .setDistanceMeasure("cosine")
            .setMetricName("silhouette");
    List<Trial> trials = new ArrayList<>();
    KMeansModel best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    int bestK = -1;
    for (int k : grid) {
      KMeansModel m = fit(vectors, k, seed);
      double s = silhouette.evaluate(m.transform(vectors));
      trials.add(new Trial(k, s));
      if (s > bestScore) {
        bestScore = s;
        best = m;
        bestK = k;
      }
    }
    return new Choice(bestK, best, trials);
  }

  /** A grid of about {@code steps} k values from {@code min} to {@code max}, evenly spaced. */
  public static List<Integer> grid(int min, int max, int steps) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      int k = steps == 1 ? min : min + (int) Math.round((max - min) * (double) i / (steps - 1));
      if (out.isEmpty() || out.get(out.size() - 1) != k) {
        out.add(k);
      }
    }
    return out;
  }
}

package com.painpoint.models.themes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import com.painpoint.features.config.ThemeOptions;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The themes of one touchpoint: spherical k-means with a generous k (twice {@code max_themes},
 * bounded by the sentences available), then the sub-clusters grouped into themes: by a merge
 * threshold ({@link CentroidMerge}, the default), by the communities of the sentence graph ({@link
 * SentenceGraph}) or by silhouette ({@link SilhouetteCut}); one theme when there are too few
 * sentences to split.
 */
public final class TouchpointClusters {
  /**
   * A touchpoint's fitted themes.
   *
   * @param centers unit-length centroids of the k-means sub-clusters
   * @param groupOf the theme index of each sub-cluster
   * @param k number of themes
   * @param merges the merges made, with their similarity (empty when one theme was forced)
   */
  public record Fit(
      String touchpoint,
      long sentences,
      double[][] centers,
      int[] groupOf,
      int k,
      List<CentroidMerge.Step> merges)
      implements Serializable {}

  private static final StructType ASSIGNED =
      new StructType()
          .add(ThemeColumns.CLUSTER, DataTypes.IntegerType, false)
          .add(ThemeColumns.SIMILARITY, DataTypes.DoubleType, false);

  private TouchpointClusters() {}

  /** No sentences to cluster. */
  public static Fit empty(String touchpoint) {
    return new Fit(touchpoint, 0, new double[0][], new int[0], 0, List.of());
  }

  /**
   * Fits the themes of one touchpoint's clusterable sentences ({@code n} rows of {@link
   * ThemeVectors#FEATURES}). Runs Spark jobs: one k-means, or one mean.
   */
  public static Fit fit(String touchpoint, Dataset<Row> vectors, long n, ThemeOptions options) {
    int subK = (int) Math.min(2L * options.maxThemes(), n / options.minThemeSize());
    if (n < options.minSentences() || subK < 2) {
      Row mean = vectors.select(Summarizer.mean(col(ThemeVectors.FEATURES)).as("mean")).first();
      double[] c = mean.isNullAt(0) ? new double[0] : ((Vector) mean.get(0)).toArray();
      return new Fit(touchpoint, n, new double[][] {unit(c)}, new int[] {0}, 1, List.of());
    }
    KMeansModel model = SphericalKMeans.fit(vectors, subK, options.seed());
    double[][] centers = centers(model);
    long[] sizes = model.summary().clusterSizes();
    if (ThemeOptions.SILHOUETTE.equals(options.themeCount())) {
      SilhouetteCut.Cut cut = silhouetteCut(model, vectors, centers, sizes, options);
      return new Fit(touchpoint, n, centers, cut.groupOf(), cut.k(), List.of());
    }
    if (ThemeOptions.GRAPH.equals(options.themeCount())) {
      int[] community = graphCommunities(model, vectors, n, centers.length, options);
      for (int a = 0; a < community.length; a++) {
        // An empty sub-cluster belongs to no theme, as in the other cuts.
        community[a] = sizes[a] == 0 ? -1 : community[a];
      }
      int[] groupOf = SilhouetteCut.largestFirst(community, sizes, options.maxThemes());
      return new Fit(touchpoint, n, centers, groupOf, count(groupOf), List.of());
    }
    CentroidMerge.Merged merged =
        CentroidMerge.merge(centers, sizes, options.mergeSimilarity(), options.maxThemes());
    return new Fit(touchpoint, n, centers, merged.groupOf(), merged.k(), merged.steps());
  }

  /**
   * Each sub-cluster's community in the touchpoint's sentence graph ({@link SentenceGraph}): the
   * sentences' sub-clusters and vectors collected (at most {@link SentenceGraph#MAX_SENTENCES}), in
   * an order that does not depend on the partitioning, so a cluster run gives the local run's
   * themes.
   */
  private static int[] graphCommunities(
      KMeansModel model, Dataset<Row> vectors, long n, int atoms, ThemeOptions options) {
    String prediction = model.getPredictionCol();
    UserDefinedFunction hash =
        udf((UDF1<Vector, Integer>) v -> v.hashCode(), DataTypes.IntegerType);
    Dataset<Row> chosen =
        model
            .transform(vectors)
            .select(col(prediction), col(ThemeVectors.FEATURES))
            .withColumn("_h", hash.apply(col(ThemeVectors.FEATURES)));
    if (n > SentenceGraph.MAX_SENTENCES) {
      // A larger touchpoint is represented by the sentences with the lowest vector hashes.
      chosen = chosen.orderBy(col("_h"), col(prediction)).limit(SentenceGraph.MAX_SENTENCES);
    }
    List<Row> rows = new java.util.ArrayList<>(chosen.collectAsList());
    // Equal (sub-cluster, hash) means equal vectors: interchangeable in the graph.
    rows.sort(
        java.util.Comparator.<Row>comparingInt(r -> r.getInt(0))
            .thenComparingInt(r -> r.getInt(2)));
    List<Vector> vs = new java.util.ArrayList<>(rows.size());
    int[] atom = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      atom[i] = rows.get(i).getInt(0);
      vs.add((Vector) rows.get(i).get(1));
    }
    return SentenceGraph.communities(vs, atom, atoms, options.graphNeighbours(), options.seed());
  }

  private static int count(int[] groupOf) {
    int k = 0;
    for (int g : groupOf) {
      k = Math.max(k, g + 1);
    }
    return k;
  }

  /**
   * The silhouette cut of the sub-clusters: their vector sums (one aggregate), then every
   * sentence's sub-cluster and dot products with those sums (one pass, collected: a touchpoint's
   * negative sentences times 2 * max_themes numbers).
   */
  private static SilhouetteCut.Cut silhouetteCut(
      KMeansModel model,
      Dataset<Row> vectors,
      double[][] centers,
      long[] sizes,
      ThemeOptions options) {
    int m = centers.length;
    Dataset<Row> predicted = model.transform(vectors);
    String prediction = model.getPredictionCol();
    double[][] sums = new double[m][];
    for (Row r :
        predicted
            .groupBy(prediction)
            .agg(Summarizer.sum(col(ThemeVectors.FEATURES)).as("_sum"))
            .collectAsList()) {
      sums[r.getInt(0)] = ((Vector) r.get(1)).toArray();
    }
    int dim = centers.length == 0 ? 0 : centers[0].length;
    for (int i = 0; i < m; i++) {
      if (sums[i] == null) {
        sums[i] = new double[dim];
      }
    }
    UserDefinedFunction dotsWithSums =
        udf(
            (UDF1<Vector, double[]>)
                v -> {
                  double[] out = new double[sums.length];
                  for (int j = 0; j < sums.length; j++) {
                    out[j] = dot(v, sums[j]);
                  }
                  return out;
                },
            DataTypes.createArrayType(DataTypes.DoubleType, false));
    List<Row> rows =
        predicted
            .select(col(prediction), dotsWithSums.apply(col(ThemeVectors.FEATURES)))
            .collectAsList();
    int[] own = new int[rows.size()];
    double[][] dots = new double[rows.size()][];
    for (int p = 0; p < rows.size(); p++) {
      own[p] = rows.get(p).getInt(0);
      List<Double> d = rows.get(p).getList(1);
      dots[p] = new double[d.size()];
      for (int j = 0; j < dots[p].length; j++) {
        dots[p][j] = d.get(j);
      }
    }
    return SilhouetteCut.choose(
        centers, sizes, own, dots, options.maxThemes(), options.minThemeSize());
  }

  private static double[][] centers(KMeansModel model) {
    Vector[] cs = model.clusterCenters();
    double[][] out = new double[cs.length][];
    for (int i = 0; i < cs.length; i++) {
      out[i] = unit(cs[i].toArray());
    }
    return out;
  }

  static double[] unit(double[] v) {
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    double[] out = v.clone();
    if (norm > 0) {
      for (int i = 0; i < out.length; i++) {
        out[i] /= norm;
      }
    }
    return out;
  }

  /**
   * The theme of a sentence vector (that of its nearest sub-cluster) and its cosine similarity to
   * that sub-cluster's centroid (vectors are unit length, so the dot product is the cosine): a
   * struct column {cluster, similarity}.
   */
  public static Column assign(Fit fit) {
    double[][] centers = fit.centers();
    int[] groupOf = fit.groupOf();
    UserDefinedFunction nearest =
        udf(
            (UDF1<Vector, Row>)
                v -> {
                  int best = 0;
                  double bestSim = Double.NEGATIVE_INFINITY;
                  for (int c = 0; c < centers.length; c++) {
                    double s = dot(v, centers[c]);
                    if (s > bestSim) {
                      bestSim = s;
                      best = c;
                    }
                  }
                  return org.apache.spark.sql.RowFactory.create(
                      groupOf.length == 0 ? ThemeColumns.OTHER : groupOf[best], bestSim);
                },
            ASSIGNED);
    return nearest.apply(col(ThemeVectors.FEATURES));
  }

  static double dot(Vector v, double[] center) {
    if (center.length != v.size()) {
      return 0;
    }
    double s = 0;
    if (v instanceof org.apache.spark.ml.linalg.SparseVector sv) {
      int[] idx = sv.indices();
      double[] val = sv.values();
      for (int i = 0; i < idx.length; i++) {
        s += val[i] * center[idx[i]];
      }
    } else {
      double[] a = v.toArray();
      for (int i = 0; i < a.length; i++) {
        s += a[i] * center[i];
      }
    }
    return s;
  }
}

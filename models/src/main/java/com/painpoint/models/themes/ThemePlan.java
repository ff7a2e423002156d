package com.painpoint.models.themes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * How one touchpoint's negative sentences are themed tonight. Themes of the previous run keep their
 * sentences (so their ids are stable); their centroids are recomputed in tonight's vector space
 * from those sentences. A sentence new tonight joins the nearest kept theme when it is as close as
 * that theme's typical member; the rest ({@code leftover}) are clustered afresh and form new
 * themes. Theme indexes: kept themes 0..m-1 in {@link #keptIds} order, new themes m.. .
 *
 * @param keptIds previous theme ids that still have sentences tonight
 * @param keptCenters their unit centroids in tonight's space
 * @param keptThresholds least similarity for a new sentence to join each kept theme
 * @param leftover the clustering of the leftover sentences (null until fitted, or none to fit)
 */
public record ThemePlan(
    String touchpoint,
    List<String> keptIds,
    double[][] keptCenters,
    double[] keptThresholds,
    TouchpointClusters.Fit leftover,
    double minSimilarity)
    implements Serializable {

  static final StructType ASSIGNED =
      new StructType()
          .add(ThemeColumns.CLUSTER, DataTypes.IntegerType, false)
          .add(ThemeColumns.SIMILARITY, DataTypes.DoubleType, false);

  /** Index meaning "not in a kept theme; cluster it with the leftovers". */
  static final int LEFTOVER = -2;

  public ThemePlan withLeftover(TouchpointClusters.Fit fit) {
    return new ThemePlan(touchpoint, keptIds, keptCenters, keptThresholds, fit, minSimilarity);
  }

  public int kept() {
    return keptIds.size();
  }

  /** Number of themes (kept and new). */
  public int themes() {
    return kept() + (leftover == null ? 0 : leftover.k());
  }

  /**
   * Struct {cluster, similarity} from features, the previous theme id (or null), whether the
   * sentence has a vector to theme, and whether it only vents (the general-dissatisfaction bucket).
   * Before the leftovers are fitted, leftover sentences get {@link #LEFTOVER}.
   */
  public Column assign() {
    ThemePlan plan = this;
    UserDefinedFunction f =
        udf(
            (UDF4<Vector, String, Boolean, Boolean, Row>)
                (v, previous, clusterable, general) ->
                    plan.place(v, previous, clusterable, general),
            ASSIGNED);
    return f.apply(
        col(ThemeVectors.FEATURES),
        col(ThemeColumns.PREVIOUS_THEME),
        col("_clusterable"),
        col(ThemeDiscovery.GENERAL_COL));
  }

  Row place(Vector v, String previous, Boolean clusterable, Boolean general) {
    if (previous != null) {
      int i = keptIds.indexOf(previous);
      if (i >= 0) {
        return RowFactory.create(i, TouchpointClusters.dot(v, keptCenters[i]));
      }
    }
    if (general != null && general) {
      return RowFactory.create(ThemeColumns.GENERAL, 0.0);
    }
    if (clusterable == null || !clusterable) {
      return RowFactory.create(ThemeColumns.OTHER, 0.0);
    }
    int best = -1;
    double bestSim = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < keptCenters.length; i++) {
      double s = TouchpointClusters.dot(v, keptCenters[i]);
      if (s > bestSim) {
        bestSim = s;
        best = i;
      }
    }
    if (best >= 0 && bestSim >= keptThresholds[best]) {
      return RowFactory.create(best, bestSim);
    }
    if (leftover == null) {
      return RowFactory.create(LEFTOVER, 0.0);
    }
    if (leftover.k() == 0) {
      return RowFactory.create(ThemeColumns.OTHER, 0.0);
    }
    int sub = 0;
    double subSim = Double.NEGATIVE_INFINITY;
    double[][] centers = leftover.centers();
    for (int c = 0; c < centers.length; c++) {
      double s = TouchpointClusters.dot(v, centers[c]);
      if (s > subSim) {
        subSim = s;
        sub = c;
      }
    }
    int group = leftover.groupOf()[sub];
    if (group < 0 || subSim < minSimilarity) {
      return RowFactory.create(ThemeColumns.OTHER, subSim);
    }
    return RowFactory.create(kept() + group, subSim);
  }
}

package com.painpoint.models.themes;

import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** MLlib k-means with cosine distance on unit vectors (spherical k-means), seeded. */
public final class SphericalKMeans {
  private SphericalKMeans() {}

  /**
   * Fits k clusters on {@link ThemeVectors#FEATURES}; the same input and seed give the same model.
   */
  public static KMeansModel fit(Dataset<Row> vectors, int k, long seed) {
    return new KMeans()
        .setK(k)
        .setSeed(seed)
        .setMaxIter(60)
        .setDistanceMeasure("cosine")
        .setFeaturesCol(ThemeVectors.FEATURES)
        .fit(vectors);
  }
}

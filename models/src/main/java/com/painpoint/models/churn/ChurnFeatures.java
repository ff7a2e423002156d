package com.painpoint.models.churn;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;

/**
 * The MLlib stages that turn a prepared customer table into {@link ChurnColumns#FEATURES}:
 * categoricals indexed and one-hot encoded, numerics median-imputed, all assembled and scaled.
 */
public final class ChurnFeatures {
  private ChurnFeatures() {}

  /** Stages for the columns {@code types} marks as categorical and numeric, in that order. */
  public static List<PipelineStage> stages(ColumnTypes types) {
    List<PipelineStage> stages = new ArrayList<>();
    List<String> assembled = new ArrayList<>();
    List<String> cats = types.categorical();
    if (!cats.isEmpty()) {
      String[] index = suffixed(cats, ChurnColumns.INDEX_SUFFIX);
      String[] oneHot = suffixed(cats, ChurnColumns.ONE_HOT_SUFFIX);
      // "keep" sends a category unseen in training to an extra index, which the encoder's
      // dropLast turns into the all-zero vector: an unknown value adds nothing to the score.
      stages.add(
          new StringIndexer()
              .setInputCols(cats.toArray(new String[0]))
              .setOutputCols(index)
              .setHandleInvalid("keep")
              .setStringOrderType("frequencyDesc"));
      stages.add(new OneHotEncoder().setInputCols(index).setOutputCols(oneHot).setDropLast(true));
      assembled.addAll(List.of(oneHot));
    }
    List<String> nums = types.numeric();
    if (!nums.isEmpty()) {
      String[] imputed = suffixed(nums, ChurnColumns.IMPUTED_SUFFIX);
      stages.add(
          new Imputer()
              .setInputCols(nums.toArray(new String[0]))
              .setOutputCols(imputed)
              .setStrategy("median"));
      assembled.addAll(List.of(imputed));
    }
    stages.add(
        new VectorAssembler()
            .setInputCols(assembled.toArray(new String[0]))
            .setOutputCol(ChurnColumns.ASSEMBLED));
    // Unit variance keeps regularisation fair across features; no centring, so one-hot vectors
    // stay sparse.
    stages.add(
        new StandardScaler()
            .setInputCol(ChurnColumns.ASSEMBLED)
            .setOutputCol(ChurnColumns.FEATURES)
            .setWithStd(true)
            .setWithMean(false));
    return stages;
  }

  private static String[] suffixed(List<String> names, String suffix) {
    return names.stream().map(n -> n + suffix).toArray(String[]::new);
  }
}

package com.painpoint.models.churn;

import com.painpoint.features.config.PainpointException;
import java.util.List;
import org.apache.spark.ml.PipelineModel;

/**
 * A churn model chosen by validation ROC AUC, with every candidate's validation score and the
 * chosen model's metrics on the held-out test customers.
 *
 * @param model the fitted pipeline: feature stages, then the classifier; reads a table made by
 *     {@link ChurnTable#prepare}
 * @param modelName {@link ChurnModel#LOGISTIC_REGRESSION} or {@link ChurnModel#GBT}
 * @param candidates every model tried, in the order tried
 * @param calibration the Platt scaling fitted on the validation split and applied by {@link #model}
 * @param test the chosen model's metrics on the test split
 * @param trainRows customers trained on
 * @param validationRows customers the candidates were compared on
 */
public record TrainedChurnModel(
    PipelineModel model,
    String modelName,
    List<Candidate> candidates,
    Calibration calibration,
    ChurnMetrics test,
    long trainRows,
    long validationRows) {

  public TrainedChurnModel {
    candidates = List.copyOf(candidates);
  }

  /**
   * One model tried.
   *
   * @param modelName the model family
   * @param params its settings, as {@code name=value} pairs
   * @param validationAuc its ROC AUC on the validation split
   * @param rounds boosting rounds kept (trees, after early stopping); null for a linear model
   */
  public record Candidate(String modelName, String params, double validationAuc, Integer rounds) {}

  /**
   * Platt scaling: P(churn) = 1 / (1 + exp(-(slope x margin + intercept))), where the margin is the
   * chosen classifier's raw score (element 1 of MLlib's raw prediction).
   */
  public record Calibration(double slope, double intercept) {}

  /** The best candidate of one model family (the first one tried on ties). */
  public Candidate best(String family) {
    Candidate best = null;
    for (Candidate c : candidates) {
      if (c.modelName().equals(family)
          && (best == null || c.validationAuc() > best.validationAuc())) {
        best = c;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("no candidate of model '" + family + "'");
    }
    return best;
  }

  /** Writes the pipeline with MLlib's writer, replacing whatever is at {@code path}. */
  public void save(String path) {
    try {
      model.write().overwrite().save(path);
    } catch (java.io.IOException e) {
      throw new PainpointException(
          PainpointException.Kind.RUNTIME, "cannot save churn model to " + path + ": " + e, e);
    }
  }
}

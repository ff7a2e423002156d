package com.painpoint.jobs.results;

import java.util.List;
import java.util.Map;

/**
 * The churn stage's model: who it learned from, the candidates it tried, the held-out test and how
 * much each touchpoint's features carry (permutation importance).
 */
public record ChurnFigures(
    String model,
    String modelPath,
    long clickstreamCustomersNotInCrm,
    long feedbackCustomersNotInCrm,
    Long churnedBeforeWindowExcluded,
    long customersWithOutcome,
    long churned,
    long trainRows,
    long validationRows,
    List<String> numericFeatures,
    List<String> categoricalFeatures,
    Map<String, String> excludedColumns,
    List<Candidate> candidates,
    Calibration calibration,
    Test test,
    Map<String, Double> permutationAucDrop) {

  /**
   * One model tried, with its validation ROC AUC and, for boosted trees, the rounds kept (after
   * early stopping on the validation split).
   */
  public record Candidate(String model, String params, double validationRocAuc, Integer rounds) {}

  /**
   * How the chosen model's margin becomes a probability: Platt scaling fitted on the validation
   * split, P(churn) = 1 / (1 + exp(-(slope x margin + intercept))).
   */
  public record Calibration(String method, long fittedOn, double slope, double intercept) {}

  /**
   * The chosen model on held-out customers; {@code ece} is the expected calibration error of its
   * calibrated probabilities (10 equal-width bins), {@code eceNoiseFloor} what a perfectly
   * calibrated model would show on the same customers through sampling alone.
   */
  public record Test(
      long n,
      long churned,
      double rocAuc,
      double prAuc,
      double brier,
      double ece,
      double eceNoiseFloor,
      List<Bin> calibration) {}

  /** One calibration decile. */
  public record Bin(int decile, long count, double meanPredicted, double observedRate) {}
}

package com.painpoint.models.churn;

import java.util.List;

/**
 * How well churn probabilities match outcomes on a set of customers.
 *
 * @param n customers scored
 * @param churned of which churned
 * @param rocAuc area under the ROC curve
 * @param prAuc area under the precision-recall curve (a random ranking scores the churn rate)
 * @param brier mean squared difference between predicted probability and outcome (0 is perfect)
 * @param ece expected calibration error: customers in 10 equal-width bins of predicted probability,
 *     the mean |mean predicted - observed rate| weighted by each bin's share of the customers
 * @param eceNoiseFloor the expected calibration error a perfectly calibrated model would show on
 *     these customers through sampling alone (about 0.045 on 400 customers, 0.005 on 40,000): an
 *     {@code ece} near it is as calibrated as the test split can tell
 * @param calibration one bin per decile of predicted probability, lowest first
 */
public record ChurnMetrics(
    long n,
    long churned,
    double rocAuc,
    double prAuc,
    double brier,
    double ece,
    double eceNoiseFloor,
    List<CalibrationBin> calibration) {

  public ChurnMetrics {
    calibration = List.copyOf(calibration);
  }

  /**
   * Customers whose predicted probability fell in one decile.
   *
   * @param decile 1 (lowest predictions) to 10 (fewer when predictions tie)
   * @param count customers in the bin
   * @param minPredicted lowest predicted probability in the bin
   * @param maxPredicted highest predicted probability in the bin
   * @param meanPredicted mean predicted probability
   * @param observedRate share of the bin that churned
   */
  public record CalibrationBin(
      int decile,
      long count,
      double minPredicted,
      double maxPredicted,
      double meanPredicted,
      double observedRate) {}
}

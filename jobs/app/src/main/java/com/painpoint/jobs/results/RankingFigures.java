package com.painpoint.jobs.results;

/**
 * The impact and ranking stage: active customers scored, the score's weights, the comparison, and
 * the paths to churn.
 */
public record RankingFigures(
    long activeCustomersScored, Weights rankingWeights, String rankingComparedWith, Paths paths) {

  /**
   * The paths to churn: the chain's order and bootstrap replicates, its churn probability from the
   * start, how many states and step pairs were measured, the largest net effect with its 95 %
   * interval (null when nothing was measured), and the most common path into churn.
   */
  public record Paths(
      int order,
      int replicates,
      double churnProbability,
      int states,
      String largestNetEffectState,
      Double largestNetEffect,
      Double largestNetEffectLow,
      Double largestNetEffectHigh,
      String topPathIntoChurn) {}

  /** The pain score's weights, as configured. */
  public record Weights(double negativity, double friction, double churn, double revenue) {}
}

package com.painpoint.jobs.results;

/** The impact and ranking stage: active customers scored, the score's weights, the comparison. */
public record RankingFigures(
    long activeCustomersScored, Weights rankingWeights, String rankingComparedWith) {

  /** The pain score's weights, as configured. */
  public record Weights(double negativity, double friction, double churn, double revenue) {}
}

package com.painpoint.jobs.results;

import java.util.List;

/**
 * What the sentiment stage scored tonight and what it reused from an earlier night, and how far the
 * texts agree with the explicit scores (NPS/CSAT) customers gave with them.
 */
public record SentimentFigures(
    String model,
    String modelDescription,
    String reusedFrom,
    long sentenceRows,
    long feedback,
    long feedbackScoredTonight,
    long feedbackReused,
    long distinctSentencesParsed,
    long sentencesScored,
    Flags flags,
    List<ScoreAgreement> scoreAgreement) {

  /** Sentences the scorer flagged, by flag. */
  public record Flags(
      long emptyText, long noWords, long nonEnglish, long truncated, long scoreTextDisagree) {}

  /**
   * Text sentiment against the explicit score of the same feedback, for the texts with a sentence
   * about the touchpoint ({@code all} = every text once): feedback with both, the Pearson
   * correlation of the text's mean sentence score with the score mapped to [-1, 1] (null under 3
   * texts or without spread), and the share flagged {@code score_text_disagree} (an NPS 0–2 or CSAT
   * 1 with a positive text, or the reverse).
   */
  public record ScoreAgreement(
      String touchpoint, long texts, Double correlation, double contradicting) {}
}

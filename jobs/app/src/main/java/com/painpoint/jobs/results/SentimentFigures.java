package com.painpoint.jobs.results;

/** What the sentiment stage scored tonight and what it reused from an earlier night. */
public record SentimentFigures(
    String model,
    String reusedFrom,
    long sentenceRows,
    long feedback,
    long feedbackScoredTonight,
    long feedbackReused,
    long distinctSentencesParsed,
    long sentencesScored,
    Flags flags) {

  /** Sentences the scorer flagged, by flag. */
  public record Flags(
      long emptyText, long noWords, long nonEnglish, long truncated, long scoreTextDisagree) {}
}

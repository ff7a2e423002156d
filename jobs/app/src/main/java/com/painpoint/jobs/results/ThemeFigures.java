package com.painpoint.jobs.results;

import java.util.List;
import java.util.Map;

/** How the night's themes were found: per touchpoint, what was kept and what was clustered. */
public record ThemeFigures(
    String matchedAgainst,
    long negativeSentenceTouchpoints,
    Map<String, TouchpointThemes> touchpoints,
    Map<String, Long> themesByStatus) {

  /** One touchpoint's clustering: themes kept from the previous night, new sentences clustered. */
  public record TouchpointThemes(
      long keptThemes,
      long newSentencesClustered,
      int newThemes,
      int subClusters,
      List<Double> mergeSimilarities) {}
}

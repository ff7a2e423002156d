package com.painpoint.jobs.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.painpoint.features.quality.SourceQuality;
import com.painpoint.features.window.WindowCounts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One source's counts after its contract. With a lookback window ({@code inWindow} not null),
 * {@code accepted = inWindow + outsideWindow}: rows outside are accepted (never in {@code
 * rejected/}) but left out of the night, and {@code reconciles} checks both equations.
 */
public record SourceFigures(
    long rowsRead,
    long accepted,
    long rejected,
    Map<String, Long> rejectedByReason,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long inWindow,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long outsideWindow,
    @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> outsideWindowByReason,
    boolean reconciles,
    long distinctCustomers,
    Map<String, Double> completeness) {

  public static SourceFigures of(SourceQuality q, WindowCounts window) {
    Map<String, Long> why = null;
    if (window != null) {
      why = new LinkedHashMap<>();
      why.put("before_window", window.beforeWindow());
      why.put("undated", window.undated());
    }
    Map<String, Double> completeness = new LinkedHashMap<>();
    q.completeness().forEach((k, v) -> completeness.put(k, Math.round(v * 10000) / 10000.0));
    return new SourceFigures(
        q.rowsRead(),
        q.accepted(),
        q.rejected(),
        q.rejectedByReason(),
        window == null ? null : window.inWindow(),
        window == null ? null : window.outsideWindow(),
        why,
        q.reconciles() && (window == null || window.reconciles(q.accepted())),
        q.distinctCustomers(),
        completeness);
  }
}

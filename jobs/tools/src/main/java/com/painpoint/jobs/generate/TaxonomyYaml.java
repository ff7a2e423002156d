package com.painpoint.jobs.generate;

import java.util.List;
import java.util.stream.Collectors;

/** Renders {@link Touchpoint} as the taxonomy YAML file the engine reads. */
final class TaxonomyYaml {

  private TaxonomyYaml() {}

  static String render() {
    StringBuilder y = new StringBuilder();
    y.append("# Touchpoint taxonomy of the synthetic meal-kit / household-goods subscription\n");
    y.append("# business in data-samples/ (written by scripts/generate-data).\n");
    y.append("# The engine maps each click event to the first touchpoint in file order whose\n");
    y.append("# events list contains its event_type, else whose url_patterns (Java regexes,\n");
    y.append("# find semantics) match its url. Feedback sentences are attributed through\n");
    y.append("# keywords. position is the journey order; outcome touchpoints (cancellation)\n");
    y.append("# are results of churn and never count as its cause. slow_ms, when absent,\n");
    y.append("# falls back to the touchpoint's own p95 of page-view duration_ms.\n");
    y.append("touchpoints:\n");
    for (Touchpoint t : Touchpoint.values()) {
      y.append("  - name: ").append(t.id).append('\n');
      y.append("    position: ").append(t.position).append('\n');
      y.append("    owner: ").append(t.owner).append('\n');
      y.append("    url_patterns: ").append(flow(t.urlPatterns)).append('\n');
      y.append("    events: ").append(flow(t.events)).append('\n');
      y.append("    keywords: ").append(flow(t.keywords)).append('\n');
      if (!t.startEvents.isEmpty()) {
        y.append("    start_events: ").append(flow(t.startEvents)).append('\n');
        y.append("    success_events: ").append(flow(t.successEvents)).append('\n');
      }
      y.append("    outcome: ").append(t.outcome).append('\n');
      if (t.slowMs != null) {
        y.append("    slow_ms: ").append(t.slowMs).append('\n');
      }
    }
    return y.toString();
  }

  /** Single-quoted flow sequence; single quotes keep regex backslashes literal in YAML. */
  private static String flow(List<String> values) {
    return values.stream()
        .map(v -> "'" + v.replace("'", "''") + "'")
        .collect(Collectors.joining(", ", "[", "]"));
  }
}

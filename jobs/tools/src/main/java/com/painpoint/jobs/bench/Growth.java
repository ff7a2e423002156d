package com.painpoint.jobs.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Growth exponents of cost between scales: log(cost2 / cost1) / log(size2 / size1), where size is
 * the number of customers (events and feedback grow in proportion). 1.0 is linear.
 */
final class Growth {
  private Growth() {}

  static double exponent(double size1, double cost1, double size2, double cost2) {
    return Math.log(cost2 / cost1) / Math.log(size2 / size1);
  }

  /** {total: {first_to_last, steps}, stages: {name: {first_to_last, steps}}}. */
  static Map<String, Object> exponents(List<Map<String, Object>> scales) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("size", "customers");
    out.put("total", fit(scales, null));
    Map<String, Object> stages = new LinkedHashMap<>();
    for (String stage : BenchMain.STAGES) {
      stages.put(stage, fit(scales, stage));
    }
    out.put("stages", stages);
    return out;
  }

  private static Map<String, Object> fit(List<Map<String, Object>> scales, String stage) {
    List<Double> steps = new ArrayList<>();
    for (int i = 1; i < scales.size(); i++) {
      steps.add(
          BenchMain.round2(
              exponent(
                  size(scales.get(i - 1)),
                  cost(scales.get(i - 1), stage),
                  size(scales.get(i)),
                  cost(scales.get(i), stage))));
    }
    Map<String, Object> f = new LinkedHashMap<>();
    Map<String, Object> first = scales.get(0);
    Map<String, Object> last = scales.get(scales.size() - 1);
    f.put(
        "first_to_last",
        BenchMain.round2(exponent(size(first), cost(first, stage), size(last), cost(last, stage))));
    f.put("steps", steps);
    return f;
  }

  static double size(Map<String, Object> scale) {
    return ((Number) scale.get("customers")).doubleValue();
  }

  /** Seconds of one stage, or of all stages when stage is null. */
  @SuppressWarnings("unchecked")
  static double cost(Map<String, Object> scale, String stage) {
    if (stage == null) {
      return ((Number) scale.get("stages_seconds")).doubleValue();
    }
    for (Map<String, Object> s : (List<Map<String, Object>>) scale.get("stages")) {
      if (stage.equals(s.get("stage"))) {
        return ((Number) s.get("seconds")).doubleValue();
      }
    }
    return Double.NaN;
  }
}

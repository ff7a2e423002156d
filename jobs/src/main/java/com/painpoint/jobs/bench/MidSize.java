package com.painpoint.jobs.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mid-size night of the targets (200k customers, ~20M events, ~30k new feedback texts, 2 cores,
 * 6 GB driver): measured when scripts/bench ran it (--mid-size), otherwise extrapolated from the
 * largest measured scale with each stage's own growth exponent, never below linear, and labelled as
 * an extrapolation.
 */
final class MidSize {
  private MidSize() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> estimate(
      List<Map<String, Object>> scales, Map<String, Object> growth, boolean measured) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("customers", BenchMain.MID_CUSTOMERS);
    m.put("target_seconds", BenchMain.MID_TARGET_SECONDS);
    if (measured) {
      Map<String, Object> last = scales.get(scales.size() - 1);
      m.put("kind", "measured");
      m.put("seconds", last.get("stages_seconds"));
      m.put("jvm_seconds", last.get("jvm_seconds"));
      m.put("events", last.get("events"));
      m.put("feedback", last.get("feedback"));
      m.put("peak_rss_mb", last.get("peak_rss_mb"));
      m.put("stages", last.get("stages"));
      return m;
    }
    Map<String, Object> base = scales.get(scales.size() - 1);
    double factor = BenchMain.MID_CUSTOMERS / Growth.size(base);
    Map<String, Object> stageGrowth = (Map<String, Object>) growth.get("stages");
    List<Map<String, Object>> stages = new ArrayList<>();
    double total = 0;
    for (String stage : BenchMain.STAGES) {
      double k =
          ((Number) ((Map<String, Object>) stageGrowth.get(stage)).get("first_to_last"))
              .doubleValue();
      double used = Double.isNaN(k) ? 1.0 : Math.max(1.0, k);
      double sec = Growth.cost(base, stage) * Math.pow(factor, used);
      total += sec;
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("stage", stage);
      s.put("exponent_used", BenchMain.round2(used));
      s.put("seconds", Math.round(sec * 10) / 10.0);
      stages.add(s);
    }
    m.put("kind", "extrapolated");
    m.put("from_customers", base.get("customers"));
    m.put("scale_factor", BenchMain.round2(factor));
    m.put("events", Math.round(((Number) base.get("events")).doubleValue() * factor));
    m.put("feedback", Math.round(((Number) base.get("feedback")).doubleValue() * factor));
    m.put("seconds", Math.round(total));
    m.put(
        "linear_seconds", Math.round(((Number) base.get("stages_seconds")).doubleValue() * factor));
    m.put("stages", stages);
    m.put(
        "method",
        "each stage's seconds at the largest measured scale times (200000 / its customers) to the"
            + " stage's first-to-last growth exponent (at least 1.0); peak memory not"
            + " extrapolated");
    return m;
  }
}

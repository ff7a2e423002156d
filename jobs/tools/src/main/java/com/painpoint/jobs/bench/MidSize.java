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

  /** {fixed seconds, seconds per customer} of one stage over the measured scales. */
  static double[] fixedPlusLinear(List<Map<String, Object>> scales, String stage) {
    int n = scales.size();
    double mx = 0;
    double my = 0;
    for (Map<String, Object> s : scales) {
      mx += Growth.size(s) / n;
      my += Growth.cost(s, stage) / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (Map<String, Object> s : scales) {
      double dx = Growth.size(s) - mx;
      sxy += dx * (Growth.cost(s, stage) - my);
      sxx += dx * dx;
    }
    double slope = Math.max(0, sxx == 0 ? 0 : sxy / sxx);
    double fixed = my - slope * mx;
    if (fixed < 0) {
      // Through the origin instead: all cost proportional to size.
      double num = 0;
      double den = 0;
      for (Map<String, Object> s : scales) {
        num += Growth.size(s) * Growth.cost(s, stage);
        den += Growth.size(s) * Growth.size(s);
      }
      return new double[] {0, num / den};
    }
    return new double[] {fixed, slope};
  }

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
    List<Map<String, Object>> stages = new ArrayList<>();
    double total = 0;
    for (String stage : BenchMain.STAGES) {
      double[] fit = fixedPlusLinear(scales, stage);
      double sec = fit[0] + fit[1] * BenchMain.MID_CUSTOMERS;
      total += sec;
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("stage", stage);
      s.put("fixed_seconds", Math.round(fit[0] * 10) / 10.0);
      s.put("ms_per_customer", Math.round(fit[1] * 1e5) / 100.0);
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
        "per stage, seconds = fixed + per-customer cost, fitted by least squares over the measured"
            + " scales (cost per customer at least 0), evaluated at 200000 customers; peak memory"
            + " not extrapolated. The further 200000 is beyond the largest scale, the less this"
            + " is worth");
    return m;
  }
}

package com.painpoint.jobs.generate;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two initiatives planted in the generated data, written to initiatives.yaml and
 * ground_truth.json.
 *
 * <ul>
 *   <li>{@code fix-payment-errors} at checkout: from its start date the payment call's 5xx errors
 *       are fixed for half of the sessions that would have hit one; those sessions place their
 *       order instead. Only the clickstream changes: a customer's feedback and churn are drawn from
 *       their profile before the journey, so the planted effects on negativity and churn are zero.
 *   <li>{@code courier-tracking-page} at delivery: declared, changes nothing (a null initiative).
 * </ul>
 *
 * <p>The fix draws from its own random stream ({@link Seeds#INITIATIVE}), so the sessions it does
 * not touch are the same as without it.
 */
final class PlantedInitiatives {

  /** Share of would-be payment errors at checkout the fix removes from its start date. */
  static final double FIX_SHARE = 0.5;

  /**
   * Days of each window and guard days, as the engine's defaults (initiatives.yaml repeats them).
   */
  static final int WINDOW_DAYS = 28;

  static final int GUARD_DAYS = 3;

  static final String FIX_ID = "fix-payment-errors";
  static final String NULL_ID = "courier-tracking-page";

  private final LocalDate fixStart;
  private final LocalDate nullStart;

  // Checkout sessions in the fix's after window: all, with an error, fixed (error removed).
  private long afterSessions;
  private long afterErrorSessions;
  private long afterFixed;
  private long beforeSessions;
  private long beforeErrorSessions;

  PlantedInitiatives(GeneratorOptions options) {
    this.fixStart = fixStart(options);
    this.nullStart = options.snapshotDate().minusDays(32);
  }

  /**
   * The fix's first day: 46 days before the snapshot (2026-05-15 for the sample), so both 28-day
   * windows and a 14-day churn follow-up fit in a 90-day window.
   */
  static LocalDate fixStart(GeneratorOptions options) {
    return options.snapshotDate().minusDays(46);
  }

  /** Counts one customer's checkout sessions in the fix's before and after windows. */
  void add(List<CustomerSimulator.PlacedSession> sessions) {
    LocalDate afterFrom = fixStart.plusDays(GUARD_DAYS);
    LocalDate afterUntil = afterFrom.plusDays(WINDOW_DAYS);
    LocalDate beforeUntil = fixStart.minusDays(GUARD_DAYS);
    LocalDate beforeFrom = beforeUntil.minusDays(WINDOW_DAYS);
    for (CustomerSimulator.PlacedSession s : sessions) {
      if (!s.touched().contains(Touchpoint.CHECKOUT)) {
        continue;
      }
      LocalDate day = s.start().atZone(ZoneOffset.UTC).toLocalDate();
      boolean error = checkoutError(s.kind());
      if (!day.isBefore(afterFrom) && day.isBefore(afterUntil)) {
        afterSessions++;
        afterErrorSessions += error ? 1 : 0;
        afterFixed += s.fixed() ? 1 : 0;
      } else if (!day.isBefore(beforeFrom) && day.isBefore(beforeUntil)) {
        beforeSessions++;
        beforeErrorSessions += error ? 1 : 0;
      }
    }
  }

  /** Whether a session of this kind shows an error at checkout (payment 5xx or promo error). */
  private static boolean checkoutError(String kind) {
    return kind.equals("order_abandoned_server_error")
        || kind.equals("order_server_error_then_ordered")
        || kind.equals("order_abandoned_promo");
  }

  /** initiatives.yaml for the generated data. */
  String yaml() {
    StringBuilder y = new StringBuilder();
    y.append("# Initiatives the synthetic business shipped (written by scripts/generate-data).\n");
    y.append("# The night measures each one's effect: the touchpoint's friction rate, negative\n");
    y.append("# share and the churn of customers exposed there, before against after the start\n");
    y.append("# date, against the same change at touchpoints without an initiative.\n");
    y.append("window_days: ").append(WINDOW_DAYS).append('\n');
    y.append("guard_days: ").append(GUARD_DAYS).append('\n');
    y.append("initiatives:\n");
    y.append("  - id: ").append(FIX_ID).append('\n');
    y.append("    touchpoint: checkout\n");
    y.append("    friction: error\n");
    y.append("    start: ").append(fixStart).append('\n');
    y.append("    description: Retry and failover for the payment provider's 5xx errors\n");
    y.append("    owner: Payments\n");
    y.append("  - id: ").append(NULL_ID).append('\n');
    y.append("    touchpoint: delivery\n");
    y.append("    start: ").append(nullStart).append('\n');
    y.append("    description: New courier tracking page\n");
    return y.toString();
  }

  /** The planted truth, for ground_truth.json. */
  List<Map<String, Object>> truth() {
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Object> fix = new LinkedHashMap<>();
    fix.put("id", FIX_ID);
    fix.put("touchpoint", Touchpoint.CHECKOUT.id);
    fix.put("friction", "error");
    fix.put("start", fixStart.toString());
    fix.put(
        "planted",
        "from the start date, half of the checkout sessions that would have hit a payment 5xx"
            + " place their order instead; feedback and churn are drawn before the journey, so"
            + " they do not change");
    fix.put("fix_share", FIX_SHARE);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("before_checkout_sessions", beforeSessions);
    counts.put("before_error_sessions", beforeErrorSessions);
    counts.put("after_checkout_sessions", afterSessions);
    counts.put("after_error_sessions", afterErrorSessions);
    counts.put("after_fixed_sessions", afterFixed);
    fix.put("sessions", counts);
    Map<String, Object> effects = new LinkedHashMap<>();
    // The effect on the treated: the after window's error rate minus what it would have been
    // without the fix (every fixed session would have had its error).
    effects.put("friction_rate", round(-(double) afterFixed / Math.max(1, afterSessions)));
    effects.put("negative_share", 0.0);
    effects.put("churn_rate", 0.0);
    fix.put("effects", effects);
    out.add(fix);

    Map<String, Object> none = new LinkedHashMap<>();
    none.put("id", NULL_ID);
    none.put("touchpoint", Touchpoint.DELIVERY.id);
    none.put("start", nullStart.toString());
    none.put("planted", "nothing changes: a null initiative");
    Map<String, Object> zero = new LinkedHashMap<>();
    zero.put("friction_rate", 0.0);
    zero.put("negative_share", 0.0);
    zero.put("churn_rate", 0.0);
    none.put("effects", zero);
    out.add(none);
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 10_000.0) / 10_000.0;
  }
}

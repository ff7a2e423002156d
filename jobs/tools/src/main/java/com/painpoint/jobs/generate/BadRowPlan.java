package com.painpoint.jobs.generate;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which customers carry the planted bad rows, and how many rejects of each reason that plants.
 *
 * <p>Each kind of bad row belongs to one reserved customer at a fixed fraction of the customer
 * range, so the plan is a pure function of the customer count. Reserved customers are simulated
 * without pain and without churn, so the engine's results never depend on how it treats them.
 */
final class BadRowPlan implements Serializable {

  /** The kinds of bad rows, each with the source and reject reason the engine reports. */
  enum Role {
    CRM_NEGATIVE_REVENUE("crm", "negative_monthly_revenue", 1),
    CRM_CHURNED_WITHOUT_DATE("crm", "churned_without_churn_date", 1),
    CRM_MISSING_ID("crm", "missing_customer_id", 1),
    /** The customer's line is written two extra times, byte-identical. */
    CRM_DUPLICATE("crm", "duplicate_row", 2),
    /** Two extra feedback rows with an empty text. */
    FEEDBACK_MISSING_TEXT("feedback", "missing_text", 2),
    /** One feedback line is written twice. */
    FEEDBACK_DUPLICATE("feedback", "duplicate_row", 1),
    /** Extra events whose event_time is null. */
    CLICK_MISSING_TIME("clickstream", "missing_event_time", 5),
    /** Extra events stamped in 2031 by a device with a broken clock. */
    CLICK_OUT_OF_RANGE("clickstream", "event_time_out_of_range", 3),
    /** The customer's first events are written twice, event_id included. */
    CLICK_DUPLICATE("clickstream", "duplicate_row", 10);

    final String source;
    final String reason;
    final int rows;

    Role(String source, String reason, int rows) {
      this.source = source;
      this.reason = reason;
      this.rows = rows;
    }
  }

  private final EnumMap<Role, Integer> indexOf = new EnumMap<>(Role.class);

  BadRowPlan(int customers, boolean enabled) {
    Role[] roles = Role.values();
    // Fewer customers than roles cannot give each role its own customer; plant nothing then.
    if (enabled && customers > roles.length) {
      for (int j = 0; j < roles.length; j++) {
        indexOf.put(roles[j], (int) ((long) customers * (j + 1) / (roles.length + 1)));
      }
    }
  }

  boolean active() {
    return !indexOf.isEmpty();
  }

  /** The role of a customer, or null for an ordinary customer. */
  Role roleOf(long customerIndex) {
    for (Map.Entry<Role, Integer> e : indexOf.entrySet()) {
      if (e.getValue() == customerIndex) {
        return e.getKey();
      }
    }
    return null;
  }

  /** Planted reject counts per source and reason, zero for every reason when inactive. */
  Map<String, Map<String, Integer>> rejectCounts() {
    Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
    for (Role role : Role.values()) {
      counts
          .computeIfAbsent(role.source, s -> new LinkedHashMap<>())
          .merge(role.reason, active() ? role.rows : 0, Integer::sum);
    }
    return counts;
  }
}

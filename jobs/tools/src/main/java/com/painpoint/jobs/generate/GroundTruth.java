package com.painpoint.jobs.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.painpoint.jobs.generate.CustomerSimulator.SimulatedCustomer;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds ground_truth.json: what the engine should find on the generated data (the planted
 * rankings, null and outcome touchpoints, the confounder, themes, planted rejects) plus counts of
 * what was written and of the hidden truth behind it.
 */
final class GroundTruth {

  static final List<Touchpoint> FRICTION_TOP =
      List.of(Touchpoint.CHECKOUT, Touchpoint.SEARCH, Touchpoint.ACCOUNT);
  static final List<Touchpoint> NEGATIVITY_TOP =
      List.of(Touchpoint.BILLING, Touchpoint.DELIVERY, Touchpoint.SUPPORT);
  static final List<Touchpoint> CHURN_TOP =
      List.of(Touchpoint.BILLING, Touchpoint.CHECKOUT, Touchpoint.DELIVERY, Touchpoint.SUPPORT);
  static final List<Touchpoint> PAIN_TOP =
      List.of(Touchpoint.BILLING, Touchpoint.CHECKOUT, Touchpoint.DELIVERY);
  static final List<Touchpoint> NULL_TOUCHPOINTS = List.of(Touchpoint.SEARCH, Touchpoint.ACCOUNT);
  static final List<Touchpoint> OUTCOME_TOUCHPOINTS = List.of(Touchpoint.CANCELLATION);

  private final GeneratorOptions options;
  private final BadRowPlan badRows;
  private final PlantedInitiatives initiatives;
  private final long[] escalatedPaths = new long[2];
  private final long[] billingPainPaths = new long[2];
  private final long[] otherPaths = new long[2];

  private long customers;
  private long crmRows;
  private long crmPaddedIds;
  private long feedbackRows;
  private long anonymousFeedbackRows;
  private long events;
  private long anonymousEvents;
  private long eventIdsWithNoise;
  private final Map<Segment, long[]> churnBySegment = new EnumMap<>(Segment.class);
  private final Map<Touchpoint, long[]> byTouchpoint = new EnumMap<>(Touchpoint.class);

  GroundTruth(GeneratorOptions options, BadRowPlan badRows) {
    this.options = options;
    this.badRows = badRows;
    this.initiatives = new PlantedInitiatives(options);
  }

  /** The planted initiatives, counted over the customers added so far. */
  PlantedInitiatives initiatives() {
    return initiatives;
  }

  /** Adds one simulated customer's rows and hidden truth to the counts. */
  void add(SimulatedCustomer c) {
    CustomerProfile p = c.profile();
    customers++;
    crmRows += c.crmRows().size();
    for (CrmRecord row : c.crmRows()) {
      if (!row.customerId().isEmpty() && !row.customerId().equals(p.customerId())) {
        crmPaddedIds++;
      }
    }
    feedbackRows += c.feedback().size();
    for (FeedbackRecord f : c.feedback()) {
      if (f.customerId() == null) {
        anonymousFeedbackRows++;
      }
    }
    events += c.events().size();
    initiatives.add(c.sessions());
    for (ClickEvent e : c.events()) {
      if (e.customerId() == null) {
        anonymousEvents++;
      } else if (!e.customerId().equals(p.customerId())) {
        eventIdsWithNoise++;
      }
    }
    if (p.role() != null) {
      return;
    }
    long[] seg = churnBySegment.computeIfAbsent(p.segment(), s -> new long[2]);
    seg[0]++;
    seg[1] += p.churned() ? 1 : 0;
    boolean escalated =
        c.sessions().stream().anyMatch(s -> JourneyPlanner.BILLING_ESCALATED.equals(s.kind()));
    // customers, churned: billing failure then support / billing pain otherwise / the rest
    long[] path =
        escalated
            ? escalatedPaths
            : p.pain().contains(Touchpoint.BILLING) ? billingPainPaths : otherPaths;
    path[0]++;
    path[1] += p.churned() ? 1 : 0;
    for (Touchpoint t : p.visits()) {
      // visitors, visitors churned, pained, pained churned
      long[] tp = byTouchpoint.computeIfAbsent(t, x -> new long[4]);
      tp[0]++;
      tp[1] += p.churned() ? 1 : 0;
      if (p.pain().contains(t)) {
        tp[2]++;
        tp[3] += p.churned() ? 1 : 0;
      }
    }
  }

  /**
   * The planted path effect: customers whose billing failure went on to support in the same session
   * (the step pair {@code billing:pain > support}), the other customers with billing pain, and the
   * rest, each with how many churned; and the common step that changes nothing.
   */
  private Map<String, Object> paths() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("planted_step_pair", "billing:pain > support");
    m.put(
        "escalation_probability",
        Map.of(
            "churned", PlantedEffects.ESCALATION_IF_CHURNED,
            "retained", PlantedEffects.ESCALATION_IF_RETAINED));
    m.put("billing_failure_then_support", pathCounts(escalatedPaths));
    m.put("billing_pain_otherwise", pathCounts(billingPainPaths));
    m.put("other_customers", pathCounts(otherPaths));
    m.put(
        "neutral_state",
        Map.of(
            "state",
            "account",
            "why",
            "account visits (without friction) are planned from the profile alone, never from the"
                + " churn outcome; most customers pass them"));
    return m;
  }

  private static Map<String, Object> pathCounts(long[] v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("customers", v[0]);
    m.put("churned", v[1]);
    m.put("churn_rate", v[0] == 0 ? 0.0 : Math.round(1e4 * v[1] / (double) v[0]) / 1e4);
    return m;
  }

  long customerRows() {
    return crmRows;
  }

  long feedbackRows() {
    return feedbackRows;
  }

  long events() {
    return events;
  }

  String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("seed", options.seed());
    root.put("customers", options.customers());
    root.put("snapshot_date", options.snapshotDate().toString());
    root.put("window_start", options.windowStart().toString());
    root.put("days", options.days());
    root.put("friction_top", ids(FRICTION_TOP));
    root.put("negativity_top", ids(NEGATIVITY_TOP));
    root.put("churn_top", ids(CHURN_TOP));
    root.put("pain_top", ids(PAIN_TOP));
    root.put("null_touchpoints", ids(NULL_TOUCHPOINTS));
    root.put("outcome_touchpoints", ids(OUTCOME_TOUCHPOINTS));
    Map<String, Object> confounded = new LinkedHashMap<>();
    confounded.put("touchpoint", Touchpoint.SUPPORT.id);
    confounded.put("segment", Segment.ENTERPRISE.id);
    confounded.put(
        "note",
        "Enterprise customers use support about 4x as often as consumers and hit its pain far"
            + " more often, but churn much less; the crude exposed-vs-unexposed churn comparison"
            + " at support is near 1, the segment-stratified one shows the planted effect (odds"
            + " x"
            + PlantedEffects.churnOddsMultiplier(Touchpoint.SUPPORT)
            + ").");
    root.put("confounded", confounded);
    Map<String, Object> themes = new LinkedHashMap<>();
    for (FeedbackText.Theme theme : FeedbackText.THEMES) {
      @SuppressWarnings("unchecked")
      List<String> labels =
          (List<String>) themes.computeIfAbsent(theme.touchpoint().id, k -> new ArrayList<>());
      labels.add(theme.label());
    }
    root.put("themes", themes);
    // The wordings each planted complaint is written in, as the generator's templates: {a|b} is
    // one of a or b, [a] is optional, $slot a filler (amount, day, item, ...). Which sentence was
    // written from which theme is in feedback_labels.jsonl.
    Map<String, Object> wordings = new LinkedHashMap<>();
    for (FeedbackText.Theme theme : FeedbackText.THEMES) {
      wordings.put(theme.touchpoint().id + "/" + theme.label(), theme.wordings());
    }
    root.put("theme_wordings", wordings);
    root.put("sentence_labels_file", DataGenerator.LABELS_FILE);
    root.put("planted", planted());
    root.put("failing_requests", Visits.failingRequests());
    root.put("initiatives_file", DataGenerator.INITIATIVES_FILE);
    root.put("initiatives", initiatives.truth());
    root.put("paths", paths());
    root.put("churn_model", churnModel());
    root.put("planted_rejects", badRows.rejectCounts());
    Map<String, Object> noise = new LinkedHashMap<>();
    noise.put("crm_ids_space_padded", crmPaddedIds);
    noise.put("event_customer_ids_recased_or_padded", eventIdsWithNoise);
    root.put("id_noise", noise);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("crm_rows", crmRows);
    counts.put("feedback_rows", feedbackRows);
    counts.put("anonymous_feedback_rows", anonymousFeedbackRows);
    counts.put("events", events);
    counts.put("anonymous_events", anonymousEvents);
    root.put("counts", counts);
    root.put("simulated_truth", simulatedTruth());
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> planted() {
    Map<String, Object> planted = new LinkedHashMap<>();
    for (Touchpoint t : Touchpoint.values()) {
      PlantedEffects.Target target = PlantedEffects.target(t);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("position", t.position);
      m.put("owner", t.owner);
      m.put(
          "role",
          t.outcome
              ? "outcome"
              : NULL_TOUCHPOINTS.contains(t)
                  ? "null"
                  : CHURN_TOP.contains(t) ? "cause" : "neutral");
      m.put("friction_rate", target.frictionRate());
      m.put("friction_kinds", target.frictionKinds());
      m.put("negative_share", target.negativeShare());
      m.put("churn_odds_multiplier", PlantedEffects.churnOddsMultiplier(t));
      if (t.slowMs != null) {
        m.put("slow_ms", t.slowMs);
      }
      planted.put(t.id, m);
    }
    return planted;
  }

  private static Map<String, Object> churnModel() {
    Map<String, Object> model = new LinkedHashMap<>();
    Map<String, Object> base = new LinkedHashMap<>();
    for (Segment s : Segment.values()) {
      base.put(s.id, PlantedEffects.baseChurnProbability(s));
    }
    model.put("base_churn_probability_without_pain", base);
    Map<String, Object> tenure = new LinkedHashMap<>();
    for (TenureBand b : TenureBand.values()) {
      tenure.put(b.id, PlantedEffects.tenureOddsMultiplier(b));
    }
    model.put("tenure_odds_multiplier", tenure);
    model.put(
        "note",
        "churn odds = base odds x tenure multiplier x the churn_odds_multiplier of every"
            + " touchpoint where the customer had pain; pain always precedes the churn date.");
    return model;
  }

  /** The simulator's hidden truth (planted pain, not what the engine can observe). */
  private Map<String, Object> simulatedTruth() {
    Map<String, Object> truth = new LinkedHashMap<>();
    Map<String, Object> segments = new LinkedHashMap<>();
    for (Segment s : Segment.values()) {
      long[] v = churnBySegment.getOrDefault(s, new long[2]);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("customers", v[0]);
      m.put("churned", v[1]);
      m.put("churn_rate", ratio(v[1], v[0]));
      segments.put(s.id, m);
    }
    truth.put("note", "counts exclude the customers reserved for planted bad rows");
    truth.put("segments", segments);
    Map<String, Object> tps = new LinkedHashMap<>();
    for (Touchpoint t : Touchpoint.values()) {
      long[] v = byTouchpoint.getOrDefault(t, new long[4]);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("visitors", v[0]);
      m.put("pained", v[2]);
      m.put("churn_rate_pained", ratio(v[3], v[2]));
      m.put("churn_rate_visitors_without_pain", ratio(v[1] - v[3], v[0] - v[2]));
      tps.put(t.id, m);
    }
    truth.put("touchpoints", tps);
    return truth;
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0.0 : Math.round(10_000.0 * a / b) / 10_000.0;
  }

  private static List<String> ids(List<Touchpoint> touchpoints) {
    return touchpoints.stream().map(t -> t.id).toList();
  }
}

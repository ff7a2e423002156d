package com.painpoint.models.impact;

import java.util.List;

/** Column names of the touchpoint impact stage: its per-stratum counts and per-touchpoint table. */
public final class ImpactColumns {
  public static final String TOUCHPOINT = "touchpoint";
  public static final String POSITION = "position";

  /**
   * Which evidence defines the exposed: {@link #ANY}, {@link #TEXT}, {@link #BEHAVIOUR}, {@link
   * #BOTH}.
   */
  public static final String EVIDENCE = "evidence";

  /** Negative feedback about the touchpoint and/or a friction session there. */
  public static final String ANY = "any";

  /** A negative feedback sentence about the touchpoint. */
  public static final String TEXT = "text";

  /** A friction session at the touchpoint. */
  public static final String BEHAVIOUR = "behaviour";

  /** Both of the above. */
  public static final String BOTH = "both";

  public static final List<String> EVIDENCE_KINDS = List.of(ANY, TEXT, BEHAVIOUR, BOTH);

  /** In the strata counts: the evidence kind a customer is exposed by, or {@link #BASELINE}. */
  public static final String ARM = "arm";

  /** Visited the touchpoint without any pain there (neither text nor behaviour). */
  public static final String BASELINE = "baseline";

  public static final String SEGMENT = "segment";
  public static final String TENURE_BAND = "tenure_band";
  public static final String CUSTOMERS = "customers";
  public static final String CHURNED = "churned";
  public static final String MONTHLY_REVENUE = "monthly_revenue";

  /** The per-touchpoint table. */
  public static final String EXPOSED_CUSTOMERS = "exposed_customers";

  public static final String EXPOSED_CHURNED = "exposed_churned";
  public static final String BASELINE_CUSTOMERS = "baseline_customers";
  public static final String BASELINE_CHURNED = "baseline_churned";
  public static final String EXPOSED_CHURN_RATE = "exposed_churn_rate";
  public static final String BASELINE_CHURN_RATE = "baseline_churn_rate";

  /** The baseline churn rate at the exposed customers' own segment x tenure mix. */
  public static final String BASELINE_CHURN_RATE_STANDARDISED = "baseline_churn_rate_standardised";

  public static final String CRUDE_RR = "crude_rr";
  public static final String MH_RR = "mh_rr";
  public static final String MH_RR_LOWER = "mh_rr_lower";
  public static final String MH_RR_UPPER = "mh_rr_upper";

  /** Strata holding both exposed and baseline customers (the only ones the MH ratio uses). */
  public static final String STRATA = "strata";

  public static final String EXPOSED_MONTHLY_REVENUE = "exposed_monthly_revenue";
  public static final String EXCESS_CHURNED_REVENUE = "excess_churned_revenue";
  public static final String EXCESS_CHURNED_REVENUE_LOWER = "excess_churned_revenue_lower";
  public static final String EXCESS_CHURNED_REVENUE_UPPER = "excess_churned_revenue_upper";

  /** False when fewer customers are exposed than the configured minimum: read as noise. */
  public static final String ENOUGH_EXPOSED = "enough_exposed";

  /** The negativity table. */
  public static final String SENTENCES = "sentences";

  public static final String NEGATIVE_SENTENCES = "negative_sentences";
  public static final String NEGATIVE_SHARE = "negative_share";
  public static final String WRITERS = "writers";
  public static final String CUSTOMER_SENTENCES = "customer_sentences";
  public static final String CUSTOMER_NEGATIVE_SHARE = "customer_negative_share";
  public static final String NEGATIVE_SHARE_REWEIGHTED = "negative_share_reweighted";

  /** Share of the CRM population in the segments that wrote about the touchpoint. */
  public static final String POPULATION_COVERED = "population_covered";

  /** The segment a customer without one is counted in. */
  public static final String MISSING_SEGMENT = "(missing)";

  private ImpactColumns() {}
}

package com.painpoint.models.actions;

/** Columns of the {@code countermeasures} table. */
public final class CountermeasureColumns {
  public static final String TOUCHPOINT = "touchpoint";

  /** The touchpoint's rank in the night's pain ranking. */
  public static final String PAIN_RANK = "pain_rank";

  public static final String PAIN_SCORE = "pain_score";

  /** 1 for the touchpoint's first action (the first rule that fired, in playbook order). */
  public static final String ACTION_RANK = "action_rank";

  public static final String RULE_ID = "rule_id";
  public static final String ACTION = "action";
  public static final String OWNER = "owner";

  /** friction, theme, negativity or churn: the evidence that made the rule fire. */
  public static final String EVIDENCE_KIND = "evidence_kind";

  public static final String FRICTION_KIND = "friction_kind";

  /** The friction kind's session rate, or the negative share for negativity. */
  public static final String RATE = "rate";

  public static final String URL = "url";
  public static final String STATUS_CODE = "status_code";

  /** The failing requests' most frequent event type. */
  public static final String EVENT_TYPE = "event_type";

  /** Events at the url behind the evidence (failing requests, slow views, stopped sessions). */
  public static final String URL_EVENTS = "url_events";

  /** Customers behind the url's events. */
  public static final String URL_CUSTOMERS = "url_customers";

  /** The url's share of the friction kind's events at the touchpoint. */
  public static final String URL_SHARE = "url_share";

  public static final String P95_MS = "p95_ms";
  public static final String THRESHOLD_MS = "threshold_ms";
  public static final String THEME_ID = "theme_id";
  public static final String THEME_LABEL = "theme_label";
  public static final String THEME_SIZE = "theme_size";

  /** The theme's trend against the previous night: new, growing, persisting, shrinking. */
  public static final String THEME_STATUS = "theme_status";

  public static final String QUOTE_1 = "quote_1";
  public static final String QUOTE_2 = "quote_2";
  public static final String RISK_RATIO = "risk_ratio";
  public static final String RISK_RATIO_LOWER = "risk_ratio_lower";
  public static final String RISK_RATIO_UPPER = "risk_ratio_upper";

  /** The touchpoint's excess churned monthly revenue, with its 95 % interval. */
  public static final String REVENUE_AT_STAKE = "revenue_at_stake";

  public static final String REVENUE_AT_STAKE_LOWER = "revenue_at_stake_lower";
  public static final String REVENUE_AT_STAKE_UPPER = "revenue_at_stake_upper";

  /** The evidence in one readable line (the typed columns are the source of truth). */
  public static final String EVIDENCE = "evidence";

  private CountermeasureColumns() {}
}

package com.painpoint.models.ranking;

/** Column names of the touchpoint ranking (the counts and intervals keep their impact names). */
public final class RankingColumns {
  public static final String RANK = "rank";
  public static final String TOUCHPOINT = "touchpoint";
  public static final String OWNER = "owner";
  public static final String POSITION = "position";

  /** 0-100: the weighted mean of the four components below, times 100. */
  public static final String PAIN_SCORE = "pain_score";

  /** Each component in [0, 1]: its raw value over the night's largest among ranked touchpoints. */
  public static final String NEGATIVITY_COMPONENT = "negativity_component";

  public static final String FRICTION_COMPONENT = "friction_component";
  public static final String CHURN_COMPONENT = "churn_component";
  public static final String REVENUE_COMPONENT = "revenue_component";

  /** Raw values behind the components. */
  public static final String NEGATIVE_SHARE_USED = "negative_share_used";

  /** max(0, lower bound of the MH risk ratio - 1); 0 when too few customers are exposed. */
  public static final String CHURN_EFFECT_LOWER = "churn_effect_lower";

  /** Lower bound of the excess churned revenue per year; 0 when too few are exposed. */
  public static final String REVENUE_AT_RISK_LOWER = "revenue_at_risk_lower";

  /** Labels of the largest non-other themes, "; "-separated (CSV has no arrays). */
  public static final String TOP_THEMES = "top_themes";

  /** Against the newest earlier run: its rank, places moved up (positive) and score change. */
  public static final String PREVIOUS_RANK = "previous_rank";

  public static final String RANK_CHANGE = "rank_change";
  public static final String SCORE_DELTA = "score_delta";

  private RankingColumns() {}
}

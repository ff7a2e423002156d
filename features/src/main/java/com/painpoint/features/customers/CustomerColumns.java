package com.painpoint.features.customers;

import java.util.List;

/** Column names of the customer feature table (one row per CRM customer) and what it reads. */
public final class CustomerColumns {
  /** Whole months from signup to the snapshot (or run) date; null without a signup date. */
  public static final String TENURE_MONTHS = "tenure_months";

  /** {@link #BAND_NEW}, {@link #BAND_MID}, {@link #BAND_LONG} or {@link #BAND_UNKNOWN}. */
  public static final String TENURE_BAND = "tenure_band";

  public static final String BAND_NEW = "0-6m";
  public static final String BAND_MID = "6-24m";
  public static final String BAND_LONG = "24m+";
  public static final String BAND_UNKNOWN = "unknown";

  /**
   * First instant that no longer counts for this customer: the start of the churn date for a
   * churned customer, else the end of the snapshot date (the run date when the CRM has none).
   */
  public static final String EXPOSURE_CUTOFF = "exposure_cutoff";

  /** Activity before the cutoff, outcome touchpoints left out. */
  public static final String SESSIONS = "sessions";

  public static final String ACTIVE_DAYS = "active_days";

  /** Events that mapped to a (non-outcome) touchpoint. */
  public static final String EVENTS = "events";

  public static final String LAST_ACTIVITY = "last_activity";
  public static final String DAYS_SINCE_LAST_ACTIVITY = "days_since_last_activity";

  /** Sessions with friction anywhere (non-outcome), and per friction kind. */
  public static final String FRICTION_SESSIONS = "friction_sessions";

  /** Scored feedback sentences of the customer before the cutoff. */
  public static final String FEEDBACK_SENTENCES = "feedback_sentences";

  public static final String NEGATIVE_SENTENCES = "negative_sentences";
  public static final String NEGATIVE_SHARE = "negative_share";
  public static final String MEAN_SENTIMENT_SCORE = "mean_sentiment_score";
  public static final String LAST_FEEDBACK = "last_feedback";
  public static final String DAYS_SINCE_LAST_FEEDBACK = "days_since_last_feedback";

  /** Per-touchpoint measures, as {@code <touchpoint>__<measure>} (see {@link #of}). */
  public static final String VISITS = "visits";

  public static final List<String> TOUCHPOINT_MEASURES =
      List.of(VISITS, FRICTION_SESSIONS, NEGATIVE_SENTENCES);

  /**
   * Columns read from scored feedback sentences (the sentiment stage's {@code feedback_scored},
   * whose names live in models' {@code SentimentColumns}; features cannot depend on models).
   */
  public static final String SENTENCE_CLASS = "sentiment_class";

  public static final String SENTENCE_SCORE = "score";
  public static final String SENTENCE_TOUCHPOINTS = "touchpoints";

  /** Sentiment classes 0 (very negative) and 1 (negative) count as negative. */
  public static final int MAX_NEGATIVE_CLASS = 1;

  private CustomerColumns() {}

  /** The column of one per-touchpoint measure, e.g. {@code billing__visits}. */
  public static String of(String touchpoint, String measure) {
    return touchpoint + "__" + measure;
  }

  /** The customer-level count of friction sessions of one kind, e.g. {@code friction_error}. */
  public static String frictionOfKind(String kind) {
    return "friction_" + kind;
  }
}

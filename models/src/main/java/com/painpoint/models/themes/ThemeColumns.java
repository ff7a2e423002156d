package com.painpoint.models.themes;

/** Column names of the pain-themes stage's outputs. */
public final class ThemeColumns {
  public static final String RUN_DATE = "run_date";
  public static final String TOUCHPOINT = "touchpoint";
  public static final String THEME_ID = "theme_id";
  public static final String IS_OTHER = "is_other";
  public static final String THEME_RANK = "theme_rank";
  public static final String LABEL = "label";
  public static final String TOP_TERMS = "top_terms";
  public static final String SIZE = "size";
  public static final String SHARE = "share";
  public static final String MEAN_SCORE = "mean_score";
  public static final String CUSTOMERS = "customers";
  public static final String QUOTES = "quotes";
  public static final String FIRST_SEEN = "first_seen";
  public static final String STATUS = "status";
  public static final String PREVIOUS_SIZE = "previous_size";
  public static final String PREVIOUS_SHARE = "previous_share";
  public static final String MATCH_SIMILARITY = "match_similarity";

  /** The theme's distinctive terms and their weights: what tomorrow's themes are matched on. */
  public static final String TERM_WEIGHTS = "term_weights";

  /** In {@code feedback_scored}: the theme of a negative sentence in each of its touchpoints. */
  public static final String THEME_IDS = "theme_ids";

  /**
   * Per clustered sentence: its theme's index within the touchpoint (-1: other, -3: general
   * dissatisfaction).
   */
  public static final String CLUSTER = "cluster";

  /** Per clustered sentence: cosine similarity to its theme's centroid. */
  public static final String SIMILARITY = "similarity";

  public static final String STATUS_NEW = "new";
  public static final String STATUS_PERSISTING = "persisting";
  public static final String STATUS_GROWING = "growing";
  public static final String STATUS_SHRINKING = "shrinking";

  public static final int OTHER = -1;

  /**
   * Per clustered sentence: the touchpoint's general-dissatisfaction bucket (venting with no
   * concrete subject).
   */
  public static final int GENERAL = -3;

  /** The label of a touchpoint's general-dissatisfaction bucket. */
  public static final String GENERAL_LABEL = "general dissatisfaction (no concrete subject)";

  /**
   * Internal: the theme a sentence had in the previous run (same feedback, text and touchpoint).
   */
  static final String PREVIOUS_THEME = "_previous_theme";

  private ThemeColumns() {}

  /** The id of a touchpoint's general-dissatisfaction bucket. */
  public static String generalId(String touchpoint) {
    return touchpoint + "-general";
  }

  /** The id of a touchpoint's {@code other} bucket. */
  public static String otherId(String touchpoint) {
    return touchpoint + "-other";
  }
}

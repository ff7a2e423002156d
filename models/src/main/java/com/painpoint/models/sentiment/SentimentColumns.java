package com.painpoint.models.sentiment;

/** Column names of the sentiment stage's outputs. */
public final class SentimentColumns {
  public static final String FEEDBACK_TOUCHPOINT = "feedback_touchpoint";
  public static final String EXPLICIT_SCORE = "explicit_score";
  public static final String TEXT_HASH = "text_hash";
  public static final String SENTENCE_INDEX = "sentence_index";

  /** The sentence with personal data redacted: the only form of customer text written out. */
  public static final String SENTENCE = "sentence";

  public static final String SENTIMENT_CLASS = "sentiment_class";
  public static final String SENTIMENT_LABEL = "sentiment_label";
  public static final String PROBABILITIES = "probabilities";
  public static final String SCORE = "score";
  public static final String LEMMAS = "lemmas";
  public static final String TOUCHPOINTS = "touchpoints";
  public static final String TEXT_SCORE = "text_score";
  public static final String TEXT_FLAG = "text_flag";
  public static final String TRUNCATED = "truncated";
  public static final String FLAGS = "flags";
  public static final String SCORED_RUN_DATE = "scored_run_date";

  /** Which model scored the row; rows of another model are not reused. */
  public static final String SENTIMENT_MODEL = "sentiment_model";

  /**
   * The sentence encoder's unit vector of the sentence (384 floats), kept by the encoder model so
   * the themes stage and later nights do not encode the sentence again; null when CoreNLP scored.
   */
  public static final String EMBEDDING = "embedding";

  /** Internal: the original sentence (scored, never written) and its normalised key. */
  static final String SCORING_TEXT = "_scoring_text";

  static final String NORM = "_norm";

  public static final String UNATTRIBUTED = "unattributed";
  public static final String FLAG_TRUNCATED = "truncated";
  public static final String FLAG_UNPARSEABLE = "unparseable";
  public static final String FLAG_DISAGREE = "score_text_disagree";

  public static final String SENTENCES = "sentences";
  public static final String NEGATIVE_SENTENCES = "negative_sentences";
  public static final String NEGATIVE_SHARE = "negative_share";
  public static final String MEAN_SCORE = "mean_score";
  public static final String CUSTOMERS = "customers";
  public static final String NEGATIVITY_RANK = "negativity_rank";

  private SentimentColumns() {}
}

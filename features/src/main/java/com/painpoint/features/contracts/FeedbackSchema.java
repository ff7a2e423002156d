package com.painpoint.features.contracts;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.StructType;

/** The feedback contract: one row per piece of customer feedback text. */
public final class FeedbackSchema {
  public static final String SOURCE = "feedback";
  public static final String FEEDBACK_ID = "feedback_id";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String CREATED_AT = "created_at";
  public static final String CHANNEL = "channel";
  public static final String TOUCHPOINT = "touchpoint";
  public static final String SCORE = "score";
  public static final String SCORE_SCALE = "score_scale";
  public static final String TEXT = "text";

  public static final String SCALE_NPS = "nps";
  public static final String SCALE_CSAT = "csat";

  public static final List<Field> FIELDS =
      List.of(
          Field.required(FEEDBACK_ID, FieldType.ID),
          Field.optional(CUSTOMER_ID, FieldType.ID),
          Field.optional(CREATED_AT, FieldType.TIMESTAMP),
          Field.optional(CHANNEL, FieldType.CATEGORY),
          Field.optional(TOUCHPOINT, FieldType.CATEGORY),
          Field.optional(SCORE, FieldType.DOUBLE),
          Field.optional(SCORE_SCALE, FieldType.CATEGORY),
          Field.required(TEXT, FieldType.FREE_TEXT));

  private FeedbackSchema() {}

  /** The contract for a run whose data must not be dated after {@code runDate}. */
  public static SourceContract contract(LocalDate runDate) {
    return new SourceContract(
        SOURCE,
        FIELDS,
        FEEDBACK_ID,
        runDate,
        c -> {
          Column scale = c.apply(SCORE_SCALE);
          Column score = c.apply(SCORE);
          return List.of(
              Bounds.timestampRange(c.apply(CREATED_AT), CREATED_AT, runDate),
              new RowRule(
                  RejectReasons.invalid(SCORE_SCALE),
                  SCORE_SCALE,
                  scale.isNotNull().and(scale.isin(SCALE_NPS, SCALE_CSAT).unary_$bang())),
              new RowRule("score_without_scale", SCORE, score.isNotNull().and(scale.isNull())),
              new RowRule(
                  RejectReasons.outOfRange(SCORE),
                  SCORE,
                  scale
                      .equalTo(SCALE_NPS)
                      .and(score.lt(0).or(score.gt(10)))
                      .or(scale.equalTo(SCALE_CSAT).and(score.lt(1).or(score.gt(5))))));
        });
  }

  public static StructType schema() {
    return contract(LocalDate.of(2000, 1, 1)).schema();
  }
}

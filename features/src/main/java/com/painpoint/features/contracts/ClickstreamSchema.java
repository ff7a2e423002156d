package com.painpoint.features.contracts;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/** The clickstream contract: one row per web/app event. */
public final class ClickstreamSchema {
  public static final String SOURCE = "clickstream";
  public static final String EVENT_ID = "event_id";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String ANONYMOUS_ID = "anonymous_id";
  public static final String SESSION_ID = "session_id";
  public static final String EVENT_TIME = "event_time";
  public static final String EVENT_TYPE = "event_type";
  public static final String URL = "url";
  public static final String TARGET = "target";
  public static final String STATUS_CODE = "status_code";
  public static final String DURATION_MS = "duration_ms";

  /** Event types with a meaning of their own to the friction signals. */
  public static final String TYPE_PAGE_VIEW = "page_view";

  public static final String TYPE_CLICK = "click";
  public static final String TYPE_ERROR = "error";

  public static final List<Field> FIELDS =
      List.of(
          Field.optional(EVENT_ID, FieldType.ID),
          new Field(CUSTOMER_ID, FieldType.ID, true, false),
          Field.optional(ANONYMOUS_ID, FieldType.ID),
          Field.optional(SESSION_ID, FieldType.TEXT),
          Field.required(EVENT_TIME, FieldType.TIMESTAMP),
          Field.required(EVENT_TYPE, FieldType.CATEGORY),
          Field.optional(URL, FieldType.TEXT),
          Field.optional(TARGET, FieldType.TEXT),
          Field.optional(STATUS_CODE, FieldType.INT),
          Field.optional(DURATION_MS, FieldType.LONG));

  private ClickstreamSchema() {}

  /** The contract for a run whose data must not be dated after {@code runDate}. */
  public static SourceContract contract(LocalDate runDate) {
    return new SourceContract(
        SOURCE,
        FIELDS,
        EVENT_ID,
        runDate,
        c ->
            List.of(
                new RowRule(
                    "missing_customer_and_anonymous_id",
                    CUSTOMER_ID,
                    c.apply(CUSTOMER_ID).isNull().and(c.apply(ANONYMOUS_ID).isNull())),
                Bounds.timestampRange(c.apply(EVENT_TIME), EVENT_TIME, runDate),
                new RowRule(
                    RejectReasons.outOfRange(STATUS_CODE),
                    STATUS_CODE,
                    c.apply(STATUS_CODE).lt(100).or(c.apply(STATUS_CODE).gt(599))),
                new RowRule("negative_" + DURATION_MS, DURATION_MS, c.apply(DURATION_MS).lt(0))));
  }

  public static StructType schema() {
    return contract(LocalDate.of(2000, 1, 1)).schema();
  }
}

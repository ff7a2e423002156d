package com.painpoint.jobs.generate;

import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The clickstream Parquet schema the generator writes, with the event_date partition column. */
final class ClickstreamSchema {

  static final String EVENT_ID = "event_id";
  static final String CUSTOMER_ID = "customer_id";
  static final String ANONYMOUS_ID = "anonymous_id";
  static final String SESSION_ID = "session_id";
  static final String EVENT_TIME = "event_time";
  static final String EVENT_TYPE = "event_type";
  static final String URL = "url";
  static final String TARGET = "target";
  static final String STATUS_CODE = "status_code";
  static final String DURATION_MS = "duration_ms";
  static final String EVENT_DATE = "event_date";

  static final StructType SCHEMA =
      new StructType()
          .add(EVENT_ID, DataTypes.StringType, false)
          .add(CUSTOMER_ID, DataTypes.StringType, true)
          .add(ANONYMOUS_ID, DataTypes.StringType, true)
          .add(SESSION_ID, DataTypes.StringType, true)
          .add(EVENT_TIME, DataTypes.TimestampType, true)
          .add(EVENT_TYPE, DataTypes.StringType, false)
          .add(URL, DataTypes.StringType, true)
          .add(TARGET, DataTypes.StringType, true)
          .add(STATUS_CODE, DataTypes.IntegerType, true)
          .add(DURATION_MS, DataTypes.LongType, true)
          .add(EVENT_DATE, DataTypes.StringType, false);

  private ClickstreamSchema() {}

  static Row toRow(ClickEvent e) {
    return RowFactory.create(
        e.eventId(),
        e.customerId(),
        e.anonymousId(),
        e.sessionId(),
        e.eventTime() == null ? null : Timestamp.from(e.eventTime()),
        e.eventType(),
        e.url(),
        e.target(),
        e.statusCode(),
        e.durationMs(),
        e.eventDate());
  }
}

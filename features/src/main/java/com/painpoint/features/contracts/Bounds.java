package com.painpoint.features.contracts;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Plausibility bounds for dates: nothing before 2000, nothing after the end of the run date. */
final class Bounds {
  static final LocalDate EARLIEST_DATE = LocalDate.of(2000, 1, 1);

  private Bounds() {}

  static Timestamp earliest() {
    return Timestamp.from(EARLIEST_DATE.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /** The first instant after the run date (UTC): data must be strictly before it. */
  static Timestamp endOf(LocalDate runDate) {
    return Timestamp.from(com.painpoint.features.window.LookbackWindow.endOfNight(runDate));
  }

  static RowRule timestampRange(org.apache.spark.sql.Column ts, String column, LocalDate runDate) {
    return new RowRule(
        RejectReasons.outOfRange(column),
        column,
        ts.lt(org.apache.spark.sql.functions.lit(earliest()))
            .or(ts.geq(org.apache.spark.sql.functions.lit(endOf(runDate)))));
  }
}

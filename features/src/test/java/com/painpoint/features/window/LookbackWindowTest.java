package com.painpoint.features.window;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.contracts.SourceContract;
import com.painpoint.features.testing.Fixtures;
import com.painpoint.features.testing.SparkTestBase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class LookbackWindowTest extends SparkTestBase {
  static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);

  /** A week: 2026-06-24T00:00Z (inclusive) to 2026-07-01T00:00Z (exclusive). */
  static final LookbackWindow WEEK = LookbackWindow.lastDays(RUN_DATE, 7);

  @Test
  void boundsAreWholeUtcDaysEndingWithTheRunDate() {
    assertThat(WEEK.from()).contains(Instant.parse("2026-06-24T00:00:00Z"));
    assertThat(WEEK.until()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
    LookbackWindow one = LookbackWindow.lastDays(RUN_DATE, 1);
    assertThat(one.from()).contains(Instant.parse("2026-06-30T00:00:00Z"));
    assertThat(one.toString())
        .isEqualTo(
            "1 day(s): 2026-06-30T00:00:00Z (inclusive) to 2026-07-01T00:00:00Z (exclusive)");
    assertThat(LookbackWindow.allHistory(RUN_DATE).from()).isEmpty();
    assertThat(LookbackWindow.allHistory(RUN_DATE).toString()).isEqualTo("all history");
  }

  @Test
  void startIsInclusiveEndIsExclusiveNullIsOutside() {
    List<String> kept =
        ids(
            WEEK.keep(
                times(
                    "before", "2026-06-23T23:59:59.999999Z",
                    "start", "2026-06-24T00:00:00Z",
                    "last", "2026-06-30T23:59:59.999999Z",
                    "end", "2026-07-01T00:00:00Z",
                    "none", null),
                "t"));
    assertThat(kept).containsExactlyInAnyOrder("start", "last");
  }

  @Test
  void theSessionTimeZoneDoesNotMoveTheWindow() {
    Dataset<Row> rows =
        times(
            "utc-before", "2026-06-23T23:30:00Z",
            "utc-start", "2026-06-24T00:30:00Z",
            "utc-last", "2026-06-30T23:30:00Z");
    // Local 2026-06-24 in Tokyo for the first row, local 2026-06-30 in Honolulu for the last.
    for (String z : List.of("Asia/Tokyo", "Pacific/Honolulu", "UTC")) {
      List<String> kept =
          withConf(Map.of("spark.sql.session.timeZone", z), () -> ids(WEEK.keep(rows, "t")));
      assertThat(kept).as(z).containsExactlyInAnyOrder("utc-start", "utc-last");
    }
  }

  /**
   * Through the real feedback contract: offsets are converted to UTC before the window applies,
   * rows after the run date are contract rejects (not outside the window), a row before the window
   * with a defect is still a reject, and accepted = in window + before + undated.
   */
  @Test
  void countsAcceptedRowsInBeforeAndUndatedAfterTheContract() {
    Dataset<Row> validated =
        FeedbackSchema.contract(RUN_DATE)
            .validate(
                feedback(
                    row("f1", "2026-06-23T23:59:59Z", null, null), // before, by a second
                    row("f2", "2026-06-24T00:00:00Z", null, null), // first instant: in
                    row("f3", "2026-06-24T01:30:00+02:00", null, null), // 06-23 23:30 UTC: before
                    row("f4", "2026-06-23T22:30:00-02:00", null, null), // 06-24 00:30 UTC: in
                    row("f5", "2026-06-30T23:59:59Z", null, null), // in
                    row("f6", "2026-07-01T00:00:00Z", null, null), // after the run date: reject
                    row("f7", null, null, null), // undated
                    row("f8", "2026-01-01T00:00:00Z", "11", "nps"), // before, but a reject
                    row("f9", "2025-12-31T00:00:00Z", null, null))) // before
            .cache();
    Column[] m = WEEK.metrics(FeedbackSchema.CREATED_AT);
    Row agg =
        validated
            .agg(org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.lit(1L)), m)
            .first();
    WindowCounts counts = WEEK.read(agg);
    assertThat(counts).isEqualTo(new WindowCounts(3, 3, 1));
    assertThat(counts.outsideWindow()).isEqualTo(4);
    long accepted = validated.filter(col(SourceContract.REJECT_REASON).isNull()).count();
    assertThat(accepted).isEqualTo(7);
    assertThat(counts.reconciles(accepted)).isTrue();
    assertThat(counts.reconciles(accepted + 1)).isFalse();
    assertThat(
            validated
                .filter(col(SourceContract.REJECT_REASON).isNotNull())
                .select(FeedbackSchema.FEEDBACK_ID, SourceContract.REJECT_REASON)
                .orderBy(FeedbackSchema.FEEDBACK_ID)
                .collectAsList()
                .toString())
        .isEqualTo("[[f6,created_at_out_of_range], [f8,score_out_of_range]]");
    Dataset<Row> accRows = FeedbackSchema.contract(RUN_DATE).accepted(validated);
    assertThat(ids(WEEK.keep(accRows, FeedbackSchema.CREATED_AT), FeedbackSchema.FEEDBACK_ID))
        .containsExactly("f2", "f4", "f5");
    validated.unpersist();
  }

  @Test
  void churnedBeforeTheWindowIsTheOutcomeOutsideIt() {
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("churned", DataTypes.BooleanType)
            .add("churn_date", DataTypes.DateType);
    Dataset<Row> crm =
        spark.createDataFrame(
            List.of(
                RowFactory.create("gone-before", true, java.sql.Date.valueOf("2026-06-23")),
                RowFactory.create("gone-first-day", true, java.sql.Date.valueOf("2026-06-24")),
                RowFactory.create("gone-inside", true, java.sql.Date.valueOf("2026-06-30")),
                RowFactory.create("active", false, null),
                RowFactory.create("active-old-date", false, java.sql.Date.valueOf("2020-01-01")),
                RowFactory.create("unknown", null, java.sql.Date.valueOf("2020-01-01")),
                RowFactory.create("churned-undated", true, null)),
            schema);
    Column before = WEEK.churnedBefore(col("churned"), col("churn_date"));
    assertThat(ids(crm.filter(before))).containsExactly("gone-before");
    assertThat(crm.filter(functions.not(before)).count()).isEqualTo(6);
    assertThat(
            crm.filter(
                    LookbackWindow.allHistory(RUN_DATE)
                        .churnedBefore(col("churned"), col("churn_date")))
                .count())
        .isZero();
  }

  @Test
  void allHistoryKeepsTheSameDatasetAndCountsNothing() {
    LookbackWindow all = LookbackWindow.allHistory(RUN_DATE);
    Dataset<Row> rows = times("old", "2001-01-01T00:00:00Z", "none", null);
    assertThat(all.bounded()).isFalse();
    assertThat(all.keep(rows, "t")).isSameAs(rows);
    assertThat(all.metrics("t")).isEmpty();
  }

  @Test
  void daysOutsideOneToMaxAreRefused() {
    assertThatThrownBy(() -> LookbackWindow.lastDays(RUN_DATE, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lookback days must be from 1 to 36500, got 0");
    assertThatThrownBy(() -> LookbackWindow.lastDays(RUN_DATE, LookbackWindow.MAX_DAYS + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(LookbackWindow.lastDays(RUN_DATE, LookbackWindow.MAX_DAYS).from()).isPresent();
  }

  /** (id, t) rows from (id, ISO instant or null) pairs. */
  private static Dataset<Row> times(String... idAndInstant) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < idAndInstant.length; i += 2) {
      String t = idAndInstant[i + 1];
      rows.add(RowFactory.create(idAndInstant[i], Fixtures.ts(t)));
    }
    StructType schema =
        new StructType().add("id", DataTypes.StringType).add("t", DataTypes.TimestampType);
    return spark.createDataFrame(rows, schema);
  }

  private static List<String> ids(Dataset<Row> rows) {
    return ids(rows, "id");
  }

  private static List<String> ids(Dataset<Row> rows, String column) {
    return rows.orderBy(column)
        .select(column)
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }

  private static Row row(String id, String createdAt, String score, String scale) {
    return RowFactory.create(
        id, "c1", createdAt, "survey", null, score, scale, "text " + id, "f.jsonl");
  }

  /** Raw feedback as the JSON reader gives it: every contract column as text, plus the file. */
  private static Dataset<Row> feedback(Row... rows) {
    StructType schema = new StructType();
    for (String c : FeedbackSchema.contract(RUN_DATE).fieldNames()) {
      schema = schema.add(c, DataTypes.StringType);
    }
    schema = schema.add(SourceContract.SOURCE_FILE, DataTypes.StringType);
    return spark.createDataFrame(List.of(rows), schema);
  }
}

package com.painpoint.features.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.painpoint.features.config.SourceConfig;
import com.painpoint.features.testing.SparkTestBase;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClickstreamContractTest extends SparkTestBase {
  static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);

  @TempDir static Path dir;
  static ContractFixture events;
  static Map<String, List<String>> reasons;

  static Row event(
      String id, String customer, String anon, String time, String type, Integer status, Long dur) {
    return RowFactory.create(
        id,
        customer,
        anon,
        null,
        time == null ? null : Timestamp.valueOf(time),
        type,
        "/checkout",
        null,
        status,
        dur);
  }

  @BeforeAll
  static void ingestFixture() {
    List<Row> rows =
        List.of(
            event("E1", " C1 ", null, "2026-06-01 10:00:00", "page_view", 200, 300L),
            event("E2", null, "A9", "2026-06-01 10:00:00", "click", null, null),
            event("E3", "C1", null, null, "click", null, null),
            event("E4", "C1", null, "2031-01-01 00:00:00", "click", null, null),
            event("E5", "C1", null, "1999-06-01 00:00:00", "click", null, null),
            event("E6", null, null, "2026-06-01 10:00:00", "click", null, null),
            event("E7", "C1", null, "2026-06-01 10:00:00", null, null, null),
            event("E8", "C1", null, "2026-06-01 10:00:00", "page_view", 999, null),
            event("E9", "C1", null, "2026-06-01 10:00:00", "page_view", 200, -5L),
            event("E10", "C1", null, "2026-06-01 10:00:00", "click", null, null),
            event("E10", "c1", null, "2026-06-01 10:00:00", "click", null, null));
    Path out = dir.resolve("clickstream");
    spark
        .createDataFrame(rows, ClickstreamSchema.schema().asNullable())
        .coalesce(1)
        .write()
        .parquet(out.toString());
    events =
        ContractFixture.ingest(
            spark, out, ClickstreamSchema.contract(RUN_DATE), SourceConfig.AUTO, 1.0);
    reasons = events.reasonsById(ClickstreamSchema.EVENT_ID);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "e1, accepted",
    "e2, accepted",
    "e3, missing_event_time",
    "e4, event_time_out_of_range",
    "e5, event_time_out_of_range",
    "e6, missing_customer_and_anonymous_id",
    "e7, missing_event_type",
    "e8, status_code_out_of_range",
    "e9, negative_duration_ms",
  })
  void eachRowGetsItsReason(String id, String reason) {
    assertThat(reasons.get(id)).containsExactly(reason);
  }

  @Test
  void duplicateEventsAfterIdNormalisationKeepOne() {
    assertThat(reasons.get("e10")).containsExactly("accepted", "duplicate_row");
  }

  @Test
  void nativeParquetTypesAreKeptAndIdsNormalised() {
    Row r = events.validated.filter("event_id = 'e1'").first();
    assertThat(r.<String>getAs("customer_id")).isEqualTo("c1");
    assertThat(r.<Timestamp>getAs("event_time"))
        .isEqualTo(Timestamp.valueOf("2026-06-01 10:00:00"));
    assertThat(r.<Long>getAs("duration_ms")).isEqualTo(300L);
    assertThat(events.quality.reconciles()).isTrue();
    assertThat(events.quality.distinctCustomers()).isEqualTo(1);
  }
}

package com.painpoint.features.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.testing.Fixtures;
import com.painpoint.features.testing.SparkTestBase;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The customer feature table on a small fixture that plants exposures after a churn date, on the
 * churn day itself, on an outcome touchpoint, from anonymous visitors and from ids not in the CRM.
 */
class CustomerFeaturesTest extends SparkTestBase {
  static final Taxonomy TAXONOMY =
      Taxonomy.parse(
          "test-taxonomy",
          """
          touchpoints:
            - name: search
              position: 1
              owner: product
              url_patterns: ['^/search']
            - name: billing
              position: 2
              owner: finance
              url_patterns: ['^/billing']
            - name: cancellation
              position: 3
              owner: service
              url_patterns: ['^/cancel']
              outcome: true
          """);
  static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);

  static final StructType SESSIONS =
      new StructType()
          .add("customer_id", DataTypes.StringType)
          .add("session_key", DataTypes.StringType)
          .add("touchpoint", DataTypes.StringType)
          .add("start_time", DataTypes.TimestampType)
          .add("end_time", DataTypes.TimestampType)
          .add("events", DataTypes.LongType)
          .add("has_friction", DataTypes.BooleanType)
          .add("friction_kinds", DataTypes.createArrayType(DataTypes.StringType));

  static final StructType SENTENCES =
      new StructType()
          .add("customer_id", DataTypes.StringType)
          .add("created_at", DataTypes.TimestampType)
          .add("sentiment_class", DataTypes.IntegerType)
          .add("score", DataTypes.DoubleType)
          .add("touchpoints", DataTypes.createArrayType(DataTypes.StringType));

  static Map<String, Row> byId;

  static Timestamp ts(String iso) {
    return Fixtures.ts(iso);
  }

  static Row session(String customer, String key, String tp, String start, String... kinds) {
    Timestamp t = ts(start);
    return RowFactory.create(
        customer,
        key,
        tp,
        t,
        new Timestamp(t.getTime() + 60_000),
        3L,
        kinds.length > 0,
        List.of(kinds).toArray(new String[0]));
  }

  static Row sentence(String customer, String at, int cls, String... tps) {
    return RowFactory.create(customer, ts(at), cls, cls <= 1 ? -0.8 : 0.6, tps);
  }

  static Row crm(String id, String signup, boolean churned, String churnDate) {
    return RowFactory.create(
        id,
        "consumer",
        "basic",
        "north",
        signup == null ? null : Date.valueOf(signup),
        new BigDecimal("19.00"),
        churned,
        churnDate == null ? null : Date.valueOf(churnDate),
        Date.valueOf("2026-06-30"));
  }

  @BeforeAll
  static void build() {
    Dataset<Row> crmRows =
        spark.createDataFrame(
            List.of(
                crm("c1", "2026-03-01", true, "2026-06-10"),
                crm("c2", "2025-01-15", false, null),
                crm("c3", null, false, null)),
            CrmSchema.schema());
    Dataset<Row> sessions =
        spark.createDataFrame(
            List.of(
                // c1: friction at billing before churn (counts) ...
                session("c1", "c1|1", "billing", "2026-06-05T10:00:00Z", "error"),
                session("c1", "c1|1", "search", "2026-06-05T10:00:30Z"),
                // ... and after it (planted: must never count), plus on the churn day itself.
                session("c1", "c1|2", "billing", "2026-06-12T10:00:00Z", "error", "slowness"),
                session("c1", "c1|3", "billing", "2026-06-10T09:00:00Z", "rage_click"),
                // The cancellation session (outcome, on the churn day) and an earlier one.
                session("c1", "c1|3", "cancellation", "2026-06-10T09:05:00Z", "loop"),
                session("c1", "c1|0", "cancellation", "2026-06-01T09:05:00Z", "loop"),
                // c2: two search sessions, one with friction on the snapshot day (counts).
                session("c2", "c2|1", "search", "2026-06-20T10:00:00Z"),
                session("c2", "c2|2", "search", "2026-06-30T22:00:00Z", "rage_click"),
                session("c2", "c2|3", "cancellation", "2026-06-15T10:00:00Z"),
                // Anonymous and unknown customers never enter the table.
                session(null, "anon:a1|1", "billing", "2026-06-05T10:00:00Z", "error"),
                session("zz", "zz|1", "billing", "2026-06-05T10:00:00Z", "error")),
            SESSIONS);
    Dataset<Row> sentences =
        spark.createDataFrame(
            List.of(
                sentence("c1", "2026-06-06T12:00:00Z", 0, "billing"),
                sentence("c1", "2026-06-06T12:00:00Z", 3, "search"),
                // After the churn date and on the churn day: never count.
                sentence("c1", "2026-06-20T12:00:00Z", 1, "billing", "search"),
                sentence("c1", "2026-06-10T08:00:00Z", 0, "billing"),
                sentence("c1", "2026-06-09T08:00:00Z", 0, "cancellation"),
                sentence("c2", "2026-06-30T10:00:00Z", 1, "search", "billing"),
                sentence("c2", "2026-06-01T10:00:00Z", -1, "search"),
                sentence(null, "2026-06-01T10:00:00Z", 0, "billing")),
            SENTENCES);
    byId = new HashMap<>();
    for (Row r :
        CustomerFeatures.table(crmRows, sessions, sentences, TAXONOMY, RUN_DATE).collectAsList()) {
      byId.put(r.getAs("customer_id"), r);
    }
  }

  static long n(String id, String column) {
    return ((Number) byId.get(id).getAs(column)).longValue();
  }

  @Test
  void oneRowPerCrmCustomerAndNoOutcomeColumns() {
    assertThat(byId).containsOnlyKeys("c1", "c2", "c3");
    assertThat(byId.get("c1").schema().fieldNames())
        .contains("billing__visits", "search__negative_sentences")
        .noneMatch(f -> f.startsWith("cancellation"));
  }

  @Test
  void exposureOnOrAfterTheChurnDateNeverCounts() {
    assertThat(n("c1", "billing__visits")).isEqualTo(1);
    assertThat(n("c1", "billing__friction_sessions")).isEqualTo(1);
    assertThat(n("c1", "billing__negative_sentences")).isEqualTo(1);
    assertThat(n("c1", "search__negative_sentences")).isZero();
    assertThat(n("c1", "friction_error")).isEqualTo(1);
    assertThat(n("c1", "friction_slowness")).isZero();
    assertThat(n("c1", "friction_rage_click")).isZero();
    assertThat(n("c1", "feedback_sentences")).isEqualTo(3);
    assertThat(n("c1", "negative_sentences")).isEqualTo(2);
    assertThat(byId.get("c1").<Timestamp>getAs("exposure_cutoff"))
        .isEqualTo(ts("2026-06-10T00:00:00Z"));
  }

  @Test
  void outcomeTouchpointsCountNeitherAsActivityNorAsPain() {
    // c1's only sessions before its churn day outside cancellation: one (c1|1).
    assertThat(n("c1", "sessions")).isEqualTo(1);
    assertThat(n("c1", "friction_sessions")).isEqualTo(1);
    assertThat(n("c1", "friction_loop")).isZero();
    assertThat(n("c2", "sessions")).isEqualTo(2);
  }

  @Test
  void anActiveCustomersSnapshotDayCounts() {
    assertThat(n("c2", "search__visits")).isEqualTo(2);
    assertThat(n("c2", "search__friction_sessions")).isEqualTo(1);
    assertThat(n("c2", "search__negative_sentences")).isEqualTo(1);
    assertThat(n("c2", "billing__negative_sentences")).isEqualTo(1);
    assertThat(n("c2", "billing__visits")).isZero();
    // The unscored sentence (class -1) is left out of the sentiment aggregates.
    assertThat(n("c2", "feedback_sentences")).isEqualTo(1);
    assertThat(n("c2", "days_since_last_activity")).isEqualTo(1);
  }

  @Test
  void tenureBandsAtTheSnapshotAndZerosForCustomersWithoutActivity() {
    assertThat(byId.get("c1").<String>getAs("tenure_band")).isEqualTo("0-6m");
    assertThat(byId.get("c2").<String>getAs("tenure_band")).isEqualTo("6-24m");
    assertThat(n("c2", "tenure_months")).isEqualTo(17);
    Row c3 = byId.get("c3");
    assertThat(c3.<String>getAs("tenure_band")).isEqualTo("unknown");
    assertThat(n("c3", "sessions")).isZero();
    assertThat(n("c3", "billing__visits")).isZero();
    assertThat(c3.<Object>getAs("days_since_last_activity")).isNull();
    assertThat(c3.<Object>getAs("negative_share")).isNull();
  }
}

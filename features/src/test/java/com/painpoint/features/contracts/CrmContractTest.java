package com.painpoint.features.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.config.SourceConfig;
import com.painpoint.features.testing.SparkTestBase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrmContractTest extends SparkTestBase {
  static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);
  static final String HEADER =
      "customer_id,segment,plan,region,signup_date,monthly_revenue,churned,churn_date,snapshot_date\n";

  @TempDir static Path dir;
  static ContractFixture crm;
  static Map<String, List<String>> reasons;

  @BeforeAll
  static void ingestFixture() throws Exception {
    String csv =
        "\uFEFF"
            + HEADER
            + "C001,consumer,basic,north,2024-01-05,19.00,false,,2026-06-30\n"
            + ",consumer,basic,north,2024-01-05,19.00,false,,2026-06-30\n"
            + "C003,consumer,basic,north,2024-01-05,abc,false,,2026-06-30\n"
            + "C004,consumer,basic,north,2024-01-05,-5.00,false,,2026-06-30\n"
            + "C005,consumer,basic,north,2024-01-05,19.00,maybe,,2026-06-30\n"
            + "C006,consumer,basic,north,2024-01-05,19.00,true,,2026-06-30\n"
            + "C007,consumer,basic,north,03/04/2024,19.00,false,,2026-06-30\n"
            + "C008,consumer,basic,north,1999-12-31,19.00,false,,2026-06-30\n"
            + "C009,consumer,basic,north,2024-01-05,19.00,true,2026-08-01,2026-06-30\n"
            + "C010,smb,pro,east,2023-02-01,79.00,true,2026-05-01,2026-06-30\n"
            + "C010,smb,pro,east,2023-02-01,79.00,true,2026-05-01,2026-06-30\n"
            + " c011 ,consumer,plus,west,2022-03-03,39.00,no,,2026-06-30\n"
            + "C011,consumer,plus,west,2022-03-03,39.00,no,,2026-06-30\r\n"
            + "C012,consumer,plus,west,2022-03-03,39.00,false,,2026-06-30\n"
            + "C012,consumer,business,west,2022-03-03,249.00,false,,2026-06-30\n"
            + "\"C013\",\"enterprise, EU\",\"pro\",\"south\",\"2021-01-01\",\"1200.50\",\"FALSE\",\"\",\"2026-06-30\"\n";
    Path file = ContractFixture.write(dir, "crm.csv", csv);
    crm = ContractFixture.ingest(spark, file, CrmSchema.contract(RUN_DATE), SourceConfig.AUTO, 1.0);
    reasons = crm.reasonsById(CrmSchema.CUSTOMER_ID);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "c001, accepted",
    "<null>, missing_customer_id",
    "c003, invalid_monthly_revenue",
    "c004, negative_monthly_revenue",
    "c005, invalid_churned",
    "c006, churned_without_churn_date",
    "c007, invalid_signup_date",
    "c008, signup_date_out_of_range",
    "c009, churn_date_out_of_range",
    "c013, accepted",
  })
  void eachRowGetsItsReason(String id, String reason) {
    assertThat(reasons.get(id)).containsExactly(reason);
  }

  @Test
  void exactDuplicatesKeepOneRow() {
    assertThat(reasons.get("c010")).containsExactly("accepted", "duplicate_row");
  }

  @Test
  void idsDifferingOnlyInCaseAndSpacesAreTheSameCustomer() {
    assertThat(reasons.get("c011")).containsExactly("accepted", "duplicate_row");
  }

  @Test
  void conflictingDuplicateIdsAreAllRejected() {
    assertThat(reasons.get("c012"))
        .containsExactly("conflicting_duplicate_id", "conflicting_duplicate_id");
  }

  @Test
  void rejectNamesColumnValueAndFile() {
    Row r = crm.rejectedRow("negative_monthly_revenue");
    assertThat(r.getString(0)).isEqualTo("monthly_revenue");
    assertThat(r.getString(1)).isEqualTo("-5.00");
    assertThat(r.getString(2)).endsWith("crm.csv");
    assertThat(crm.rejectedRow("invalid_signup_date").getString(1)).isEqualTo("03/04/2024");
  }

  @Test
  void quotedValuesWithDelimitersAndBomAreParsed() {
    Row r =
        crm.validated
            .filter("customer_id = 'c013'")
            .select("segment", "monthly_revenue", "churned")
            .first();
    assertThat(r.getString(0)).isEqualTo("enterprise, eu");
    assertThat(r.getDecimal(1)).isEqualByComparingTo("1200.50");
    assertThat(r.getBoolean(2)).isFalse();
  }

  @Test
  void readEqualsAcceptedPlusRejected() {
    assertThat(crm.quality.rowsRead()).isEqualTo(16);
    assertThat(crm.quality.accepted()).isEqualTo(4);
    assertThat(crm.quality.reconciles()).isTrue();
    assertThat(crm.quality.rejectedByReason())
        .containsEntry("duplicate_row", 2L)
        .containsEntry("conflicting_duplicate_id", 2L);
    assertThat(crm.quality.distinctCustomers()).isEqualTo(4);
    assertThat(crm.quality.completeness().get("churn_date")).isEqualTo(0.25);
  }

  @Test
  void missingRequiredColumnStopsWithFileAndColumns() throws Exception {
    Path file = ContractFixture.write(dir, "nocust/crm.csv", "id,segment\nC1,consumer\n");
    assertThatThrownBy(
            () ->
                ContractFixture.ingest(
                    spark, file, CrmSchema.contract(RUN_DATE), SourceConfig.AUTO, 0.05))
        .isInstanceOf(PainpointException.class)
        .hasMessage(
            "crm: required column 'customer_id' not found in "
                + file
                + "; columns present: id, segment");
  }

  @Test
  void mappingRenamesTheCompanysColumns() throws Exception {
    Path file =
        ContractFixture.write(
            dir, "mapped/crm.csv", "CustomerID,MonthlyCharges,Extra\nX-1,10.5,z\nX-2,20,z\n");
    SourceConfig config =
        new SourceConfig(
            "auto", Map.of("customer_id", "CustomerID", "monthly_revenue", "MonthlyCharges"));
    ContractFixture f =
        ContractFixture.ingest(spark, file, CrmSchema.contract(RUN_DATE), config, 0.05);
    assertThat(f.quality.accepted()).isEqualTo(2);
    assertThat(
            f.validated
                .select("customer_id")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactlyInAnyOrder("x-1", "x-2");
  }

  @Test
  void mappedColumnMissingNamesTheMapping() throws Exception {
    Path file = ContractFixture.write(dir, "mapped2/crm.csv", "cust\nX-1\n");
    SourceConfig config = new SourceConfig("auto", Map.of("customer_id", "CustomerID"));
    assertThatThrownBy(
            () -> ContractFixture.ingest(spark, file, CrmSchema.contract(RUN_DATE), config, 0.05))
        .hasMessageContaining("required column 'customer_id' (mapped from 'CustomerID') not found");
  }

  @Test
  void rejectShareAboveLimitStopsNamingFileColumnAndValue() throws Exception {
    Path file =
        ContractFixture.write(
            dir,
            "bad/crm.csv",
            HEADER
                + "C1,consumer,basic,north,2024-01-05,-1,false,,2026-06-30\n"
                + "C2,consumer,basic,north,2024-01-05,19,false,,2026-06-30\n");
    assertThatThrownBy(
            () ->
                ContractFixture.ingest(
                    spark, file, CrmSchema.contract(RUN_DATE), SourceConfig.AUTO, 0.05))
        .isInstanceOf(PainpointException.class)
        .hasMessage(
            "crm: 50.0% of 2 rows rejected (limit 5.0%); most common: negative_monthly_revenue"
                + " (1 rows), e.g. file file:"
                + file
                + ", column monthly_revenue, value '-1'; see rejected/crm/");
  }

  @Test
  void missingPathAndEmptyFolderStopTheRun() throws Exception {
    assertThatThrownBy(
            () ->
                ContractFixture.ingest(
                    spark,
                    dir.resolve("nope.csv"),
                    CrmSchema.contract(RUN_DATE),
                    SourceConfig.AUTO,
                    0.05))
        .hasMessage("crm: input path does not exist: " + dir.resolve("nope.csv"));
    Path empty = dir.resolve("empty");
    java.nio.file.Files.createDirectories(empty);
    assertThatThrownBy(
            () ->
                ContractFixture.ingest(
                    spark, empty, CrmSchema.contract(RUN_DATE), SourceConfig.AUTO, 0.05))
        .hasMessage("crm: no data files in " + empty);
  }
}

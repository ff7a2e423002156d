package com.painpoint.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.painpoint.features.config.PainpointConfig;
import com.painpoint.features.config.PainpointException;
import com.painpoint.features.config.SourceConfig;
import com.painpoint.features.contracts.ClickstreamSchema;
import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.contracts.SourceContract;
import com.painpoint.features.testing.SparkTestBase;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad-input catalogue cases of real exports (README, "Bad-input catalogue"): a CSV that is not
 * comma-separated UTF-8 with decimal points, and timestamps given as epoch numbers. Each is read
 * with one config line under {@code sources.<source>}, and without it the run stops with a message
 * that names the line to write. Inputs go through the job's own ingest ({@link SourceIngest}) with
 * the source's config from {@link PainpointConfig#parse}, as the nightly job does.
 */
class SourceOptionsCatalogueTest extends SparkTestBase {
  static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);
  static final Instant T1 = Instant.parse("2026-06-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2026-06-01T10:05:30.125Z");

  /** A CRM export as a German or French Excel writes it: ';', decimal commas, windows-1252. */
  static final String SEMICOLON_CRM =
      "customer_id;segment;plan;region;signup_date;monthly_revenue;churned;churn_date;snapshot_date\r\n"
          + "C1;consumer;basic;Zürich;2024-01-05;12,50;false;;2026-06-30\r\n"
          + "C2;smb;pro;Genève;2023-02-01;1.234,50;true;2026-05-01;2026-06-29\r\n";

  @TempDir static Path dir;

  // ---------------------------------------------------------------- harness

  /**
   * Runs {@code input} through {@link SourceIngest} with the default reject limit (5 %), with the
   * bad-input catalogue's harness.
   */
  static BadInputCatalogueTest.Outcome ingest(
      String name, SourceContract contract, Path input, SourceConfig config) {
    return BadInputCatalogueTest.ingest(
        dir, name, contract, input, config, PainpointConfig.DEFAULTS.maxRejectShare());
  }

  /** The config of {@code source} from one line of config YAML (none: the defaults). */
  static SourceConfig config(String source, String yaml) {
    return PainpointConfig.parse("painpoint.yaml", yaml == null ? "" : yaml).source(source);
  }

  static Path write(String relative, String content, Charset charset) throws Exception {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, content.getBytes(charset));
    return p;
  }

  /** Asserts that {@code run} stops the job with exactly {@code message} and exit code 2. */
  static void stops(ThrowingCallable run, String message) {
    assertThatThrownBy(run)
        .isInstanceOf(PainpointException.class)
        .hasMessage(message)
        .extracting(e -> ((PainpointException) e).kind().exitCode())
        .isEqualTo(2);
  }

  /** A Parquet clickstream whose event_time is a number (long), one page view per value. */
  static Path epochClickstream(String name, long... times) {
    StructType schema =
        new StructType()
            .add(ClickstreamSchema.EVENT_ID, DataTypes.StringType)
            .add(ClickstreamSchema.CUSTOMER_ID, DataTypes.StringType)
            .add(ClickstreamSchema.EVENT_TIME, DataTypes.LongType)
            .add(ClickstreamSchema.EVENT_TYPE, DataTypes.StringType)
            .add(ClickstreamSchema.URL, DataTypes.StringType);
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < times.length; i++) {
      rows.add(RowFactory.create("E" + (i + 1), "C1", times[i], "page_view", "/checkout"));
    }
    Path out = dir.resolve(name + "/clickstream");
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(out.toString());
    return out;
  }

  static Path onlyParquetFile(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
  }

  // ---------------------------------------------------------------- CSV exports

  @Test
  void semicolonDelimitedCsvStopsSayingWhichDelimiterToSet() throws Exception {
    Path file = write("semicolon/crm.csv", SEMICOLON_CRM, Charset.forName("windows-1252"));
    stops(
        () -> ingest("semicolon", CrmSchema.contract(RUN_DATE), file, config("crm", null)),
        "crm: required column 'customer_id' not found in "
            + file
            + "; columns present: customer_id;segment;plan;region;signup_date;monthly_revenue;"
            + "churned;churn_date;snapshot_date; the header looks ';'-delimited: set `delimiter:"
            + " ';'` under `sources.crm` in the config");
  }

  @Test
  void semicolonDecimalCommaWindows1252CsvIsReadWithOneConfigLine() throws Exception {
    Path file = write("semicolon-read/crm.csv", SEMICOLON_CRM, Charset.forName("windows-1252"));
    BadInputCatalogueTest.Outcome o =
        ingest(
                "semicolon-read",
                CrmSchema.contract(RUN_DATE),
                file,
                config(
                    "crm",
                    "sources: {crm: {delimiter: ';', decimal: ',', encoding: windows-1252}}"))
            .counts(2, 2);
    Row c1 = o.acceptedRow(CrmSchema.CUSTOMER_ID, "c1");
    assertThat(c1.<BigDecimal>getAs(CrmSchema.MONTHLY_REVENUE)).isEqualByComparingTo("12.50");
    assertThat(c1.<String>getAs(CrmSchema.REGION)).isEqualTo("zürich");
    Row c2 = o.acceptedRow(CrmSchema.CUSTOMER_ID, "c2");
    assertThat(c2.<BigDecimal>getAs(CrmSchema.MONTHLY_REVENUE)).isEqualByComparingTo("1234.50");
    assertThat(c2.<String>getAs(CrmSchema.REGION)).isEqualTo("genève");
  }

  @Test
  void decimalCommaAmountsStopSayingWhichDecimalToSet() throws Exception {
    Path file = write("decimal-comma/crm.csv", SEMICOLON_CRM, Charset.forName("windows-1252"));
    stops(
        () ->
            ingest(
                "decimal-comma",
                CrmSchema.contract(RUN_DATE),
                file,
                config("crm", "sources: {crm: {delimiter: ';', encoding: windows-1252}}")),
        "crm: 100.0% of 2 rows rejected (limit 5.0%); most common: invalid_monthly_revenue"
            + " (2 rows), e.g. file file:"
            + file
            + ", column monthly_revenue, value '1.234,50'; see rejected/crm/; monthly_revenue"
            + " values like '1.234,50' have a decimal comma: set `decimal: ','` under"
            + " `sources.crm` in the config");
  }

  // ---------------------------------------------------------------- epoch timestamps

  @Test
  void epochMillisecondTimestampsStopSayingWhichUnitToSet() throws Exception {
    Path in = epochClickstream("epoch-millis", T1.toEpochMilli(), T2.toEpochMilli());
    stops(
        () ->
            ingest(
                "epoch-millis",
                ClickstreamSchema.contract(RUN_DATE),
                in,
                config("clickstream", null)),
        "clickstream: 100.0% of 2 rows rejected (limit 5.0%); most common:"
            + " event_time_out_of_range (2 rows), e.g. file file:"
            + onlyParquetFile(in)
            + ", column event_time, value '"
            + T1.toEpochMilli()
            + "'; see rejected/clickstream/; event_time values like '"
            + T1.toEpochMilli()
            + "' look like epoch milliseconds: set `timestamp_unit: millis` under"
            + " `sources.clickstream` in the config");
  }

  @Test
  void epochMillisecondTimestampsAreReadWithOneConfigLine() {
    Path in = epochClickstream("epoch-millis-read", T1.toEpochMilli(), T2.toEpochMilli());
    BadInputCatalogueTest.Outcome o =
        ingest(
                "epoch-millis-read",
                ClickstreamSchema.contract(RUN_DATE),
                in,
                config("clickstream", "sources: {clickstream: {timestamp_unit: millis}}"))
            .counts(2, 2);
    assertThat(o.acceptedRow(ClickstreamSchema.EVENT_ID, "e2").<Timestamp>getAs("event_time"))
        .isEqualTo(Timestamp.from(T2));
  }

  @Test
  void epochSecondsAsJsonNumbersStopSayingWhichUnitToSetAndAreReadWithIt() throws Exception {
    Path file =
        write(
            "epoch-seconds/feedback.jsonl",
            "{\"feedback_id\":\"F1\",\"created_at\":"
                + T1.getEpochSecond()
                + ",\"text\":\"slow checkout\"}\n",
            StandardCharsets.UTF_8);
    stops(
        () ->
            ingest(
                "epoch-seconds", FeedbackSchema.contract(RUN_DATE), file, config("feedback", null)),
        "feedback: 100.0% of 1 rows rejected (limit 5.0%); most common: invalid_created_at"
            + " (1 rows), e.g. file file:"
            + file
            + ", column created_at, value '"
            + T1.getEpochSecond()
            + "'; see rejected/feedback/; created_at values like '"
            + T1.getEpochSecond()
            + "' look like epoch seconds: set `timestamp_unit: seconds` under `sources.feedback`"
            + " in the config");
    BadInputCatalogueTest.Outcome o =
        ingest(
                "epoch-seconds-read",
                FeedbackSchema.contract(RUN_DATE),
                file,
                config("feedback", "sources: {feedback: {timestamp_unit: seconds}}"))
            .counts(1, 1);
    assertThat(o.acceptedRow(FeedbackSchema.FEEDBACK_ID, "f1").<Timestamp>getAs("created_at"))
        .isEqualTo(Timestamp.from(T1));
  }
}

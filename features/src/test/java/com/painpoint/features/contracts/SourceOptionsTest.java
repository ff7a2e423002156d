package com.painpoint.features.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.painpoint.features.config.PainpointConfig;
import com.painpoint.features.config.PainpointException;
import com.painpoint.features.config.SourceConfig;
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
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-source options real exports need (delimiter, quote, escape, encoding, decimal comma,
 * epoch timestamps), each read with one config line, and the hints that say which line to write
 * when an input looks like one of them.
 */
class SourceOptionsTest extends SparkTestBase {
  static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);
  static final Instant T1 = Instant.parse("2026-06-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2026-06-02T08:30:15.250Z");

  /** A CRM export as a German or French Excel writes it: ';', decimal commas, windows-1252. */
  static final String SEMICOLON_CRM =
      "customer_id;segment;plan;region;signup_date;monthly_revenue;churned;churn_date;snapshot_date\r\n"
          + "C1;consumer;basic;Zürich;2024-01-05;12,50;false;;2026-06-30\r\n"
          + "C2;smb;pro;Genève;2023-02-01;1.234,50;true;2026-05-01;2026-06-29\r\n"
          + "\"C3\";\"consumer; family\";basic;north;2022-03-03;\"0,99\";false;;2026-06-30\r\n";

  @TempDir static Path dir;

  static Path write(String name, String content, Charset charset) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, content.getBytes(charset));
    return p;
  }

  static SourceConfig config(String source, String yaml) {
    return PainpointConfig.parse("painpoint.yaml", yaml).source(source);
  }

  static ContractFixture crm(Path file, SourceConfig config, double maxShare) {
    return ContractFixture.ingest(spark, file, CrmSchema.contract(RUN_DATE), config, maxShare);
  }

  static Row accepted(ContractFixture f, String idColumn, String id) {
    return f.validated
        .filter(f.validated.col(SourceContract.REJECT_REASON).isNull())
        .filter(f.validated.col(idColumn).equalTo(id))
        .first();
  }

  // ---------------------------------------------------------------- CSV: delimiter and encoding

  @Test
  void semicolonDecimalCommaWindows1252CrmIsReadWithOneConfigLine() throws Exception {
    Path file = write("semicolon/crm.csv", SEMICOLON_CRM, Charset.forName("windows-1252"));
    ContractFixture f =
        crm(
            file,
            config(
                "crm", "sources: {crm: {delimiter: ';', decimal: ',', encoding: windows-1252}}\n"),
            0.05);
    assertThat(f.quality.rowsRead()).isEqualTo(3);
    assertThat(f.quality.accepted()).isEqualTo(3);
    Row c1 = accepted(f, CrmSchema.CUSTOMER_ID, "c1");
    assertThat(c1.<BigDecimal>getAs(CrmSchema.MONTHLY_REVENUE)).isEqualByComparingTo("12.50");
    assertThat(c1.<String>getAs(CrmSchema.REGION)).isEqualTo("zürich");
    Row c2 = accepted(f, CrmSchema.CUSTOMER_ID, "c2");
    assertThat(c2.<BigDecimal>getAs(CrmSchema.MONTHLY_REVENUE)).isEqualByComparingTo("1234.50");
    assertThat(c2.<String>getAs(CrmSchema.REGION)).isEqualTo("genève");
    assertThat(c2.<java.sql.Date>getAs(CrmSchema.SNAPSHOT_DATE))
        .isEqualTo(java.sql.Date.valueOf("2026-06-29"));
    Row c3 = accepted(f, CrmSchema.CUSTOMER_ID, "c3");
    assertThat(c3.<String>getAs(CrmSchema.SEGMENT)).isEqualTo("consumer; family");
    assertThat(c3.<BigDecimal>getAs(CrmSchema.MONTHLY_REVENUE)).isEqualByComparingTo("0.99");
  }

  @Test
  void aDecimalCommaExportRejectsAPointDecimalRatherThanReadItAsThousands() throws Exception {
    Path file =
        write(
            "decimal-strict/crm.csv",
            "customer_id;monthly_revenue\nC1;12,50\nC2;12.50\nC3;1.250\nC4;-3\n",
            StandardCharsets.UTF_8);
    ContractFixture f =
        crm(file, config("crm", "sources: {crm: {delimiter: ';', decimal: ','}}"), 1);
    assertThat(f.reasonsById(CrmSchema.CUSTOMER_ID))
        .containsEntry("c1", List.of("accepted"))
        .containsEntry("c2", List.of("invalid_monthly_revenue"))
        .containsEntry("c3", List.of("accepted"))
        .containsEntry("c4", List.of("negative_monthly_revenue"));
    assertThat(accepted(f, CrmSchema.CUSTOMER_ID, "c3").<BigDecimal>getAs("monthly_revenue"))
        .isEqualByComparingTo("1250");
  }

  @Test
  void quoteAndEscapeAreTheConfiguredCharacters() throws Exception {
    Path file =
        write(
            "quote-escape/feedback.csv",
            "feedback_id|customer_id|text\n" + "F1|C1|'It\\'s slow | really'\n" + "F2|C2|plain\n",
            StandardCharsets.UTF_8);
    ContractFixture f =
        ContractFixture.ingest(
            spark,
            file,
            FeedbackSchema.contract(RUN_DATE),
            config("feedback", "sources: {feedback: {delimiter: '|', quote: \"'\", escape: '\\'}}"),
            0.05);
    assertThat(f.quality.accepted()).isEqualTo(2);
    assertThat(accepted(f, FeedbackSchema.FEEDBACK_ID, "f1").<String>getAs("text"))
        .isEqualTo("It's slow | really");
  }

  @Test
  void aSemicolonHeaderReadAsOneColumnSaysWhichDelimiterToSet() throws Exception {
    Path file = write("semicolon-hint/crm.csv", SEMICOLON_CRM, Charset.forName("windows-1252"));
    assertThatThrownBy(() -> crm(file, SourceConfig.AUTO, 0.05))
        .isInstanceOf(PainpointException.class)
        .hasMessage(
            "crm: required column 'customer_id' not found in "
                + file
                + "; columns present: customer_id;segment;plan;region;signup_date;monthly_revenue;"
                + "churned;churn_date;snapshot_date; the header looks ';'-delimited: set"
                + " `delimiter: ';'` under `sources.crm` in the config")
        .extracting(e -> ((PainpointException) e).kind().exitCode())
        .isEqualTo(2);
  }

  @Test
  void aTabOrPipeHeaderSaysSoAndAWrongDelimiterSetPointsBackToTheComma() throws Exception {
    Path tab = write("tab-hint/crm.csv", "customer_id\tsegment\nC1\tsmb\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> crm(tab, SourceConfig.AUTO, 0.05))
        .hasMessageEndingWith(
            "the header looks tab-delimited: set `delimiter: \"\\t\"` under `sources.crm` in the"
                + " config");
    Path pipe = write("pipe-hint/crm.csv", "customer_id|segment\nC1|smb\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> crm(pipe, SourceConfig.AUTO, 0.05))
        .hasMessageEndingWith(
            "the header looks '|'-delimited: set `delimiter: '|'` under `sources.crm` in the"
                + " config");
    Path comma =
        write("comma-hint/crm.csv", "customer_id,segment\nC1,smb\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> crm(comma, config("crm", "sources: {crm: {delimiter: ';'}}"), 0.05))
        .hasMessage(
            "crm: required column 'customer_id' not found in "
                + comma
                + "; columns present: customer_id,segment; the header looks ','-delimited: set"
                + " `delimiter: ','` under `sources.crm` in the config");
  }

  @Test
  void aHeaderWithoutAnotherDelimiterGivesNoHint() throws Exception {
    Path file = write("no-hint/crm.csv", "id\nC1\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> crm(file, SourceConfig.AUTO, 0.05))
        .hasMessage(
            "crm: required column 'customer_id' not found in " + file + "; columns present: id");
  }

  @Test
  void decimalCommasReadWithoutTheOptionSayWhatToSet() throws Exception {
    Path file =
        write(
            "decimal-hint/crm.csv",
            "customer_id;monthly_revenue\nC1;12,50\nC2;7,00\n",
            StandardCharsets.UTF_8);
    assertThatThrownBy(() -> crm(file, config("crm", "sources: {crm: {delimiter: ';'}}"), 0.05))
        .isInstanceOf(PainpointException.class)
        .hasMessage(
            "crm: 100.0% of 2 rows rejected (limit 5.0%); most common: invalid_monthly_revenue"
                + " (2 rows), e.g. file file:"
                + file
                + ", column monthly_revenue, value '12,50'; see rejected/crm/; monthly_revenue"
                + " values like '12,50' have a decimal comma: set `decimal: ','` under"
                + " `sources.crm` in the config");
  }

  @Test
  void csvOptionsOnAParquetSourceAreAConfigError() throws Exception {
    Path out = clickstream("csv-option-on-parquet", DataTypes.LongType, T1.getEpochSecond());
    assertThatThrownBy(
            () ->
                ContractFixture.ingest(
                    spark,
                    out,
                    ClickstreamSchema.contract(RUN_DATE),
                    config("clickstream", "sources: {clickstream: {encoding: windows-1252}}"),
                    0.05))
        .isInstanceOf(PainpointException.class)
        .hasMessage(
            "clickstream: encoding under `sources.clickstream` applies to CSV sources only, and "
                + out
                + " is read as parquet")
        .extracting(e -> ((PainpointException) e).kind())
        .isEqualTo(PainpointException.Kind.CONFIG);
  }

  // ---------------------------------------------------------------- epoch timestamps

  /** A Parquet clickstream whose event_time column has {@code type}, one event per value. */
  static Path clickstream(String name, DataType type, Object... times) {
    StructType schema =
        new StructType()
            .add("event_id", DataTypes.StringType)
            .add("customer_id", DataTypes.StringType)
            .add("event_time", type)
            .add("event_type", DataTypes.StringType)
            .add("url", DataTypes.StringType);
    List<Row> rows =
        Stream.iterate(0, i -> i + 1)
            .limit(times.length)
            .map(i -> RowFactory.create("E" + i, "C1", times[i], "page_view", "/checkout"))
            .toList();
    Path out = dir.resolve(name + "/clickstream");
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(out.toString());
    return out;
  }

  static ContractFixture clicks(Path path, String unit, double maxShare) {
    SourceConfig c =
        unit == null
            ? SourceConfig.AUTO
            : config("clickstream", "sources: {clickstream: {timestamp_unit: " + unit + "}}");
    return ContractFixture.ingest(spark, path, ClickstreamSchema.contract(RUN_DATE), c, maxShare);
  }

  static List<Instant> eventTimes(ContractFixture f) {
    return f
        .validated
        .filter(f.validated.col(SourceContract.REJECT_REASON).isNull())
        .orderBy("event_id")
        .select("event_time")
        .collectAsList()
        .stream()
        .map(r -> r.getTimestamp(0).toInstant())
        .toList();
  }

  static long count(Instant t, long perSecond) {
    return t.getEpochSecond() * perSecond + t.getNano() / (1_000_000_000L / perSecond);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"seconds, 1", "millis, 1000", "micros, 1000000"})
  void epochNumbersInParquetAreReadInTheConfiguredUnit(String unit, long perSecond) {
    Path out =
        clickstream(
            "parquet-" + unit, DataTypes.LongType, count(T1, perSecond), count(T2, perSecond));
    ContractFixture f = clicks(out, unit, 0.05);
    assertThat(f.quality.accepted()).isEqualTo(2);
    // Seconds drop T2's 250 ms: a whole number of seconds cannot hold them.
    assertThat(eventTimes(f))
        .containsExactly(T1, unit.equals("seconds") ? T2.minusMillis(250) : T2);
  }

  @Test
  void fractionalEpochSecondsKeepTheirFraction() {
    Path out = clickstream("parquet-double", DataTypes.DoubleType, T2.toEpochMilli() / 1000.0);
    assertThat(eventTimes(clicks(out, "seconds", 0.05))).containsExactly(T2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"seconds, 1", "millis, 1000", "micros, 1000000"})
  void epochNumbersInJsonAndCsvTextAreReadInTheConfiguredUnit(String unit, long perSecond)
      throws Exception {
    Path json =
        write(
            "json-" + unit + "/clickstream.jsonl",
            "{\"event_id\":\"E1\",\"customer_id\":\"C1\",\"event_time\":"
                + count(T1, perSecond)
                + ",\"event_type\":\"page_view\"}\n"
                + "{\"event_id\":\"E2\",\"customer_id\":\"C1\",\"event_time\":\""
                + count(T2, perSecond)
                + "\",\"event_type\":\"page_view\"}\n"
                // ISO text still reads with a unit set.
                + "{\"event_id\":\"E3\",\"customer_id\":\"C1\",\"event_time\":\"2026-06-03T00:00:00Z\","
                + "\"event_type\":\"page_view\"}\n",
            StandardCharsets.UTF_8);
    Instant t2 = unit.equals("seconds") ? T2.minusMillis(250) : T2;
    assertThat(eventTimes(clicks(json, unit, 0.05)))
        .containsExactly(T1, t2, Instant.parse("2026-06-03T00:00:00Z"));
    Path csv =
        write(
            "csv-" + unit + "/feedback.csv",
            "feedback_id,created_at,text\nF1," + count(T1, perSecond) + ",slow\n",
            StandardCharsets.UTF_8);
    ContractFixture f =
        ContractFixture.ingest(
            spark,
            csv,
            FeedbackSchema.contract(RUN_DATE),
            config("feedback", "sources: {feedback: {timestamp_unit: " + unit + "}}"),
            0.05);
    assertThat(f.validated.select("created_at").first().getTimestamp(0))
        .isEqualTo(Timestamp.from(T1));
  }

  @Test
  void withoutAUnitParquetNumbersAreEpochSecondsAsBefore() {
    Path out = clickstream("parquet-default", DataTypes.LongType, T1.getEpochSecond());
    assertThat(eventTimes(clicks(out, null, 0.05))).containsExactly(T1);
  }

  @Test
  void epochMillisWithoutAUnitSayWhichUnitFits() throws Exception {
    Path out = clickstream("millis-hint", DataTypes.LongType, T1.toEpochMilli(), T2.toEpochMilli());
    String file = "file:" + onlyParquetFile(out);
    assertThatThrownBy(() -> clicks(out, null, 0.05))
        .isInstanceOf(PainpointException.class)
        .hasMessage(
            "clickstream: 100.0% of 2 rows rejected (limit 5.0%); most common:"
                + " event_time_out_of_range (2 rows), e.g. file "
                + file
                + ", column event_time, value '"
                + T1.toEpochMilli()
                + "'; see rejected/clickstream/; event_time values like '"
                + T1.toEpochMilli()
                + "' look like epoch milliseconds: set `timestamp_unit: millis` under"
                + " `sources.clickstream` in the config")
        .extracting(e -> ((PainpointException) e).kind().exitCode())
        .isEqualTo(2);
  }

  @Test
  void epochNumbersAsTextSayWhichUnitFitsAndAWrongUnitPointsToTheRightOne() throws Exception {
    Path seconds =
        write(
            "seconds-hint/clickstream.jsonl",
            "{\"event_id\":\"E1\",\"customer_id\":\"C1\",\"event_time\":"
                + T1.getEpochSecond()
                + ",\"event_type\":\"page_view\"}\n",
            StandardCharsets.UTF_8);
    assertThatThrownBy(() -> clicks(seconds, null, 0.05))
        .hasMessageContaining("most common: invalid_event_time (1 rows)")
        .hasMessageEndingWith(
            "; event_time values like '"
                + T1.getEpochSecond()
                + "' look like epoch seconds: set `timestamp_unit: seconds` under"
                + " `sources.clickstream` in the config");
    // Micros read as millis fall thousands of years after the run date.
    Path micros = clickstream("micros-as-millis", DataTypes.LongType, count(T1, 1_000_000));
    assertThatThrownBy(() -> clicks(micros, "millis", 0.05))
        .hasMessageEndingWith(
            "look like epoch microseconds: set `timestamp_unit: micros` under"
                + " `sources.clickstream` in the config");
  }

  @Test
  void numbersThatFitNoUnitGiveNoHint() {
    // Epoch millis of 2030: after the run date in every unit, so no unit is suggested.
    Path out =
        clickstream(
            "no-unit-fits",
            DataTypes.LongType,
            Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
    assertThatThrownBy(() -> clicks(out, "millis", 0.05))
        .hasMessageEndingWith("see rejected/clickstream/");
  }

  static Path onlyParquetFile(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
  }
}

package com.painpoint.jobs.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.config.SourceConfig;
import com.painpoint.features.contracts.ClickstreamSchema;
import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.contracts.SourceContract;
import com.painpoint.features.contracts.SourceReader;
import com.painpoint.features.customers.CustomerFeatures;
import com.painpoint.features.journeys.JourneyAggregates;
import com.painpoint.features.journeys.JourneyColumns;
import com.painpoint.features.journeys.JourneyConfig;
import com.painpoint.features.journeys.Journeys;
import com.painpoint.features.quality.RejectPolicy;
import com.painpoint.features.quality.SourceQuality;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.testing.Fixtures;
import com.painpoint.features.testing.SparkTestBase;
import com.painpoint.features.window.LookbackWindow;
import com.painpoint.jobs.io.RunOutput;
import com.painpoint.models.sentiment.SentimentColumns;
import com.painpoint.models.sentiment.SentimentSettings;
import com.painpoint.models.sentiment.SentimentStage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input catalogue (README, "Bad-input catalogue"): one test per kind of bad input, each
 * asserting what the nightly job does with it: the rows it quarantines under {@code rejected/} with
 * their reason, column and value, and the counts that reconcile (read = accepted + rejected), or
 * the one-line message and exit code with which it stops. Inputs go through the job's own ingest
 * ({@link SourceIngest}), journeys, sentiment and output code.
 *
 * <p>Cases whose rows are quarantined (or accepted) share one ingest per source and file format:
 * each case owns the rows whose ids start with its prefix ({@code wt-} for wrong types, ...), and
 * its test checks just those rows; one more test per batch checks the batch's counts by reason and
 * that it reconciles. Cases that stop the run, or need their own header or config, keep a file of
 * their own. The CRM batch file starts with a UTF-8 BOM, ends its lines with CRLF and carries extra
 * and oddly named columns, so the BOM, CRLF, extra-column and odd-name cases are checked on it.
 */
class BadInputCatalogueTest extends SparkTestBase {
  static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);
  static final String CRM_HEADER =
      "customer_id,segment,plan,region,signup_date,monthly_revenue,churned,churn_date,snapshot_date\n";
  static final String GOOD_CRM = "C100,consumer,basic,north,2024-01-05,19.00,false,,2026-06-30\n";
  static final String TAXONOMY_YAML =
      """
      touchpoints:
        - {name: checkout, position: 1, owner: sales, url_patterns: ['^/checkout'], keywords: [checkout]}
        - {name: billing, position: 2, owner: finance, url_patterns: ['^/billing'], keywords: [bill]}
      """;
  static final Taxonomy TAXONOMY = Taxonomy.parse("taxonomy.yaml", TAXONOMY_YAML);

  @TempDir static Path dir;

  // ---------------------------------------------------------------- harness

  /** What the job's ingest made of one input: counts, accepted rows and the quarantine file. */
  record Outcome(
      SourceQuality quality, SourceReader.RawSource raw, List<Row> accepted, List<Row> rejected) {

    /** Rows of rejected/<source>/ with this reason. */
    List<Row> rejectedFor(String reason) {
      return rejected.stream()
          .filter(r -> reason.equals(r.getAs(SourceContract.REJECT_REASON)))
          .collect(Collectors.toList());
    }

    /**
     * Asserts {@code count} rows quarantined with {@code reason}, naming {@code column} and {@code
     * value}, counted in the manifest, and that the source reconciles: read = accepted + rejected,
     * with every rejected row in the quarantine file.
     */
    Outcome quarantined(String reason, String column, String value, long count) {
      List<Row> rows = rejectedFor(reason);
      assertThat(rows).as("rows quarantined as %s", reason).hasSize((int) count);
      assertThat(rows.get(0).<String>getAs(SourceContract.REJECT_COLUMN)).isEqualTo(column);
      assertThat(rows.get(0).<String>getAs(SourceContract.REJECT_VALUE)).isEqualTo(value);
      assertThat(rows.get(0).<String>getAs(SourceContract.SOURCE_FILE)).startsWith("file:");
      assertThat(quality.rejectedByReason()).containsEntry(reason, count);
      return reconciles();
    }

    Outcome reconciles() {
      assertThat(quality.rowsRead()).isEqualTo(quality.accepted() + quality.rejected());
      assertThat((long) accepted.size()).isEqualTo(quality.accepted());
      assertThat((long) rejected.size()).isEqualTo(quality.rejected());
      return this;
    }

    Outcome counts(long read, long acceptedRows) {
      assertThat(quality.rowsRead()).as("rows read").isEqualTo(read);
      assertThat(quality.accepted()).as("rows accepted").isEqualTo(acceptedRows);
      return reconciles();
    }

    /** A batch reconciles and counts exactly these rejects by reason. */
    Outcome rejectsByReason(Map<String, Long> expected) {
      assertThat(quality.rejectedByReason()).isEqualTo(expected);
      return reconciles();
    }

    /** The accepted row whose {@code idColumn} is {@code id}. */
    Row acceptedRow(String idColumn, String id) {
      return accepted.stream()
          .filter(r -> id.equals(r.getAs(idColumn)))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no accepted row " + id + " in " + accepted));
    }

    /**
     * The rows of one case of a batch: those whose id ({@code idColumn}, trimmed, any case) starts
     * with {@code prefix}; a rejected line that could not be parsed into columns belongs to the
     * case whose prefix its raw value holds.
     */
    Case only(String idColumn, String prefix) {
      String p = prefix.toLowerCase(Locale.ROOT);
      Predicate<Row> acceptedIn = r -> id(r, idColumn).startsWith(p);
      Predicate<Row> rejectedIn =
          r ->
              r.getAs(idColumn) == null
                  ? String.valueOf(r.<String>getAs(SourceContract.REJECT_VALUE))
                      .toLowerCase(Locale.ROOT)
                      .contains("\"" + p)
                  : id(r, idColumn).startsWith(p);
      return new Case(
          prefix,
          accepted.stream().filter(acceptedIn).toList(),
          rejected.stream().filter(rejectedIn).toList());
    }

    private static String id(Row r, String idColumn) {
      Object v = r.getAs(idColumn);
      return v == null ? "" : v.toString().trim().toLowerCase(Locale.ROOT);
    }
  }

  /** One case's rows in a batched ingest (see {@link Outcome#only}). */
  record Case(String name, List<Row> accepted, List<Row> rejected) {

    /**
     * Asserts exactly {@code values.length} of the case's rows quarantined with {@code reason},
     * each naming {@code column}, with these raw values (in any order), from an input file.
     */
    Case quarantined(String reason, String column, String... values) {
      List<Row> rows =
          rejected.stream()
              .filter(r -> reason.equals(r.getAs(SourceContract.REJECT_REASON)))
              .toList();
      assertThat(rows).as("%s: rows quarantined as %s", name, reason).hasSize(values.length);
      assertThat(rows)
          .extracting(r -> r.<String>getAs(SourceContract.REJECT_COLUMN))
          .as("%s: column named for %s", name, reason)
          .containsOnly(column);
      assertThat(rows)
          .extracting(r -> r.<String>getAs(SourceContract.REJECT_VALUE))
          .as("%s: values named for %s", name, reason)
          .containsExactlyInAnyOrder(values);
      assertThat(rows)
          .extracting(r -> r.<String>getAs(SourceContract.SOURCE_FILE))
          .allSatisfy(f -> assertThat(f).startsWith("file:"));
      return this;
    }

    /** The case's rows: read (accepted + rejected) and accepted. */
    Case counts(long read, long acceptedRows) {
      assertThat(accepted.size() + rejected.size()).as("%s: rows read", name).isEqualTo((int) read);
      assertThat(accepted).as("%s: rows accepted", name).hasSize((int) acceptedRows);
      return this;
    }

    /** The accepted row whose {@code idColumn} is {@code id}. */
    Row acceptedRow(String idColumn, String id) {
      return accepted.stream()
          .filter(r -> id.equals(r.getAs(idColumn)))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no accepted row " + id + " in " + accepted));
    }
  }

  /**
   * Runs {@code input} through {@link SourceIngest} into a fresh output folder, as the job does.
   */
  static Outcome ingest(
      String name, SourceContract contract, Path input, SourceConfig config, double maxShare) {
    return ingest(dir, name, contract, input, config, maxShare);
  }

  /** The same, writing the run's output under {@code outRoot} (another catalogue's folder). */
  static Outcome ingest(
      Path outRoot,
      String name,
      SourceContract contract,
      Path input,
      SourceConfig config,
      double maxShare) {
    RunOutput out = RunOutput.begin(spark, outRoot.resolve("out-" + name).toString(), RUN_DATE);
    SourceIngest.Ingested in = null;
    try {
      in =
          SourceIngest.ingest(
              spark,
              input.toString(),
              config,
              contract,
              new RejectPolicy(maxShare),
              LookbackWindow.allHistory(RUN_DATE),
              null,
              out);
      List<StructField> fields = new ArrayList<>();
      for (String c :
          List.of(
              SourceContract.REJECT_REASON,
              SourceContract.REJECT_COLUMN,
              SourceContract.REJECT_VALUE,
              SourceContract.SOURCE_FILE)) {
        fields.add(DataTypes.createStructField(c, DataTypes.StringType, true));
      }
      for (String c : contract.fieldNames()) {
        fields.add(DataTypes.createStructField(c, DataTypes.StringType, true));
      }
      List<Row> rejected =
          spark
              .read()
              .schema(DataTypes.createStructType(fields))
              .json(out.path("rejected/" + contract.name()))
              .collectAsList();
      return new Outcome(in.quality(), in.raw(), in.accepted().collectAsList(), rejected);
    } finally {
      if (in != null) {
        in.release();
      }
      out.abort();
    }
  }

  static Outcome crm(String name, String csv) throws Exception {
    return ingest(
        name, CrmSchema.contract(RUN_DATE), write(name + "/crm.csv", csv), SourceConfig.AUTO, 1.0);
  }

  static Outcome feedback(String name, String fileName, byte[] content) throws Exception {
    return ingest(
        name,
        FeedbackSchema.contract(RUN_DATE),
        write(name + "/" + fileName, content),
        SourceConfig.AUTO,
        1.0);
  }

  static Path write(String relative, String content) throws Exception {
    return write(relative, content.getBytes(StandardCharsets.UTF_8));
  }

  static Path write(String relative, byte[] content) throws Exception {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
    return p;
  }

  /**
   * Asserts that {@code run} stops the job with exactly {@code message} and exit code {@code exit}.
   */
  static void stops(ThrowingCallable run, int exit, String message) {
    assertThatThrownBy(run)
        .isInstanceOf(PainpointException.class)
        .hasMessage(message)
        .extracting(e -> ((PainpointException) e).kind().exitCode())
        .isEqualTo(exit);
  }

  static Row event(String id, String customer, String time, String type, String url) {
    return Fixtures.clickEvent(id, customer, time, type, url);
  }

  static Path clickstream(String name, List<Row> rows) {
    Path out = dir.resolve(name + "/clickstream");
    Fixtures.clickEvents(spark, rows).coalesce(1).write().parquet(out.toString());
    return out;
  }

  static Outcome clicks(String name, List<Row> rows) {
    return ingest(
        name,
        ClickstreamSchema.contract(RUN_DATE),
        clickstream(name, rows),
        SourceConfig.AUTO,
        1.0);
  }

  // ---------------------------------------------------------------- the batches

  /** CRM cases, one prefix each; the file starts with a BOM, has CRLF line ends, extra columns. */
  static final String CRM_BATCH_HEADER =
      "\uFEFFcustomer_id,favourite_colour,`weird`.name,\"a,b\",segment,plan,region,signup_date,"
          + "monthly_revenue,churned,churn_date,snapshot_date\n";

  static final List<String> CRM_BATCH_ROWS =
      List.of(
          // good: an ordinary customer (also the CRM side of the not-in-CRM case)
          "C100,blue,x,y,consumer,basic,north,2024-01-05,19.00,false,,2026-06-30",
          // wt-: wrong types
          "WT-1,red,x,y,consumer,basic,north,2024-01-05,nineteen,false,,2026-06-30",
          "WT-2,red,x,y,consumer,basic,north,2024-01-05,19.00,maybe,,2026-06-30",
          // ud-: unparseable date
          "UD-1,red,x,y,consumer,basic,north,next tuesday,19.00,false,,2026-06-30",
          // ad-: ambiguous and impossible dates
          "AD-1,red,x,y,consumer,basic,north,03/04/2024,19.00,false,,2026-06-30",
          "AD-2,red,x,y,consumer,basic,north,2024-13-01,19.00,false,,2026-06-30",
          // nr-: negative revenue
          "NR-1,red,x,y,consumer,basic,north,2024-01-05,-5.00,false,,2026-06-30",
          // cw-: churned without a churn date
          "CW-1,red,x,y,consumer,basic,north,2024-01-05,19.00,true,,2026-06-30",
          // ci-: one id, conflicting values
          "CI-1,red,x,y,consumer,basic,north,2024-01-05,19.00,false,,2026-06-30",
          "CI-1,red,x,y,consumer,business,north,2024-01-05,249.00,false,,2026-06-30",
          // k-: ids differing only in case or whitespace
          "K-1,red,x,y,consumer,basic,north,2024-01-05,19.00,false,,2026-06-30",
          " k-1 ,red,x,y,consumer,basic,north,2024-01-05,19.00,false,,2026-06-30",
          "k-1\t,red,x,y,consumer,basic,north,2024-01-05,19.00,false,,2026-06-30",
          // cr-: a churned customer whose snapshot date ends the CRLF-terminated line
          "CR-2,red,x,y,smb,pro,east,2023-02-01,79.00,true,2026-05-01,2026-06-29");

  static Outcome crmBatch;

  static synchronized Outcome crmBatch() throws Exception {
    if (crmBatch == null) {
      String csv =
          (CRM_BATCH_HEADER + String.join("\n", CRM_BATCH_ROWS) + "\n").replace("\n", "\r\n");
      crmBatch = crm("crm-batch", csv);
    }
    return crmBatch;
  }

  static Case crmCase(String prefix) throws Exception {
    return crmBatch().only(CrmSchema.CUSTOMER_ID, prefix);
  }

  @Test
  void crmBatchReconcilesAndCountsEveryRejectByReason() throws Exception {
    Outcome o =
        crmBatch()
            .counts(CRM_BATCH_ROWS.size(), 3)
            .rejectsByReason(
                Map.of(
                    "invalid_monthly_revenue", 1L,
                    "invalid_churned", 1L,
                    "invalid_signup_date", 3L,
                    "negative_monthly_revenue", 1L,
                    "churned_without_churn_date", 1L,
                    "conflicting_duplicate_id", 2L,
                    "duplicate_row", 2L));
    assertThat(o.accepted())
        .extracting(r -> r.<String>getAs(CrmSchema.CUSTOMER_ID))
        .containsExactlyInAnyOrder("c100", "k-1", "cr-2");
    // Three customers: the three spellings of k-1 are one.
    assertThat(o.quality().distinctCustomers()).isEqualTo(3);
  }

  /** Feedback cases in JSON lines, one prefix each (the text cases' ids start with f-). */
  static byte[] feedbackJsonLines() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] lines =
        String.join(
                "\n",
                // ot-: timestamps before 2000
                "{\"feedback_id\":\"OT-1\",\"created_at\":\"1999-12-31T23:59:59Z\",\"text\":\"slow\"}",
                "{\"feedback_id\":\"OT-2\",\"created_at\":\"2000-01-01T00:00:00Z\",\"text\":\"ok\"}",
                // mt-: null, empty and blank text
                "{\"feedback_id\":\"MT-1\",\"text\":null}",
                "{\"feedback_id\":\"MT-2\",\"text\":\"\"}",
                "{\"feedback_id\":\"MT-3\",\"text\":\"  \\n \"}",
                "{\"feedback_id\":\"MT-4\",\"text\":\"fine\"}",
                // mj-: a line that does not parse
                "{\"feedback_id\":\"MJ-1\",\"text\":\"ok\"}",
                "{\"feedback_id\": \"MJ-2\", text: oops",
                // f-: texts that pass the contract but are hard on the sentiment stage
                json("f-long", LONG_TEXT),
                json("f-emoji", "😡😡😡 👎"),
                json("f-spanish", "El pedido llegó tarde y nadie me ayudó con el problema."),
                json("f-japanese", "注文が届きませんでした。サポートは最悪です。"),
                json("f-html", HOSTILE_HTML),
                json("f-sql", HOSTILE_SQL),
                // uj-: bytes that are not UTF-8 (the last line, written below)
                "{\"feedback_id\":\"UJ-1\",\"text\":\"ok\"}",
                "{\"feedback_id\":\"UJ-2\",\"text\":\"caf")
            .getBytes(StandardCharsets.UTF_8);
    b.write(lines);
    b.write(new byte[] {(byte) 0xE9});
    b.write("\"}\n".getBytes(StandardCharsets.UTF_8));
    return b.toByteArray();
  }

  static Outcome feedbackJsonBatch;

  static synchronized Outcome feedbackJsonBatch() throws Exception {
    if (feedbackJsonBatch == null) {
      feedbackJsonBatch = feedback("feedback-json-batch", "feedback.jsonl", feedbackJsonLines());
    }
    return feedbackJsonBatch;
  }

  static Case feedbackJsonCase(String prefix) throws Exception {
    return feedbackJsonBatch().only(FeedbackSchema.FEEDBACK_ID, prefix);
  }

  @Test
  void feedbackJsonLinesBatchReconcilesAndCountsEveryRejectByReason() throws Exception {
    feedbackJsonBatch()
        .counts(16, 10)
        .rejectsByReason(
            Map.of(
                "created_at_out_of_range", 1L,
                "missing_text", 3L,
                "malformed_row", 1L,
                "invalid_utf8", 1L));
  }

  /** Feedback cases in CSV: a quoted multi-line text, quotes and delimiters, invalid UTF-8. */
  static byte[] feedbackCsv() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(
        ("feedback_id,customer_id,created_at,text\n"
                // ml-: a quoted multi-line text
                + "ML-1,C1,2026-05-01T10:00:00Z,\"First line.\nSecond line.\n\nFourth.\"\n"
                + "ML-2,C2,2026-05-01T10:00:00Z,plain\n"
                // qd-: embedded quotes and delimiters
                + "QD-1,C1,2026-05-01T10:00:00Z,\"She said \"\"never again\"\", then left; price, fees\"\n"
                // uc-: bytes that are not UTF-8 (the last line)
                + "UC-1,C1,2026-05-01T10:00:00Z,ok\n"
                + "UC-2,C2,2026-05-01T10:00:00Z,caf")
            .getBytes(StandardCharsets.UTF_8));
    b.write(new byte[] {(byte) 0xE9, (byte) 0xFF});
    b.write(" broken\n".getBytes(StandardCharsets.UTF_8));
    return b.toByteArray();
  }

  static Outcome feedbackCsvBatch;

  static synchronized Outcome feedbackCsvBatch() throws Exception {
    if (feedbackCsvBatch == null) {
      feedbackCsvBatch = feedback("feedback-csv-batch", "feedback.csv", feedbackCsv());
    }
    return feedbackCsvBatch;
  }

  static Case feedbackCsvCase(String prefix) throws Exception {
    return feedbackCsvBatch().only(FeedbackSchema.FEEDBACK_ID, prefix);
  }

  @Test
  void feedbackCsvBatchReconcilesAndCountsEveryRejectByReason() throws Exception {
    feedbackCsvBatch().counts(5, 4).rejectsByReason(Map.of("invalid_utf8", 1L));
  }

  /** Clickstream cases: a timestamp after the run date, customers not in the CRM. */
  static final List<Row> CLICK_BATCH =
      List.of(
          // ft-: 23:59:59 of the run date is kept, midnight after it is not
          event("FT-1", "C1", "2026-06-30T23:59:59Z", "page_view", "/checkout"),
          event("FT-2", "C1", "2026-07-01T00:00:00Z", "page_view", "/checkout"),
          // nc-: one customer of the CRM, two that are not in it
          event("NC-1", "C100", "2026-06-01T10:00:00Z", "page_view", "/checkout"),
          event("NC-2", "ghost-1", "2026-06-01T10:00:00Z", "page_view", "/checkout"),
          event("NC-3", "ghost-2", "2026-06-01T11:00:00Z", "page_view", "/checkout"));

  static Outcome clickBatch;

  static synchronized Outcome clickBatch() {
    if (clickBatch == null) {
      clickBatch = clicks("click-batch", CLICK_BATCH);
    }
    return clickBatch;
  }

  static Case clickCase(String prefix) {
    return clickBatch().only(ClickstreamSchema.EVENT_ID, prefix);
  }

  @Test
  void clickstreamBatchReconcilesAndCountsEveryRejectByReason() {
    clickBatch().counts(5, 4).rejectsByReason(Map.of("event_time_out_of_range", 1L));
  }

  // ---------------------------------------------------------------- columns and types

  @Test
  void missingRequiredColumnStopsNamingFileAndColumn() throws Exception {
    Path file = write("missing-column/crm.csv", "id,segment\nC1,consumer\n");
    stops(
        () -> ingest("missing-column", CrmSchema.contract(RUN_DATE), file, SourceConfig.AUTO, 1.0),
        2,
        "crm: required column 'customer_id' not found in "
            + file
            + "; columns present: id, segment");
  }

  @Test
  void wrongTypeIsQuarantinedAsInvalid() throws Exception {
    crmCase("wt-")
        .quarantined("invalid_monthly_revenue", "monthly_revenue", "nineteen")
        .quarantined("invalid_churned", "churned", "maybe")
        .counts(2, 0);
  }

  @Test
  void unparseableDateIsQuarantined() throws Exception {
    crmCase("ud-").quarantined("invalid_signup_date", "signup_date", "next tuesday").counts(1, 0);
  }

  @Test
  void ambiguousDateIsQuarantinedNotGuessed() throws Exception {
    crmCase("ad-")
        .quarantined("invalid_signup_date", "signup_date", "03/04/2024", "2024-13-01")
        .counts(2, 0);
  }

  @Test
  void timestampInTheFutureIsQuarantined() {
    Case c =
        clickCase("ft-")
            .quarantined("event_time_out_of_range", "event_time", "2026-07-01 00:00:00")
            .counts(2, 1);
    assertThat(c.accepted().get(0).<Timestamp>getAs(ClickstreamSchema.EVENT_TIME))
        .isEqualTo(Fixtures.ts("2026-06-30T23:59:59Z"));
  }

  @Test
  void timestampBefore2000IsQuarantined() throws Exception {
    feedbackJsonCase("ot-")
        .quarantined("created_at_out_of_range", "created_at", "1999-12-31T23:59:59Z")
        .counts(2, 1);
  }

  @Test
  void negativeRevenueIsQuarantined() throws Exception {
    crmCase("nr-").quarantined("negative_monthly_revenue", "monthly_revenue", "-5.00").counts(1, 0);
  }

  @Test
  void churnedWithoutChurnDateIsQuarantined() throws Exception {
    crmCase("cw-")
        .quarantined("churned_without_churn_date", "churn_date", (String) null)
        .counts(1, 0);
  }

  @Test
  void duplicateIdsWithConflictingValuesAreAllQuarantined() throws Exception {
    crmCase("ci-")
        .quarantined("conflicting_duplicate_id", "customer_id", "CI-1", "CI-1")
        .counts(2, 0);
  }

  @Test
  void idsDifferingOnlyInCaseOrWhitespaceAreOneCustomer() throws Exception {
    Case c = crmCase("k-").counts(3, 1);
    assertThat(c.acceptedRow(CrmSchema.CUSTOMER_ID, "k-1")).isNotNull();
    // Which of three identical rows is kept is not specified; the two others are quarantined,
    // each naming its id as written.
    List<Row> copies =
        c.rejected().stream()
            .filter(r -> "duplicate_row".equals(r.getAs(SourceContract.REJECT_REASON)))
            .toList();
    assertThat(copies).hasSize(2);
    assertThat(copies)
        .extracting(r -> r.<String>getAs(SourceContract.REJECT_COLUMN))
        .containsOnly("customer_id");
    assertThat(copies)
        .extracting(r -> r.<String>getAs(SourceContract.REJECT_VALUE))
        .doesNotHaveDuplicates()
        .isSubsetOf("K-1", " k-1 ", "k-1\t");
    // One customer (the batch's distinct count is checked in its reconciling test).
    assertThat(c.accepted()).hasSize(1);
  }

  // ---------------------------------------------------------------- CSV and encoding

  @Test
  void utf8BomBeforeTheHeaderIsIgnored() throws Exception {
    // The CRM batch file starts with a BOM.
    assertThat(crmBatch().raw().columnsUsed()).containsEntry("customer_id", "customer_id");
    assertThat(crmCase("c100").counts(1, 1).acceptedRow(CrmSchema.CUSTOMER_ID, "c100")).isNotNull();
  }

  @Test
  void crlfLineEndingsLeaveNoCarriageReturnInValues() throws Exception {
    // The CRM batch file ends every line with CRLF; snapshot_date is its last column.
    Row c2 = crmCase("cr-").counts(1, 1).acceptedRow(CrmSchema.CUSTOMER_ID, "cr-2");
    assertThat(c2.<java.sql.Date>getAs(CrmSchema.SNAPSHOT_DATE))
        .isEqualTo(java.sql.Date.valueOf("2026-06-29"));
    assertThat(crmBatch().raw().columnsUsed()).containsEntry("snapshot_date", "snapshot_date");
  }

  @Test
  void quotedMultiLineCsvTextIsOneRow() throws Exception {
    Case c = feedbackCsvCase("ml-").counts(2, 2);
    assertThat(c.acceptedRow(FeedbackSchema.FEEDBACK_ID, "ml-1").<String>getAs("text"))
        .isEqualTo("First line.\nSecond line.\n\nFourth.");
  }

  @Test
  void embeddedQuotesAndDelimitersAreKept() throws Exception {
    Case c = feedbackCsvCase("qd-").counts(1, 1);
    assertThat(c.acceptedRow(FeedbackSchema.FEEDBACK_ID, "qd-1").<String>getAs("text"))
        .isEqualTo("She said \"never again\", then left; price, fees");
  }

  @Test
  void invalidUtf8BytesAreQuarantined() throws Exception {
    feedbackCsvCase("uc-")
        .quarantined("invalid_utf8", "text", "caf\uFFFD\uFFFD broken")
        .counts(2, 1);
  }

  @Test
  void invalidUtf8BytesInJsonLinesAreQuarantined() throws Exception {
    // Jackson refuses the line, so the whole line is quarantined (column "*").
    feedbackJsonCase("uj-")
        .quarantined("invalid_utf8", "*", "{\"feedback_id\":\"UJ-2\",\"text\":\"caf\uFFFD\"}")
        .counts(2, 1);
  }

  // ---------------------------------------------------------------- empty and corrupt files

  @Test
  void zeroByteCsvStops() throws Exception {
    Path file = write("zero-byte-csv/crm.csv", "");
    stops(
        () -> ingest("zero-byte-csv", CrmSchema.contract(RUN_DATE), file, SourceConfig.AUTO, 1.0),
        2,
        "crm: no header row in " + file + " (empty CSV?)");
  }

  @Test
  void headerOnlyCsvStops() throws Exception {
    Path file = write("header-only/crm.csv", CRM_HEADER);
    stops(
        () -> ingest("header-only", CrmSchema.contract(RUN_DATE), file, SourceConfig.AUTO, 1.0),
        2,
        "crm: no rows in " + file);
  }

  @Test
  void emptyJsonLinesFileStops() throws Exception {
    Path file = write("empty-jsonl/feedback.jsonl", "");
    stops(
        () ->
            ingest("empty-jsonl", FeedbackSchema.contract(RUN_DATE), file, SourceConfig.AUTO, 1.0),
        2,
        "feedback: no rows in " + file);
  }

  @Test
  void emptyFolderStops() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty-folder/clickstream/date=2026-06-30"));
    Path root = empty.getParent();
    stops(
        () ->
            ingest(
                "empty-folder", ClickstreamSchema.contract(RUN_DATE), root, SourceConfig.AUTO, 1.0),
        2,
        "clickstream: no data files in " + root);
  }

  @Test
  void zeroByteParquetFileStopsNamingTheFile() throws Exception {
    Path root =
        clickstream(
            "zero-byte-parquet",
            List.of(event("E1", "C1", "2026-06-01T10:00:00Z", "page_view", "/checkout")));
    Path bad = write("zero-byte-parquet/clickstream/part-zzzz-empty.parquet", new byte[0]);
    assertThatThrownBy(
            () ->
                ingest(
                    "zero-byte-parquet",
                    ClickstreamSchema.contract(RUN_DATE),
                    root,
                    SourceConfig.AUTO,
                    1.0))
        .isInstanceOf(PainpointException.class)
        .hasMessage(
            "clickstream: cannot read file file:"
                + bad
                + ": zero-byte file, not Parquet (an interrupted write?)")
        .extracting(e -> ((PainpointException) e).kind().exitCode())
        .isEqualTo(2);
  }

  @Test
  void corruptParquetFileStopsNamingTheFile() throws Exception {
    Path root =
        clickstream(
            "corrupt-parquet",
            List.of(event("E1", "C1", "2026-06-01T10:00:00Z", "page_view", "/checkout")));
    Path bad =
        write(
            "corrupt-parquet/clickstream/part-zzzz-corrupt.parquet",
            "PAR1 this is not really parquet PAR1".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () ->
                ingest(
                    "corrupt-parquet",
                    ClickstreamSchema.contract(RUN_DATE),
                    root,
                    SourceConfig.AUTO,
                    1.0))
        .isInstanceOf(PainpointException.class)
        .hasMessage(
            "clickstream: cannot read file file:"
                + bad
                + ": corrupted file: the footer index is not within the file: -544499033")
        .extracting(e -> ((PainpointException) e).kind().exitCode())
        .isEqualTo(2);
  }

  // ---------------------------------------------------------------- mapping

  @Test
  void extraColumnIsIgnoredAndListed() throws Exception {
    // The CRM batch file has a favourite_colour column (and two oddly named ones).
    Outcome o = crmBatch();
    assertThat(o.raw().extraColumns()).contains("favourite_colour");
    assertThat(o.accepted().get(0).schema().fieldNames()).doesNotContain("favourite_colour");
  }

  @Test
  void renamedColumnIsReadThroughTheMapping() throws Exception {
    Path file = write("renamed/crm.csv", "CustomerID,MonthlyCharges\nX-1,10.50\nX-2,-1\n");
    SourceConfig mapping =
        new SourceConfig(
            "auto", Map.of("customer_id", "CustomerID", "monthly_revenue", "MonthlyCharges"));
    Outcome o =
        ingest("renamed", CrmSchema.contract(RUN_DATE), file, mapping, 1.0)
            .quarantined("negative_monthly_revenue", "monthly_revenue", "-1", 1)
            .counts(2, 1);
    assertThat(
            o.acceptedRow(CrmSchema.CUSTOMER_ID, "x-1")
                .<java.math.BigDecimal>getAs("monthly_revenue"))
        .isEqualByComparingTo("10.50");
  }

  @Test
  void renamedColumnWithoutMappingStopsNamingTheMapping() throws Exception {
    Path file = write("renamed-unmapped/crm.csv", "cust_id\nX-1\n");
    SourceConfig mapping = new SourceConfig("auto", Map.of("customer_id", "CustomerID"));
    stops(
        () -> ingest("renamed-unmapped", CrmSchema.contract(RUN_DATE), file, mapping, 1.0),
        2,
        "crm: required column 'customer_id' (mapped from 'CustomerID') not found in "
            + file
            + "; columns present: cust_id");
  }

  // ---------------------------------------------------------------- text

  @Test
  void nullAndEmptyTextAreQuarantined() throws Exception {
    feedbackJsonCase("mt-").quarantined("missing_text", "text", null, "", "  \n ").counts(4, 1);
  }

  /** Feedback texts that pass the contract but are hard on the sentiment stage. */
  static final String LONG_TEXT =
      "the checkout froze ".repeat(100_000 / 19 + 1).substring(0, 100_000);

  static final String HOSTILE_HTML = "<b>bold</b> <script>alert('x')</script> checkout broke";
  static final String HOSTILE_SQL = "Robert'); DROP TABLE customers;-- the bill is wrong";

  static Case texts;
  static Map<String, List<Row>> scoredById;

  /** The text cases (f-) of the JSON lines batch, scored by the sentiment stage once. */
  static synchronized Map<String, List<Row>> scored() throws Exception {
    if (scoredById != null) {
      return scoredById;
    }
    texts = feedbackJsonCase("f-").counts(6, 6);
    Dataset<Row> accepted =
        spark.createDataFrame(texts.accepted(), FeedbackSchema.contract(RUN_DATE).schema());
    List<Row> rows =
        SentimentStage.score(
                SentimentStage.prepare(accepted),
                SentimentSettings.CORENLP_DEFAULTS,
                RUN_DATE,
                null)
            .collectAsList();
    scoredById =
        rows.stream().collect(Collectors.groupingBy(r -> r.getAs(FeedbackSchema.FEEDBACK_ID)));
    return scoredById;
  }

  static String json(String id, String text) {
    return "{\"feedback_id\":\""
        + id
        + "\",\"text\":\""
        + text.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\"}";
  }

  @Test
  void textOf100000CharactersIsAcceptedAndScoredTruncated() throws Exception {
    List<Row> sentences = scored().get("f-long");
    assertThat(texts.acceptedRow(FeedbackSchema.FEEDBACK_ID, "f-long").<String>getAs("text"))
        .hasSize(100_000);
    assertThat(sentences).hasSize(1);
    Row s = sentences.get(0);
    assertThat(s.<Boolean>getAs(SentimentColumns.TRUNCATED)).isTrue();
    assertThat(s.<Integer>getAs(SentimentColumns.SENTIMENT_CLASS)).isBetween(0, 4);
    assertThat(s.<String>getAs(SentimentColumns.TEXT_FLAG)).isNull();
  }

  @Test
  void emojiOnlyTextIsFlaggedNoWordsNotScored() throws Exception {
    List<Row> sentences = scored().get("f-emoji");
    assertThat(sentences).hasSize(1);
    assertThat(sentences.get(0).<String>getAs(SentimentColumns.TEXT_FLAG)).isEqualTo("no_words");
    assertThat(sentences.get(0).<Integer>getAs(SentimentColumns.SENTIMENT_CLASS)).isNull();
  }

  @Test
  void nonEnglishTextIsFlaggedNotScored() throws Exception {
    for (String id : List.of("f-spanish", "f-japanese")) {
      List<Row> sentences = scored().get(id);
      assertThat(sentences).as(id).hasSize(1);
      assertThat(sentences.get(0).<String>getAs(SentimentColumns.TEXT_FLAG))
          .as(id)
          .isEqualTo("non_english");
      assertThat(sentences.get(0).<Integer>getAs(SentimentColumns.SENTIMENT_CLASS)).isNull();
    }
  }

  @Test
  void htmlScriptAndSqlInTextAreKeptAsPlainText() throws Exception {
    assertThat(texts.acceptedRow(FeedbackSchema.FEEDBACK_ID, "f-html").<String>getAs("text"))
        .isEqualTo(HOSTILE_HTML);
    assertThat(texts.acceptedRow(FeedbackSchema.FEEDBACK_ID, "f-sql").<String>getAs("text"))
        .isEqualTo(HOSTILE_SQL);
    assertThat(scored().get("f-html"))
        .extracting(r -> r.<Integer>getAs(SentimentColumns.SENTIMENT_CLASS))
        .allSatisfy(c -> assertThat(c).isBetween(0, 4));
    assertThat(
            scored().get("f-sql").stream()
                .map(r -> r.<String>getAs(SentimentColumns.SENTENCE))
                .collect(Collectors.joining(" ")))
        .isEqualTo(HOSTILE_SQL);
  }

  // ---------------------------------------------------------------- clickstream shape

  static final Timestamp AS_OF = Fixtures.ts("2026-07-01T00:00:00Z");

  @Test
  void botCustomerWithAMillionEventsDoesNotBlowUpJourneys() {
    // One bot: 1,000,000 events, 1 s apart in bursts of 1,000, the bursts an hour apart; plus one
    // ordinary customer. Sessionizing puts the bot's million events in one window partition.
    Dataset<Row> bot =
        spark
            .range(1_000_000)
            .select(
                concat(lit("b"), col("id").cast("string")).as(ClickstreamSchema.EVENT_ID),
                lit("bot-1").as(ClickstreamSchema.CUSTOMER_ID),
                lit(null).cast("string").as(ClickstreamSchema.ANONYMOUS_ID),
                lit(null).cast("string").as(ClickstreamSchema.SESSION_ID),
                expr("timestamp_seconds(1780000000 + floor(id / 1000) * 3600 + id % 1000)")
                    .as(ClickstreamSchema.EVENT_TIME),
                lit("page_view").as(ClickstreamSchema.EVENT_TYPE),
                expr("if(id % 2 = 0, '/checkout', '/billing')").as(ClickstreamSchema.URL),
                lit(null).cast("string").as(ClickstreamSchema.TARGET),
                lit(200).as(ClickstreamSchema.STATUS_CODE),
                lit(100L).as(ClickstreamSchema.DURATION_MS));
    Dataset<Row> person =
        spark.createDataFrame(
            List.of(
                event("p1", "c1", "2026-06-01T10:00:00Z", "page_view", "/checkout"),
                event("p2", "c1", "2026-06-01T10:05:00Z", "page_view", "/billing")),
            ClickstreamSchema.contract(RUN_DATE).schema().asNullable());
    List<Row> perActor =
        Journeys.sessionTouchpoints(
                bot.unionByName(person), TAXONOMY, JourneyConfig.DEFAULTS, AS_OF)
            .groupBy(col(JourneyColumns.ACTOR_ID))
            .agg(
                org.apache
                    .spark
                    .sql
                    .functions
                    .countDistinct(col(JourneyColumns.SESSION_KEY))
                    .as("sessions"),
                org.apache.spark.sql.functions.sum(col(JourneyColumns.EVENTS)).as("events"),
                org.apache.spark.sql.functions.count(lit(1)).as("rows"))
            .orderBy(JourneyColumns.ACTOR_ID)
            .collectAsList();
    assertThat(perActor).hasSize(2);
    Row b = perActor.get(0);
    assertThat(b.<String>getAs(JourneyColumns.ACTOR_ID)).isEqualTo("bot-1");
    assertThat(b.<Long>getAs("sessions")).isEqualTo(1000L);
    assertThat(b.<Long>getAs("events")).isEqualTo(1_000_000L);
    assertThat(b.<Long>getAs("rows")).isEqualTo(2000L);
    Row c = perActor.get(1);
    assertThat(c.<Long>getAs("sessions")).isEqualTo(1L);
    assertThat(c.<Long>getAs("rows")).isEqualTo(2L);
  }

  @Test
  void eventsForCustomersNotInTheCrmCountInJourneysButNotInChurn() throws Exception {
    // The CRM batch's ordinary customer c100, and the clickstream batch's nc- events.
    Case crm = crmCase("c100").counts(1, 1);
    Case events = clickCase("nc-").counts(3, 3);
    Dataset<Row> st =
        Journeys.sessionTouchpoints(
            spark.createDataFrame(events.accepted(), ClickstreamSchema.contract(RUN_DATE).schema()),
            TAXONOMY,
            JourneyConfig.DEFAULTS,
            AS_OF);
    Row checkout =
        JourneyAggregates.touchpointFriction(st, TAXONOMY)
            .filter(col(JourneyColumns.TOUCHPOINT).equalTo("checkout"))
            .first();
    assertThat(checkout.<Long>getAs(JourneyColumns.CUSTOMERS)).isEqualTo(3L);
    assertThat(
            CustomerFeatures.customersNotInCrm(
                st, spark.createDataFrame(crm.accepted(), CrmSchema.schema())))
        .as("ghost-1 and ghost-2 are counted for the manifest")
        .isEqualTo(2L);
    StructType sentences =
        new StructType()
            .add("customer_id", DataTypes.StringType)
            .add("created_at", DataTypes.TimestampType)
            .add("sentiment_class", DataTypes.IntegerType)
            .add("score", DataTypes.DoubleType)
            .add("touchpoints", DataTypes.createArrayType(DataTypes.StringType));
    List<Row> table =
        CustomerFeatures.table(
                spark.createDataFrame(crm.accepted(), CrmSchema.schema()),
                st,
                spark.createDataFrame(List.of(), sentences),
                TAXONOMY,
                RUN_DATE)
            .collectAsList();
    assertThat(table).extracting(r -> r.<String>getAs("customer_id")).containsExactly("c100");
    assertThat(((Number) table.get(0).getAs("checkout__visits")).longValue()).isEqualTo(1L);
  }

  @Test
  void sessionAcrossMidnightStaysOneSession() {
    List<Row> st =
        sessionsOf(
            List.of(
                event("e1", "c1", "2026-06-01T23:50:00Z", "page_view", "/checkout"),
                event("e2", "c1", "2026-06-02T00:10:00Z", "page_view", "/checkout"),
                event("e3", "c1", "2026-06-02T00:35:00Z", "page_view", "/billing")));
    assertThat(st).hasSize(2);
    assertThat(st.get(0).<String>getAs(JourneyColumns.SESSION_KEY))
        .isEqualTo(st.get(1).<String>getAs(JourneyColumns.SESSION_KEY));
    assertThat(st.get(0).<Long>getAs(JourneyColumns.EVENTS)).isEqualTo(2L);
  }

  @Test
  void outOfOrderEventsAreSessionizedByTime() {
    List<Row> ordered =
        List.of(
            event("e1", "c1", "2026-06-01T10:00:00Z", "page_view", "/checkout"),
            event("e2", "c1", "2026-06-01T10:10:00Z", "page_view", "/billing"),
            event("e3", "c1", "2026-06-01T11:00:00Z", "page_view", "/checkout"));
    List<Row> shuffled = List.of(ordered.get(2), ordered.get(0), ordered.get(1));
    List<Row> st = sessionsOf(shuffled);
    assertThat(st).isEqualTo(sessionsOf(ordered));
    assertThat(st.stream().map(r -> r.<String>getAs(JourneyColumns.SESSION_KEY)).distinct())
        .hasSize(2);
  }

  static List<Row> sessionsOf(List<Row> events) {
    return Journeys.sessionTouchpoints(
            spark.createDataFrame(
                events, ClickstreamSchema.contract(RUN_DATE).schema().asNullable()),
            TAXONOMY,
            JourneyConfig.DEFAULTS,
            AS_OF)
        .orderBy(JourneyColumns.START_TIME, JourneyColumns.TOUCHPOINT)
        .select(
            JourneyColumns.SESSION_KEY,
            JourneyColumns.TOUCHPOINT,
            JourneyColumns.START_TIME,
            JourneyColumns.EVENTS)
        .collectAsList();
  }

  // ---------------------------------------------------------------- taxonomy

  static void badTaxonomy(String yaml, String message) {
    stops(() -> Taxonomy.parse("tax.yaml", yaml), 3, message);
  }

  @Test
  void taxonomyUnknownFieldStops() {
    badTaxonomy(
        "touchpoints:\n  - {name: a, position: 1, owner: x, url_pattern: ['/a']}\n",
        "tax.yaml: field 'touchpoints[0].url_pattern' unknown field (known: description, events,"
            + " keywords, name, outcome, owner, position, slow_ms, start_events, success_events,"
            + " url_patterns)");
  }

  @Test
  void taxonomyInvalidPatternStops() {
    badTaxonomy(
        "touchpoints:\n  - {name: a, position: 1, owner: x, url_patterns: ['/a[']}\n",
        "taxonomy tax.yaml: touchpoint #1 'a': field 'url_patterns' has an invalid regex '/a[':"
            + " Unclosed character class");
  }

  @Test
  void taxonomyDuplicateNamesStop() {
    badTaxonomy(
        "touchpoints:\n  - {name: a, position: 1, owner: x, keywords: [a]}\n"
            + "  - {name: a, position: 2, owner: x, keywords: [b]}\n",
        "taxonomy tax.yaml: touchpoint #2 'a': duplicate name, already used by touchpoint #1");
  }

  @Test
  void taxonomyMatchingNoEventAtAllStops() {
    Dataset<Row> events =
        spark.createDataFrame(
            List.of(
                event(
                    "e1",
                    "c1",
                    "2026-06-01T10:00:00Z",
                    "page_view",
                    "https://shop.example/cart?x=1"),
                event("e2", "c1", "2026-06-01T10:01:00Z", "page_view", "/cart"),
                event("e3", "c1", "2026-06-01T10:02:00Z", "click", "/pay")),
            ClickstreamSchema.contract(RUN_DATE).schema().asNullable());
    Dataset<Row> st = Journeys.sessionTouchpoints(events, TAXONOMY, JourneyConfig.DEFAULTS, AS_OF);
    stops(
        () -> TouchpointCoverage.check(st.count(), events, TAXONOMY, "conf/taxonomy.yaml"),
        3,
        "taxonomy conf/taxonomy.yaml: none of the 3 clickstream events matched a touchpoint"
            + " (touchpoints: checkout, billing); most common: url '/cart' event_type"
            + " 'page_view' (2 events), url '/pay' event_type 'click' (1 events);"
            + " check url_patterns and events");
    // One matched event is enough: the run goes on.
    TouchpointCoverage.check(1, events, TAXONOMY, "conf/taxonomy.yaml");
  }

  // ---------------------------------------------------------------- options and output folder

  @Test
  void badRunDateStops() {
    String[] args = NightlyOptionsTest.VALID.clone();
    int date = java.util.Arrays.asList(args).indexOf("--run-date") + 1;
    args[date] = "2026-02-30";
    stops(
        () -> NightlyOptions.parse(args),
        3,
        "--run-date: '2026-02-30' is not a date (expected YYYY-MM-DD)");
    args[date] = "30/06/2026";
    stops(
        () -> NightlyOptions.parse(args),
        3,
        "--run-date: '30/06/2026' is not a date (expected YYYY-MM-DD)");
  }

  @Test
  void outputFolderWithAHalfWrittenRunIsReplacedWhole() throws Exception {
    Path out = dir.resolve("half-written");
    // A run_date folder with no manifest (copied by hand, or left by a tool that is not atomic),
    // the staging folder of a killed run and that run's lock (its process is gone).
    Path old = Files.createDirectories(out.resolve("run_date=2026-06-30/touchpoint_ranking"));
    Files.write(old.resolve("part-00000.parquet"), new byte[] {1, 2, 3});
    Path staging = Files.createDirectories(out.resolve("_staging"));
    Path killed = Files.createDirectories(staging.resolve("run_date=2026-06-30.dead0001/x"));
    Files.writeString(killed.resolve("part-00000.json"), "{}");
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    Files.writeString(
        staging.resolve("run_date=2026-06-30.lock"),
        p.pid()
            + "@"
            + java.net.InetAddress.getLocalHost().getHostName()
            + " since 2026-06-30T01:00:00Z");

    RunOutput run = RunOutput.begin(spark, out.toString(), RUN_DATE);
    assertThat(killed.getParent()).doesNotExist();
    run.writeText(com.painpoint.jobs.io.RunDataset.MANIFEST.fileName(), "{}");
    run.commit();
    try (var files = Files.walk(out)) {
      assertThat(
              files
                  .filter(Files::isRegularFile)
                  .filter(f -> !f.getFileName().toString().endsWith(".crc"))
                  .map(f -> out.relativize(f).toString()))
          .containsExactly("run_date=2026-06-30/manifest.json");
    }
  }

  @Test
  void secondRunOfTheSameDateStopsWithExit4() throws Exception {
    Path out = dir.resolve("concurrent");
    RunOutput first = RunOutput.begin(spark, out.toString(), RUN_DATE);
    try {
      assertThatThrownBy(() -> RunOutput.begin(spark, out.toString(), RUN_DATE))
          .isInstanceOf(PainpointException.class)
          .hasMessageStartingWith("another run for 2026-06-30 is in progress (pid ")
          .extracting(e -> ((PainpointException) e).kind().exitCode())
          .isEqualTo(4);
    } finally {
      first.abort();
    }
  }

  @Test
  void rejectShareAboveTheLimitStopsNamingFileColumnAndValue() throws Exception {
    Path file =
        write(
            "too-many/crm.csv",
            CRM_HEADER + GOOD_CRM + "C1,consumer,basic,north,2024-01-05,-1,false,,2026-06-30\n");
    stops(
        () -> ingest("too-many", CrmSchema.contract(RUN_DATE), file, SourceConfig.AUTO, 0.05),
        2,
        "crm: 50.0% of 2 rows rejected (limit 5.0%); most common: negative_monthly_revenue"
            + " (1 rows), e.g. file file:"
            + file
            + ", column monthly_revenue, value '-1'; see rejected/crm/");
  }

  @Test
  void malformedJsonLineIsQuarantined() throws Exception {
    feedbackJsonCase("mj-")
        .quarantined("malformed_row", "*", "{\"feedback_id\": \"MJ-2\", text: oops")
        .counts(2, 1);
  }

  @Test
  void oddColumnNamesInTheFileDoNotBreakTheReader() throws Exception {
    // The CRM batch file's header holds `weird`.name and "a,b" beside favourite_colour.
    assertThat(crmBatch().raw().extraColumns())
        .containsExactly("favourite_colour", "`weird`.name", "a,b");
    assertThat(crmBatch().accepted()).isNotEmpty();
  }
}

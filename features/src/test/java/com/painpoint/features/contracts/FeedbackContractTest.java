package com.painpoint.features.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class FeedbackContractTest extends SparkTestBase {
  static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);

  @TempDir static Path dir;
  static ContractFixture json;
  static Map<String, List<String>> reasons;

  @BeforeAll
  static void ingestFixture() throws Exception {
    String jsonl =
        String.join(
            "\n",
            "{\"feedback_id\":\"F1\",\"customer_id\":\"C1\",\"created_at\":\"2026-05-03T14:22:10Z\","
                + "\"channel\":\"NPS\",\"score\":9,\"score_scale\":\"nps\",\"text\":\"Great <b>app</b> 🙂\"}",
            "{\"feedback_id\":\"F2\",\"customer_id\":null,\"created_at\":\"2026-05-03 10:00:00\","
                + "\"text\":\"   \"}",
            "{\"feedback_id\":\"F3\",\"created_at\":\"yesterday\",\"text\":\"ok\"}",
            "{\"feedback_id\":\"F4\",\"created_at\":\"2031-01-01T00:00:00Z\",\"text\":\"ok\"}",
            "{\"feedback_id\":\"F5\",\"score\":11,\"score_scale\":\"nps\",\"text\":\"ok\"}",
            "{\"feedback_id\":\"F6\",\"score\":3,\"score_scale\":\"stars\",\"text\":\"ok\"}",
            "{\"feedback_id\":\"F7\",\"score\":3,\"text\":\"ok\"}",
            "{\"feedback_id\":\"F8\",\"score\":\"high\",\"score_scale\":\"csat\",\"text\":\"ok\"}",
            "{\"customer_id\":\"C9\",\"text\":\"no id\"}",
            "{\"feedback_id\":\"F10\",\"text\":\"same\"}",
            "{\"feedback_id\":\"F10\",\"text\":\"same\"}",
            "{\"feedback_id\":\"F11\",\"text\":\"one\"}",
            "{\"feedback_id\":\"F11\",\"text\":\"two\"}",
            "{not json at all",
            "{\"feedback_id\":\"F12\",\"score\":4,\"score_scale\":\"CSAT\",\"text\":\"fine\"}");
    Path file = ContractFixture.write(dir, "feedback.jsonl", jsonl + "\n");
    json =
        ContractFixture.ingest(
            spark, file, FeedbackSchema.contract(RUN_DATE), SourceConfig.AUTO, 1.0);
    reasons = json.reasonsById(FeedbackSchema.FEEDBACK_ID);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "f1, accepted",
    "f2, missing_text",
    "f3, invalid_created_at",
    "f4, created_at_out_of_range",
    "f5, score_out_of_range",
    "f6, invalid_score_scale",
    "f7, score_without_scale",
    "f8, invalid_score",
    "<null>, missing_feedback_id",
    "f12, accepted",
  })
  void eachRowGetsItsReason(String id, String reason) {
    assertThat(reasons.get(id)).contains(reason);
  }

  @Test
  void duplicatesAndConflictsAndMalformedLines() {
    assertThat(reasons.get("f10")).containsExactly("accepted", "duplicate_row");
    assertThat(reasons.get("f11"))
        .containsExactly("conflicting_duplicate_id", "conflicting_duplicate_id");
    assertThat(json.quality.rejectedByReason()).containsEntry("malformed_row", 1L);
    assertThat(json.quality.reconciles()).isTrue();
    assertThat(json.quality.rowsRead()).isEqualTo(15);
  }

  @Test
  void textIsKeptVerbatimAndNumbersReadAsText() {
    Row r = json.validated.filter("feedback_id = 'f1'").select("text", "score", "channel").first();
    assertThat(r.getString(0)).isEqualTo("Great <b>app</b> 🙂");
    assertThat(r.getDouble(1)).isEqualTo(9.0);
    assertThat(r.getString(2)).isEqualTo("nps");
  }

  @Test
  void csvWithQuotedMultiLineTextAndEmbeddedQuotes() throws Exception {
    String csv =
        "feedback_id,customer_id,created_at,text\r\n"
            + "F1,C1,2026-05-01T10:00:00Z,\"Line one,\r\nline \"\"two\"\"\nline three\"\r\n"
            + "F2,C2,2026-05-01T10:00:00Z,plain\r\n";
    Path file = ContractFixture.write(dir, "csv/feedback.csv", csv);
    ContractFixture f =
        ContractFixture.ingest(
            spark, file, FeedbackSchema.contract(RUN_DATE), SourceConfig.AUTO, 0.05);
    assertThat(f.quality.accepted()).isEqualTo(2);
    assertThat(f.validated.filter("feedback_id = 'f1'").select("text").first().getString(0))
        // The CSV parser normalises line endings inside quoted text to \n.
        .isEqualTo("Line one,\nline \"two\"\nline three");
  }

  @Test
  void jsonWithoutTheTextFieldStopsTheRun() throws Exception {
    Path file =
        ContractFixture.write(
            dir, "notext/feedback.jsonl", "{\"feedback_id\":\"F1\",\"body\":\"x\"}\n");
    assertThatThrownBy(
            () ->
                ContractFixture.ingest(
                    spark, file, FeedbackSchema.contract(RUN_DATE), SourceConfig.AUTO, 0.05))
        .hasMessage(
            "feedback: required column 'text' has no value in any of 1 rows of "
                + file
                + " (column missing or mapped to the wrong name?)");
  }
}

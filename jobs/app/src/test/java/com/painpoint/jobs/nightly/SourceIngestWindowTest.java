package com.painpoint.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.painpoint.features.config.SourceConfig;
import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.quality.RejectPolicy;
import com.painpoint.features.testing.SparkTestBase;
import com.painpoint.features.window.LookbackWindow;
import com.painpoint.features.window.WindowCounts;
import com.painpoint.jobs.io.RunOutput;
import com.painpoint.jobs.results.SourceFigures;
import com.painpoint.jobs.results.Versions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookback window as the job applies it: counted in the manifest, never quarantined. */
class SourceIngestWindowTest extends SparkTestBase {
  static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  @Test
  void rowsBeforeTheWindowAreCountedNotRejectedAndTheCrmIsNotWindowed() throws Exception {
    Path feedback = dir.resolve("feedback.jsonl");
    Files.write(
        feedback,
        List.of(
            line("f1", "2026-06-30T08:00:00Z", "fine"),
            line("f2", "2026-06-24T00:00:00Z", "first instant of the window"),
            line("f3", "2026-06-23T23:59:59Z", "a second too early"),
            line("f4", "2025-01-01T00:00:00Z", "last year"),
            "{\"feedback_id\":\"f5\",\"text\":\"undated\"}",
            "{\"feedback_id\":\"f6\",\"created_at\":\"2024-01-01T00:00:00Z\",\"text\":\" \"}",
            line("f7", "2026-07-01T00:00:00Z", "tomorrow")));
    Path crm = dir.resolve("crm.csv");
    Files.write(
        crm,
        List.of(
            "customer_id,segment,plan,region,signup_date,monthly_revenue,churned,churn_date,"
                + "snapshot_date",
            "c1,consumer,plus,south,2001-05-02,39.00,true,2001-06-29,2001-06-30",
            "c2,consumer,basic,south,2025-01-25,19.00,false,,2026-06-30"));
    NightlyOptions o =
        new NightlyOptions(
            crm.toString(),
            feedback.toString(),
            "cs",
            "t.yaml",
            RUN_DATE,
            dir.resolve("out").toString(),
            null,
            7,
            null,
            null);
    LookbackWindow week = o.window();
    RunOutput out = RunOutput.begin(spark, o.out(), RUN_DATE);
    try {
      RejectPolicy lenient = new RejectPolicy(1.0);
      SourceIngest.Ingested fb =
          SourceIngest.ingest(
              spark,
              feedback.toString(),
              SourceConfig.AUTO,
              FeedbackSchema.contract(RUN_DATE),
              lenient,
              week,
              FeedbackSchema.CREATED_AT,
              out);
      SourceIngest.Ingested customers =
          SourceIngest.ingest(
              spark,
              crm.toString(),
              SourceConfig.AUTO,
              CrmSchema.contract(RUN_DATE),
              lenient,
              week,
              null,
              out);

      assertThat(fb.quality().rowsRead()).isEqualTo(7);
      assertThat(fb.quality().accepted()).isEqualTo(5);
      assertThat(fb.quality().rejectedByReason())
          .containsExactlyInAnyOrderEntriesOf(
              java.util.Map.of("missing_text", 1L, "created_at_out_of_range", 1L));
      assertThat(fb.window()).isEqualTo(new WindowCounts(2, 2, 1));
      assertThat(
              fb.accepted()
                  .select(FeedbackSchema.FEEDBACK_ID)
                  .orderBy(FeedbackSchema.FEEDBACK_ID)
                  .as(Encoders.STRING())
                  .collectAsList())
          .containsExactly("f1", "f2");
      // rejected/ holds the contract's rejects only, not the rows before the window.
      assertThat(
              spark
                  .read()
                  .json(out.path("rejected/feedback"))
                  .select("feedback_id")
                  .orderBy("feedback_id")
                  .as(Encoders.STRING())
                  .collectAsList())
          .containsExactly("f6", "f7");
      // The CRM is a snapshot: old rows stay, no window counts.
      assertThat(customers.window()).isNull();
      assertThat(customers.accepted().count()).isEqualTo(2);

      Map<String, SourceFigures> sources = new LinkedHashMap<>();
      sources.put("feedback", SourceFigures.of(fb.quality(), fb.window()));
      sources.put("crm", SourceFigures.of(customers.quality(), customers.window()));
      JsonNode m = JSON.readTree(manifest(o, sources).toJson());
      assertThat(m.at("/options/lookback_days").asInt()).isEqualTo(7);
      assertThat(m.at("/window/lookback_days").asInt()).isEqualTo(7);
      assertThat(m.at("/window/from_inclusive").asText()).isEqualTo("2026-06-24T00:00:00Z");
      assertThat(m.at("/window/until_exclusive").asText()).isEqualTo("2026-07-01T00:00:00Z");
      JsonNode f = m.at("/sources/feedback");
      assertThat(f.get("rows_read").asLong())
          .isEqualTo(f.get("accepted").asLong() + f.get("rejected").asLong());
      assertThat(f.get("accepted").asLong())
          .isEqualTo(f.get("in_window").asLong() + f.get("outside_window").asLong());
      assertThat(f.get("in_window").asLong()).isEqualTo(2);
      assertThat(f.get("outside_window").asLong()).isEqualTo(3);
      assertThat(f.at("/outside_window_by_reason/before_window").asLong()).isEqualTo(2);
      assertThat(f.at("/outside_window_by_reason/undated").asLong()).isEqualTo(1);
      assertThat(f.get("reconciles").asBoolean()).isTrue();
      JsonNode c = m.at("/sources/crm");
      assertThat(c.has("outside_window")).isFalse();
      assertThat(c.get("reconciles").asBoolean()).isTrue();
      fb.release();
      customers.release();
    } finally {
      out.abort();
    }
  }

  @Test
  void withoutAWindowTheManifestSaysAllHistoryAndAddsNoCounts() throws Exception {
    NightlyOptions o =
        new NightlyOptions("c", "f", "cs", "t", RUN_DATE, dir.resolve("o2").toString(), null);
    assertThat(o.lookbackDays()).isNull();
    assertThat(o.window().bounded()).isFalse();
    JsonNode m = JSON.readTree(manifest(o, Map.of()).toJson());
    assertThat(m.at("/options/lookback_days").isNull()).isTrue();
    assertThat(m.get("window").toString()).isEqualTo("{\"lookback_days\":null}");
  }

  /** A manifest with the options, window and source counts only (no stage has run). */
  private static Manifest manifest(NightlyOptions o, Map<String, SourceFigures> sources) {
    return new Manifest(
        o.runDate().toString(),
        "complete",
        "2026-07-01T00:00:00Z",
        Versions.of("x"),
        "",
        Manifest.Options.of(o),
        Manifest.Window.of(o.window()),
        Map.of(),
        sources,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        Map.of());
  }

  private static String line(String id, String createdAt, String text) {
    return "{\"feedback_id\":\""
        + id
        + "\",\"customer_id\":\"c1\",\"created_at\":\""
        + createdAt
        + "\",\"text\":\""
        + text
        + "\"}";
  }
}

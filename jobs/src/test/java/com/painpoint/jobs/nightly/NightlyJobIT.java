package com.painpoint.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.painpoint.features.config.PainpointException;
import com.painpoint.features.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly job end to end on the committed sample, checked against its planted truth. */
class NightlyJobIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);
  static final Path SAMPLES =
      Path.of(System.getProperty("painpoint.repo.root", "..")).resolve("data-samples");

  @TempDir static Path out;
  static SparkSession spark;
  static NightlyJob.RunResult result;
  static JsonNode manifest;
  static JsonNode truth;

  static NightlyOptions options(Path outRoot, String crm) {
    return new NightlyOptions(
        crm,
        SAMPLES.resolve("feedback.jsonl").toString(),
        SAMPLES.resolve("clickstream").toString(),
        SAMPLES.resolve("taxonomy.yaml").toString(),
        RUN_DATE,
        outRoot.toString(),
        null);
  }

  @BeforeAll
  static void runSample() throws Exception {
    spark = SparkSessions.forTests("painpoint-nightly-it");
    result = NightlyJob.run(spark, options(out, SAMPLES.resolve("crm.csv").toString()));
    manifest = JSON.readTree(result.manifestJson());
    truth = JSON.readTree(SAMPLES.resolve("ground_truth.json").toFile());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void frictionRankingRecoversThePlantedOrder() {
    List<String> ranked = new ArrayList<>();
    for (Row r : result.frictionRanking()) {
      ranked.add(r.getAs("touchpoint"));
    }
    List<String> expected = strings(truth.get("friction_top"));
    assertThat(ranked.subList(0, expected.size())).containsExactlyElementsOf(expected);
  }

  @Test
  void everySourceReconcilesAndRejectsMatchWhatWasPlanted() {
    for (String source : List.of("crm", "feedback", "clickstream")) {
      JsonNode s = manifest.get("sources").get(source);
      assertThat(s.get("rows_read").asLong())
          .as(source)
          .isEqualTo(s.get("accepted").asLong() + s.get("rejected").asLong());
      assertThat(s.get("reconciles").asBoolean()).isTrue();
      assertThat(toMap(s.get("rejected_by_reason")))
          .as(source + " rejects")
          .isEqualTo(toMap(truth.get("planted_rejects").get(source)));
    }
  }

  @Test
  void runFolderHoldsOutputsAndManifestFromDisk() throws Exception {
    Path run = out.resolve("run_date=" + RUN_DATE);
    assertThat(run.resolve("manifest.json")).exists();
    assertThat(JSON.readTree(run.resolve("manifest.json").toFile()).get("run_date").asText())
        .isEqualTo("2026-06-30");
    List<String> csv = Files.readAllLines(run.resolve("touchpoint_friction.csv"));
    assertThat(csv.get(0)).startsWith("touchpoint,position,owner,outcome,sessions,customers");
    assertThat(csv).hasSize(1 + truth.get("planted").size());
    for (String dir :
        List.of(
            "session_touchpoints",
            "touchpoint_friction",
            "customer_friction",
            "rejected/crm",
            "rejected/feedback",
            "rejected/clickstream")) {
      assertThat(run.resolve(dir)).isDirectory();
    }
    assertThat(out.resolve("_staging")).doesNotExist();
    assertThat(manifest.get("stages")).hasSize(4);
    assertThat(manifest.get("outputs").get("session_touchpoints").get("rows").asLong())
        .isPositive();
  }

  @Test
  void outcomeTouchpointsAreFlaggedInExposures() {
    List<String> outcomes = strings(truth.get("outcome_touchpoints"));
    List<Row> flagged =
        spark
            .read()
            .parquet(out.resolve("run_date=" + RUN_DATE).resolve("customer_friction").toString())
            .filter("outcome")
            .select("touchpoint")
            .distinct()
            .collectAsList();
    assertThat(flagged).extracting(r -> r.getString(0)).containsExactlyElementsOf(outcomes);
  }

  @Test
  void rerunOfTheSameDateReplacesItWithIdenticalResults() throws Exception {
    Path run = out.resolve("run_date=" + RUN_DATE);
    String friction = Files.readString(run.resolve("touchpoint_friction.csv"));
    String sentiment = Files.readString(run.resolve("touchpoint_sentiment.csv"));
    List<Row> scored = sortedScored(run);
    NightlyJob.run(spark, options(out, SAMPLES.resolve("crm.csv").toString()));
    assertThat(Files.readString(run.resolve("touchpoint_friction.csv"))).isEqualTo(friction);
    assertThat(Files.readString(run.resolve("touchpoint_sentiment.csv"))).isEqualTo(sentiment);
    assertThat(sortedScored(run)).isEqualTo(scored);
    assertThat(out.resolve("_staging")).doesNotExist();
  }

  static List<Row> sortedScored(Path run) {
    return spark
        .read()
        .parquet(run.resolve("feedback_scored").toString())
        .drop("scored_run_date")
        .orderBy("feedback_id", "sentence_index")
        .collectAsList();
  }

  @Test
  void sentimentRankingRecoversThePlantedNegativeTouchpoints() {
    List<String> ranked = new ArrayList<>();
    for (Row r : result.sentimentRanking()) {
      if (r.getAs("negativity_rank") != null) {
        ranked.add(r.getAs("touchpoint"));
      }
    }
    List<String> expected = strings(truth.get("negativity_top"));
    assertThat(ranked.subList(0, expected.size())).containsExactlyElementsOf(expected);
    JsonNode s = manifest.get("sentiment");
    assertThat(s.get("feedback").asLong())
        .isEqualTo(manifest.get("sources").get("feedback").get("accepted").asLong());
    assertThat(s.get("flags").get("non_english").asLong()).isPositive();
  }

  @Test
  void noEmailOrPhoneSurvivesIntoScoredSentences() {
    List<Row> leaks =
        spark
            .read()
            .parquet(out.resolve("run_date=" + RUN_DATE).resolve("feedback_scored").toString())
            .filter(
                "sentence rlike '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\\\.[a-z]{2,}'"
                    + " or sentence rlike '\\\\+\\\\d{1,3}[ -]?\\\\d{2,4}[ -]?\\\\d{3,}'")
            .select("sentence")
            .collectAsList();
    assertThat(leaks).isEmpty();
  }

  @Test
  void nextNightReusesEveryUnchangedScore() throws Exception {
    LocalDate next = RUN_DATE.plusDays(1);
    NightlyOptions o = options(out, SAMPLES.resolve("crm.csv").toString());
    NightlyJob.RunResult r =
        NightlyJob.run(
            spark,
            new NightlyOptions(
                o.crm(), o.feedback(), o.clickstream(), o.taxonomy(), next, o.out(), null));
    JsonNode s = JSON.readTree(r.manifestJson()).get("sentiment");
    assertThat(s.get("feedback_scored_tonight").asLong()).isZero();
    assertThat(s.get("distinct_sentences_parsed").asLong()).isZero();
    assertThat(s.get("feedback_reused").asLong()).isEqualTo(s.get("feedback").asLong());
    assertThat(s.get("reused_from").asText()).endsWith("run_date=" + RUN_DATE + "/feedback_scored");
    assertThat(r.sentimentRanking().toString()).isEqualTo(result.sentimentRanking().toString());
  }

  @Test
  void badInputLeavesNoRunBehind() throws Exception {
    Path bad = Files.createTempDirectory("painpoint-bad");
    Path crm = bad.resolve("crm.csv");
    Files.writeString(crm, "id,segment\nC1,consumer\n");
    Path outRoot = bad.resolve("out");
    assertThatThrownBy(() -> NightlyJob.run(spark, options(outRoot, crm.toString())))
        .isInstanceOf(PainpointException.class)
        .hasMessageStartingWith("crm: required column 'customer_id' not found in " + crm)
        .extracting(e -> ((PainpointException) e).kind().exitCode())
        .isEqualTo(2);
    assertThat(outRoot.resolve("run_date=" + RUN_DATE)).doesNotExist();
    assertThat(outRoot.resolve("_staging")).doesNotExist();
  }

  static Map<String, Long> toMap(JsonNode node) {
    Map<String, Long> m = new TreeMap<>();
    if (node != null) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        m.put(e.getKey(), e.getValue().asLong());
      }
    }
    return m;
  }
}

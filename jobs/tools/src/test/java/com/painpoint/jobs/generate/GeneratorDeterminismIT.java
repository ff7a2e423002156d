package com.painpoint.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.painpoint.features.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator twice with one seed: identical output, in the documented shapes. */
class GeneratorDeterminismIT extends SparkTestBase {

  @TempDir static Path firstDir;
  static DataGenerator.Result firstResult;

  private static GeneratorOptions options(Path out) {
    return new GeneratorOptions(
        200, 42, out.toString(), LocalDate.parse("2026-06-30"), 90, 1.5, 75, true);
  }

  /** The first generation, shared by both tests (each generation costs seconds of Spark). */
  static synchronized DataGenerator.Result first() {
    if (firstResult == null) {
      firstResult = DataGenerator.run(spark, options(firstDir));
    }
    return firstResult;
  }

  @Test
  void sameSeedWritesIdenticalFilesAndRows(@TempDir Path second) throws IOException {
    DataGenerator.Result a = first();
    DataGenerator.Result b = DataGenerator.run(spark, options(second));

    assertThat(b).isEqualTo(a);
    for (String file :
        List.of(
            DataGenerator.CRM_FILE,
            DataGenerator.FEEDBACK_FILE,
            DataGenerator.GROUND_TRUTH_FILE,
            DataGenerator.TAXONOMY_FILE)) {
      assertThat(Files.readAllBytes(second.resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(firstDir.resolve(file)));
    }
    List<Row> rowsA = clickstream(firstDir).collectAsList();
    List<Row> rowsB = clickstream(second).collectAsList();
    assertThat(rowsA).hasSize((int) a.events());
    assertThat(rowsB).isEqualTo(rowsA);
  }

  @Test
  void writesTheDocumentedShapes() throws IOException {
    DataGenerator.Result result = first();
    Path out = firstDir;

    List<String> crm = Files.readAllLines(out.resolve(DataGenerator.CRM_FILE));
    assertThat(crm.get(0)).isEqualTo(CrmCsv.HEADER);
    assertThat(crm).hasSize((int) result.crmRows() + 1);

    ObjectMapper mapper = new ObjectMapper();
    List<String> feedback = Files.readAllLines(out.resolve(DataGenerator.FEEDBACK_FILE));
    assertThat(feedback).hasSize((int) result.feedbackRows());
    JsonNode first = mapper.readTree(feedback.get(0));
    assertThat(first.fieldNames())
        .toIterable()
        .containsExactly(
            "feedback_id",
            "customer_id",
            "created_at",
            "channel",
            "touchpoint",
            "score",
            "score_scale",
            "text");

    Dataset<Row> events = clickstream(out);
    assertThat(events.schema().apply("event_time").dataType()).isEqualTo(DataTypes.TimestampType);
    assertThat(events.schema().apply("status_code").dataType()).isEqualTo(DataTypes.IntegerType);
    assertThat(events.schema().apply("duration_ms").dataType()).isEqualTo(DataTypes.LongType);
    assertThat(events.filter("event_time is null").count())
        .isEqualTo(BadRowPlan.Role.CLICK_MISSING_TIME.rows);

    JsonNode truth = mapper.readTree(out.resolve(DataGenerator.GROUND_TRUTH_FILE).toFile());
    assertThat(truth.get("counts").get("events").asLong()).isEqualTo(result.events());
    assertThat(truth.get("planted_rejects").get("clickstream").get("duplicate_row").asInt())
        .isEqualTo(10);
    assertThat(Files.list(out.resolve(DataGenerator.CLICKSTREAM_DIR)))
        .allMatch(
            p ->
                p.getFileName().toString().startsWith("event_date=")
                    || p.getFileName().toString().equals("_SUCCESS"));
  }

  private static Dataset<Row> clickstream(Path dir) {
    return spark
        .read()
        .parquet(dir.resolve(DataGenerator.CLICKSTREAM_DIR).toString())
        .orderBy("event_id", "event_time");
  }
}

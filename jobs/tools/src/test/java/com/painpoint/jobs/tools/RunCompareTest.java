package com.painpoint.jobs.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.painpoint.features.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCompareTest extends SparkTestBase {

  /** A small run folder: a CSV, a Parquet table, rejected rows as JSON lines, a manifest. */
  private static Path run(Path dir, double lastScore, String generatedAt, String path, long rows)
      throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("touchpoint_ranking.csv"), "touchpoint,score\nbilling,0.5\n");
    Files.writeString(dir.resolve("summary.md"), "# run\ngenerated " + generatedAt + "\n");
    Dataset<Row> themes =
        spark
            .createDataset(List.of("billing", "delivery", "support"), Encoders.STRING())
            .toDF("touchpoint")
            .selectExpr(
                "touchpoint",
                "CASE WHEN touchpoint = 'support' THEN CAST("
                    + lastScore
                    + " AS DOUBLE) ELSE CAST(0.25 AS DOUBLE) END AS score");
    themes.write().parquet(dir.resolve("pain_themes").toString());
    spark
        .createDataset(List.of("x"), Encoders.STRING())
        .toDF("raw")
        .selectExpr("raw", "'missing_text' AS reject_reason", "'" + path + "' AS source_file")
        .write()
        .json(dir.resolve("rejected/feedback").toString());
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"generated_at\":\""
            + generatedAt
            + "\",\"options\":{\"crm\":\""
            + path
            + "\"},\"inputs\":{\"crm\":{\"path\":\""
            + path
            + "\",\"files\":1}},\"sources\":{\"crm\":{\"rows_read\":"
            + rows
            + "}},\"stages\":[{\"stage\":\"contracts\",\"seconds\":"
            + (rows % 7)
            + ",\"summary\":\"accepted crm\"}]}");
    return dir;
  }

  @Test
  void runsThatDifferOnlyInTimesAndInputPathsAreIdentical(@TempDir Path tmp) throws Exception {
    Path a = run(tmp.resolve("a"), 0.75, "2026-07-01 02:00 UTC", "hdfs://nn:8020/in/crm.csv", 10);
    Path b = run(tmp.resolve("b"), 0.75, "2026-07-01 03:17 UTC", "file:/data/crm.csv", 10);

    RunCompare.Report r = new RunCompare(spark).compare(a.toString(), b.toString());

    assertThat(r.differences()).isEmpty();
    assertThat(r.identical()).isTrue();
    assertThat(r.matched())
        .anyMatch(m -> m.startsWith("touchpoint_ranking.csv: byte-identical"))
        .anyMatch(m -> m.startsWith("summary.md: identical apart from its generation time"))
        .anyMatch(m -> m.equals("pain_themes/: identical rows (3)"))
        .anyMatch(m -> m.equals("rejected/feedback/: identical rows (1)"))
        .anyMatch(m -> m.startsWith("manifest.json: identical figures (4 values"));
  }

  @Test
  void aLastBitDifferenceInOneRowIsReportedWithTheRow(@TempDir Path tmp) throws Exception {
    Path a = run(tmp.resolve("a"), 0.75, "2026-07-01 02:00 UTC", "/in", 10);
    Path b = run(tmp.resolve("b"), 0.7500000000000001, "2026-07-01 02:00 UTC", "/in", 10);

    RunCompare.Report r = new RunCompare(spark).compare(a.toString(), b.toString());

    assertThat(r.identical()).isFalse();
    assertThat(r.differences())
        .containsExactly(
            "pain_themes/: 3 vs 3 rows, rows differ\n"
                + "    < {\"touchpoint\":\"support\",\"score\":0.75}\n"
                + "    > {\"touchpoint\":\"support\",\"score\":0.7500000000000001}");
  }

  @Test
  void changedCountsMissingOutputsAndCsvLinesAreEachReported(@TempDir Path tmp) throws Exception {
    Path a = run(tmp.resolve("a"), 0.75, "2026-07-01 02:00 UTC", "/in", 10);
    Path b = run(tmp.resolve("b"), 0.75, "2026-07-01 02:00 UTC", "/in", 11);
    Files.writeString(b.resolve("touchpoint_ranking.csv"), "touchpoint,score\nbilling,0.6\n");
    Files.writeString(a.resolve("touchpoint_impact.csv"), "touchpoint\n");

    RunCompare.Report r = new RunCompare(spark).compare(a.toString(), b.toString());

    assertThat(r.differences())
        .containsExactly(
            "manifest.json figures differ:\n    sources.crm.rows_read: 10 vs 11",
            "touchpoint_impact.csv: only in " + a,
            "touchpoint_ranking.csv: differs from line 2\n    < billing,0.5\n    > billing,0.6");
  }
}

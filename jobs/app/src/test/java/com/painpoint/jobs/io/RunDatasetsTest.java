package com.painpoint.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.painpoint.features.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's dataset registry: key columns checked on write, the previous run resolved once. */
class RunDatasetsTest extends SparkTestBase {
  static final LocalDate DAY = LocalDate.of(2026, 6, 30);

  /** A run path ("file:/tmp/…") as a local path. */
  static Path local(String path) {
    return Path.of(java.net.URI.create(path));
  }

  static Dataset<Row> ranking(String... columns) {
    return spark
        .sql("select 'billing' as touchpoint, 1 as rank, 79.9 as pain_score, 'finance' as owner")
        .selectExpr(columns);
  }

  @Test
  void aDatasetMissingAKeyColumnIsRefusedAtTheWriteNamingWhatIsMissing(@TempDir Path out) {
    RunOutput run = RunOutput.begin(spark, out.toString(), DAY);
    try {
      RunDatasets d = new RunDatasets(spark, run, null);
      assertThatThrownBy(
              () -> d.writeSmallTable(RunDataset.TOUCHPOINT_RANKING, ranking("touchpoint", "rank")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "touchpoint_ranking lacks column(s) [pain_score] that later stages read; it has"
                  + " [touchpoint, rank]");
      assertThat(local(d.path(RunDataset.TOUCHPOINT_RANKING))).doesNotExist();

      d.writeSmallTable(
          RunDataset.TOUCHPOINT_RANKING, ranking("touchpoint", "rank", "pain_score", "owner"));
      assertThat(d.read(RunDataset.TOUCHPOINT_RANKING).collectAsList())
          .extracting(r -> r.getString(0) + " " + r.getInt(1))
          .containsExactly("billing 1");
      assertThat(local(run.path("touchpoint_ranking.csv"))).exists();
    } finally {
      run.abort();
    }
  }

  @Test
  void previousIsTheNewestCommittedRunBeforeTheDateAndOnlyWhatItHolds(@TempDir Path out)
      throws Exception {
    // Committed runs hold a manifest; a folder without one (copied by hand, half-deleted) is not a
    // run. A later date is never "previous".
    for (String day : List.of("2026-06-27", "2026-06-28", "2026-07-01")) {
      Path run = Files.createDirectories(out.resolve("run_date=" + day));
      Files.writeString(run.resolve("manifest.json"), "{}");
      Files.createDirectories(run.resolve("pain_themes"));
    }
    Files.createDirectories(out.resolve("run_date=2026-06-29").resolve("pain_themes"));
    Files.createDirectories(out.resolve("run_date=not-a-date"));

    String previous = PreviousRuns.latestBefore(spark, out.toString(), DAY).orElseThrow();
    assertThat(previous).endsWith("run_date=2026-06-28");
    RunOutput run = RunOutput.begin(spark, out.toString(), DAY);
    try {
      RunDatasets d = new RunDatasets(spark, run, previous);
      assertThat(d.previous(RunDataset.PAIN_THEMES))
          .hasValueSatisfying(p -> assertThat(p).endsWith("run_date=2026-06-28/pain_themes"));
      assertThat(d.previous(RunDataset.FEEDBACK_SCORED)).isEmpty();
      assertThat(new RunDatasets(spark, run, null).previous(RunDataset.PAIN_THEMES)).isEmpty();
    } finally {
      run.abort();
    }
    assertThat(PreviousRuns.latestBefore(spark, out.toString(), LocalDate.of(2026, 6, 27)))
        .isEmpty();
  }
}

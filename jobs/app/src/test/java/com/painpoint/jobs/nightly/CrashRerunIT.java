package com.painpoint.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import com.painpoint.features.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash and rerun, with real processes: the nightly job runs in its own JVM and is SIGKILLed during
 * sentiment, during the churn stage's output writes and during the report. After each kill no run
 * is visible as finished; a second run started while one is in progress refuses; the rerun after
 * the crashes cleans up and gives outputs identical to an uninterrupted run.
 */
class CrashRerunIT extends SparkTestBase {
  static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);
  static final String JOB = "com.painpoint.jobs.nightly.NightlyJob";
  static final Duration STAGE_TIMEOUT = Duration.ofMinutes(15);

  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void generate() throws Exception {
    data = dir.resolve("data");
    ChildJvm gen =
        ChildJvm.start(
            dir.resolve("generate.log"),
            List.of(),
            "com.painpoint.jobs.generate.GenerateDataMain",
            "--customers",
            "300",
            "--seed",
            "11",
            "--out",
            data.toString(),
            "--snapshot-date",
            RUN_DATE.toString(),
            "--days",
            "60");
    assertThat(gen.await(STAGE_TIMEOUT)).as(gen.tail()).isZero();
  }

  static String[] args(Path out) {
    return new String[] {
      "--crm", data.resolve("crm.csv").toString(),
      "--feedback", data.resolve("feedback.jsonl").toString(),
      "--clickstream", data.resolve("clickstream").toString(),
      "--taxonomy", data.resolve("taxonomy.yaml").toString(),
      "--run-date", RUN_DATE.toString(),
      "--out", out.toString()
    };
  }

  static ChildJvm job(Path out, String logName, List<String> props) {
    return ChildJvm.start(dir.resolve(logName), props, JOB, args(out));
  }

  @Test
  void killedRunsLeaveNothingVisibleAndTheRerunMatchesAnUninterruptedRun() throws Exception {
    Path crashed = dir.resolve("crashed");
    Path run = crashed.resolve("run_date=" + RUN_DATE);
    Path lock = crashed.resolve("_staging").resolve("run_date=" + RUN_DATE + ".lock");

    // 1. Killed during sentiment; meanwhile a second run of the same date refuses.
    ChildJvm first = job(crashed, "killed-in-sentiment.log", List.of());
    first.awaitLog("stage 4/7 sentiment:", STAGE_TIMEOUT);
    ChildJvm second = job(crashed, "concurrent.log", List.of());
    assertThat(second.await(STAGE_TIMEOUT)).as(second.tail()).isEqualTo(4);
    assertThat(Files.readString(second.log))
        .contains("another run for " + RUN_DATE + " is in progress");
    assertThat(first.process.isAlive()).as("the first run goes on").isTrue();
    assertThat(first.kill()).isEqualTo(137);
    assertThat(run).as("a run killed in sentiment is not visible").doesNotExist();
    assertThat(lock).as("the killed run's lock stays behind").exists();

    // 2. Killed while the churn stage writes its outputs (after customer_features is written).
    ChildJvm writing = job(crashed, "killed-writing.log", List.of());
    writing.awaitLog("customer_features:", STAGE_TIMEOUT);
    assertThat(Files.readString(writing.log)).contains("taking over");
    assertThat(writing.kill()).isEqualTo(137);
    assertThat(run).as("a run killed while writing outputs is not visible").doesNotExist();

    // 3. Killed during the report (each stage paused 2 s at its start, so the kill lands inside).
    ChildJvm reporting =
        job(crashed, "killed-in-report.log", List.of("-D" + Stages.DEBUG_DELAY + "=2000"));
    reporting.awaitLog("stage 7/7 report:", STAGE_TIMEOUT);
    assertThat(reporting.kill()).isEqualTo(137);
    assertThat(run).as("a run killed in the report is not visible").doesNotExist();

    // 4. The rerun finishes and cleans up; an uninterrupted run elsewhere gives the same outputs.
    ChildJvm rerun = job(crashed, "rerun.log", List.of());
    assertThat(rerun.await(STAGE_TIMEOUT)).as(rerun.tail()).isZero();
    Path clean = dir.resolve("clean");
    ChildJvm uninterrupted = job(clean, "uninterrupted.log", List.of());
    assertThat(uninterrupted.await(STAGE_TIMEOUT)).as(uninterrupted.tail()).isZero();

    assertThat(run.resolve("report.html")).exists();
    Path staging = crashed.resolve("_staging");
    if (Files.exists(staging)) {
      try (Stream<Path> left = Files.list(staging)) {
        assertThat(left.toList()).as("lock or staging left after the rerun").isEmpty();
      }
    }
    Map<String, String> expected =
        NightlyJobIT.comparable(OutputText.of(spark, clean.resolve("run_date=" + RUN_DATE)));
    Map<String, String> actual = NightlyJobIT.comparable(OutputText.of(spark, run));
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    List<String> differing = new ArrayList<>();
    expected.forEach(
        (k, v) -> (v.equals(actual.get(k)) ? new ArrayList<String>() : differing).add(k));
    assertThat(differing).as("outputs differing from an uninterrupted run").isEmpty();
    assertThat(NightlyJobIT.withoutTimestamps(Files.readString(run.resolve("report.html"))))
        .isEqualTo(
            NightlyJobIT.withoutTimestamps(
                Files.readString(clean.resolve("run_date=" + RUN_DATE).resolve("report.html"))));
  }
}

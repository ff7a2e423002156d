package com.painpoint.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.spark.SparkSessions;
import com.painpoint.features.testing.SparkTestBase;
import com.painpoint.jobs.io.HaltHook;
import com.painpoint.jobs.io.RunDataset;
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
 * Crash and rerun, with real processes. The nightly job runs three times on one generated data set
 * and output folder, killed twice in its own JVM:
 *
 * <ol>
 *   <li>halted by {@link HaltHook} in the middle of a stage's writes: the friction stage has
 *       written {@code touchpoint_friction}, not yet {@code customer_friction} (early, so cheap);
 *   <li>halted after its last write, {@code manifest.json}, just before the commit: every stage ran
 *       from scratch to the end and every output is staged, yet none may be visible;
 *   <li>the rerun, which must finish; it runs in the test's JVM (with the children's Spark
 *       settings), as a scheduler's retry after a kill is a new process that knows nothing of the
 *       dead one but its lock and staging folder.
 * </ol>
 *
 * <p>The hook halts the JVM like {@code kill -9} (exit 137, no shutdown hooks, no cleanup) at a
 * point named by a system property, so each kill lands at the same place on every machine, with no
 * log waiting or timing. After each kill no {@code run_date=D/} exists and the dead run's lock
 * stays behind; the next run takes it over and removes the dead run's staging folder; the rerun
 * leaves no lock or staging folder. (Before the hook, runs were killed during sentiment, while the
 * churn stage wrote its outputs and during the report. Every kill before the commit leaves the same
 * thing, an abandoned staging folder; an early kill in the middle of a stage's writes and a kill
 * with everything written cover them, without paying for the slow stages of a third run.)
 *
 * <p>The uninterrupted run is the second child: it did all the work of a night without interruption
 * and only its commit was prevented, so its staged outputs, read before the rerun removes them, are
 * what an uninterrupted run publishes. The rerun's outputs must equal them: every Parquet dataset,
 * CSV and quarantine file, and the report and summary apart from their timestamp.
 *
 * <p>"A second run of the same date while one is in progress refuses" is checked in this JVM,
 * before the first child: the run date's lock is written as held by a live process on this host
 * (this test JVM, alive by construction), and {@link NightlyJob#run} must stop with exit code 4
 * without touching the output. A live child is not needed for that: the refusal is decided by the
 * lock's holder alone ({@code RunOutput}), and racing a live child would make the check
 * timing-dependent.
 */
class CrashRerunIT extends SparkTestBase {
  static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);
  static final String JOB = "com.painpoint.jobs.nightly.NightlyJob";
  static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

  /** The children run with the job's own Spark defaults, without the UI and on loopback. */
  static final List<String> CHILD_SETTINGS =
      List.of(
          "-Dspark.ui.enabled=false",
          "-Dspark.driver.host=127.0.0.1",
          "-Dspark.driver.bindAddress=127.0.0.1");

  /**
   * The Spark settings the children derive for this input (the job's defaults, see {@code
   * SparkSessions.forInput}), for the rerun in this JVM.
   */
  static final Map<String, String> CHILD_SPARK_SETTINGS =
      Map.of(
          "spark.sql.shuffle.partitions",
          String.valueOf(SparkSessions.DEFAULT_SHUFFLE_PARTITIONS),
          "spark.sql.adaptive.enabled",
          "false");

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
    assertThat(gen.await(RUN_TIMEOUT)).as(gen.tail()).isZero();
    // What is under test is atomicity and equality, not the model: a small churn grid (both
    // families, permutation importance on) keeps every stage's code path at a fraction of the cost.
    Files.writeString(
        data.resolve("painpoint.yaml"),
        String.join(
            "\n",
            "churn:",
            "  models: [logistic_regression, gbt]",
            "  logistic_regression: {reg_params: [0.01], elastic_net_params: [0.0]}",
            "  gbt: {max_depths: [3], max_iter: 10, step_size: 0.3}",
            "  permutation_importance: true",
            ""));
  }

  static NightlyOptions options(Path out) {
    return NightlyOptions.parse(args(out));
  }

  static String[] args(Path out) {
    return new String[] {
      "--crm", data.resolve("crm.csv").toString(),
      "--feedback", data.resolve("feedback.jsonl").toString(),
      "--clickstream", data.resolve("clickstream").toString(),
      "--taxonomy", data.resolve("taxonomy.yaml").toString(),
      "--config", data.resolve("painpoint.yaml").toString(),
      "--run-date", RUN_DATE.toString(),
      "--out", out.toString()
    };
  }

  /** The job in its own JVM, halted at {@code haltAt} (null: runs to the end). */
  static ChildJvm job(Path out, String logName, String haltAt) {
    List<String> props = new ArrayList<>(CHILD_SETTINGS);
    if (haltAt != null) {
      props.add("-D" + HaltHook.PROPERTY + "=" + haltAt);
    }
    return ChildJvm.start(dir.resolve(logName), props, JOB, args(out));
  }

  /** The staging folders of runs of RUN_DATE (the lock file aside). */
  static List<String> stagedRuns(Path out) throws Exception {
    Path staging = out.resolve("_staging");
    if (!Files.exists(staging)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(staging)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("run_date=" + RUN_DATE + ".") && !n.endsWith(".lock"))
          .sorted()
          .toList();
    }
  }

  @Test
  void killedRunsLeaveNothingVisibleAndTheRerunMatchesAnUninterruptedRun() throws Exception {
    Path out = dir.resolve("out");
    Path run = out.resolve("run_date=" + RUN_DATE);
    Path lock = out.resolve("_staging").resolve("run_date=" + RUN_DATE + ".lock");

    // 0. A run of the same date is in progress (its lock held by a live process on this host):
    // a second run refuses with exit 4 and touches nothing.
    Files.createDirectories(lock.getParent());
    String live =
        ProcessHandle.current().pid()
            + "@"
            + java.net.InetAddress.getLocalHost().getHostName()
            + " since 2026-06-30T01:00:00Z";
    Files.writeString(lock, live);
    assertThatThrownBy(() -> NightlyJob.run(spark, options(out)))
        .isInstanceOf(PainpointException.class)
        .hasMessageStartingWith(
            "another run for " + RUN_DATE + " is in progress (pid " + live + ")")
        .extracting(e -> ((PainpointException) e).kind().exitCode())
        .isEqualTo(4);
    assertThat(lock).as("the live run's lock is left alone").hasContent(live);
    assertThat(stagedRuns(out)).as("the refused run staged nothing").isEmpty();
    assertThat(run).doesNotExist();
    Files.delete(lock);

    // 1. Halted in the friction stage, between its two outputs.
    ChildJvm friction =
        job(out, "halted-in-friction.log", "wrote:" + RunDataset.TOUCHPOINT_FRICTION.fileName());
    assertThat(friction.await(RUN_TIMEOUT)).as(friction.tail()).isEqualTo(HaltHook.EXIT_STATUS);
    assertThat(Files.readString(friction.log))
        .contains("stage 3/8 friction:")
        .contains("halting at wrote:" + RunDataset.TOUCHPOINT_FRICTION.fileName());
    assertThat(run).as("a run killed while writing outputs is not visible").doesNotExist();
    assertThat(lock).as("the killed run's lock stays behind").exists();
    List<String> staged = stagedRuns(out);
    assertThat(staged).hasSize(1);
    Path frictionStaging = out.resolve("_staging").resolve(staged.get(0));
    assertThat(frictionStaging.resolve("touchpoint_friction.csv")).exists();
    assertThat(frictionStaging.resolve(RunDataset.SESSION_TOUCHPOINTS.fileName())).isDirectory();
    assertThat(frictionStaging.resolve(RunDataset.CUSTOMER_FRICTION.fileName())).doesNotExist();

    // 2. Halted after its last write, just before the commit. It took over the dead run's lock
    // and removed its staging folder.
    ChildJvm complete =
        job(out, "halted-before-commit.log", "wrote:" + RunDataset.MANIFEST.fileName());
    assertThat(complete.await(RUN_TIMEOUT)).as(complete.tail()).isEqualTo(HaltHook.EXIT_STATUS);
    assertThat(Files.readString(complete.log))
        .contains("taking over the lock of a run that died")
        .contains("stage 8/8 report done")
        .contains("halting at wrote:" + RunDataset.MANIFEST.fileName());
    assertThat(run).as("a run killed just before its commit is not visible").doesNotExist();
    assertThat(lock).exists();
    staged = stagedRuns(out);
    assertThat(staged).hasSize(1).doesNotContain(frictionStaging.getFileName().toString());
    Path completeStaging = out.resolve("_staging").resolve(staged.get(0));
    assertThat(completeStaging.resolve(RunDataset.MANIFEST.fileName())).exists();
    // What an uninterrupted run publishes (read now: the rerun removes the abandoned folder).
    Map<String, String> uninterrupted =
        OutputText.comparable(OutputText.of(spark, completeStaging));
    String uninterruptedReport =
        Files.readString(completeStaging.resolve(RunDataset.REPORT_HTML.fileName()));
    String uninterruptedSummary =
        Files.readString(completeStaging.resolve(RunDataset.SUMMARY_MD.fileName()));
    assertThat(uninterrupted.keySet())
        .contains(
            "feedback_scored",
            "pain_themes",
            "customer_risk",
            "touchpoint_ranking.csv",
            "rejected/feedback");

    // 3. The rerun finishes, takes over the lock and cleans up. It runs in this JVM, with the
    // children's Spark settings (the job's defaults for this small input):
    // what it must show is that a new run after a kill recovers, and a third child JVM would only
    // pay the JVM's start and warm-up again.
    StringBuilder rerunLog = new StringBuilder();
    try (LogCapture capture = LogCapture.start(rerunLog)) {
      withConf(CHILD_SPARK_SETTINGS, () -> NightlyJob.run(spark, options(out)));
    }
    assertThat(rerunLog.toString()).contains("taking over the lock of a run that died");
    assertThat(run.resolve(RunDataset.MANIFEST.fileName())).exists();
    assertThat(out.resolve("_staging")).as("lock or staging left after the rerun").doesNotExist();

    // Its outputs are the uninterrupted run's.
    Map<String, String> rerunOutputs = OutputText.comparable(OutputText.of(spark, run));
    assertThat(rerunOutputs.keySet()).isEqualTo(uninterrupted.keySet());
    List<String> differing = new ArrayList<>();
    uninterrupted.forEach(
        (k, v) -> (v.equals(rerunOutputs.get(k)) ? new ArrayList<String>() : differing).add(k));
    assertThat(differing)
        .as("outputs differing between the rerun and an uninterrupted run")
        .isEmpty();
    assertThat(
            OutputText.withoutTimestamps(
                Files.readString(run.resolve(RunDataset.REPORT_HTML.fileName()))))
        .isEqualTo(OutputText.withoutTimestamps(uninterruptedReport));
    assertThat(
            OutputText.withoutTimestamps(
                Files.readString(run.resolve(RunDataset.SUMMARY_MD.fileName()))))
        .isEqualTo(OutputText.withoutTimestamps(uninterruptedSummary));
  }
}

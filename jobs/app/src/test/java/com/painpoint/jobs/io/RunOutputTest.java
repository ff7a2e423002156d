package com.painpoint.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOutputTest extends SparkTestBase {
  static final LocalDate DAY = LocalDate.of(2026, 6, 30);

  @Test
  void aSecondRunOfTheSameDateRefusesWhileTheFirstIsLive(@TempDir Path out) throws Exception {
    RunOutput first = RunOutput.begin(spark, out.toString(), DAY);
    assertThatThrownBy(() -> RunOutput.begin(spark, out.toString(), DAY))
        .isInstanceOf(PainpointException.class)
        .hasMessageStartingWith(
            "another run for 2026-06-30 is in progress (pid " + ProcessHandle.current().pid() + "@")
        .hasMessageContaining("this run stops without touching the output");
    // Another date is not blocked.
    RunOutput other = RunOutput.begin(spark, out.toString(), DAY.plusDays(1));
    other.abort();
    first.writeText("marker.txt", "first");
    first.commit();
    assertThat(out.resolve("run_date=2026-06-30/marker.txt")).hasContent("first");
    assertThat(out.resolve("_staging")).doesNotExist();
    // Once committed, the date can run again.
    RunOutput again = RunOutput.begin(spark, out.toString(), DAY);
    again.abort();
    assertThat(out.resolve("_staging")).doesNotExist();
  }

  @Test
  void aKilledRunsLockAndStagingAreTakenOverByTheRerun(@TempDir Path out) throws Exception {
    Path staging = Files.createDirectories(out.resolve("_staging"));
    Path abandoned = Files.createDirectories(staging.resolve("run_date=2026-06-30.dead0001/x"));
    // A pid that no longer runs on this host: a finished child process.
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    String host = java.net.InetAddress.getLocalHost().getHostName();
    Files.writeString(
        staging.resolve("run_date=2026-06-30.lock"),
        p.pid() + "@" + host + " since 2026-06-30T01:00:00Z");
    RunOutput rerun = RunOutput.begin(spark, out.toString(), DAY);
    assertThat(abandoned.getParent()).doesNotExist();
    rerun.writeText("marker.txt", "rerun");
    rerun.commit();
    assertThat(out.resolve("run_date=2026-06-30/marker.txt")).hasContent("rerun");
    assertThat(out.resolve("_staging")).doesNotExist();
  }

  @Test
  void aLockFromAnotherHostIsNotTakenOver() {
    assertThat(RunOutput.diedOnThisHost("1@some-other-host since 2026-06-30T01:00:00Z")).isFalse();
    assertThat(RunOutput.diedOnThisHost("garbage")).isFalse();
    assertThat(
            RunOutput.diedOnThisHost(
                ProcessHandle.current().pid() + "@" + RunOutput.owner().split("@")[1]))
        .isFalse();
  }
}

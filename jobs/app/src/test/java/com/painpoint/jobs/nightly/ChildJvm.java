package com.painpoint.jobs.nightly;

import com.painpoint.jobs.io.HaltHook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Painpoint main class in its own JVM (the command line of the bench's {@link
 * com.painpoint.jobs.bench.ChildJvm#command}, with this test JVM's flags), its output in a log
 * file, so a test can let it crash (see {@link HaltHook}) without taking the test JVM down.
 */
final class ChildJvm {
  final Process process;
  final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ChildJvm start(Path log, List<String> jvmProps, String mainClass, String... args) {
    List<String> props = new ArrayList<>();
    props.add(
        "-Dlog4j2.configurationFile="
            + Path.of("src/main/resources/painpoint-log4j2.properties").toAbsolutePath());
    props.addAll(jvmProps);
    List<String> cmd =
        com.painpoint.jobs.bench.ChildJvm.command(
            "3g", com.painpoint.jobs.bench.ChildJvm.JOB_FLAGS, props, mainClass, List.of(args));
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new ChildJvm(p, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the process to end and returns its exit code; fails if time runs out. */
  int await(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("still running after " + timeout + ":\n" + tail());
    }
    return process.exitValue();
  }

  String tail() throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
  }
}

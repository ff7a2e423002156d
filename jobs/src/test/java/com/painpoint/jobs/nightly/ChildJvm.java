package com.painpoint.jobs.nightly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Painpoint main class in its own JVM (this test JVM's classpath and --add-opens flags), with its
 * output in a log file, so a test can SIGKILL it the way an operator or a node failure would.
 */
final class ChildJvm {
  final Process process;
  final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ChildJvm start(Path log, List<String> jvmProps, String mainClass, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-")
          || a.startsWith("-XX:")
          || a.startsWith("-Dio.netty")
          || a.startsWith("-Djdk.")) {
        cmd.add(a);
      }
    }
    cmd.add("-Xmx3g");
    cmd.add(
        "-Dlog4j2.configurationFile="
            + Path.of("src/main/resources/painpoint-log4j2.properties").toAbsolutePath());
    cmd.addAll(jvmProps);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
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

  /** Waits until the log holds {@code marker}; fails if the process ends first or time runs out. */
  void awaitLog(String marker, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(marker)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "process ended (exit " + process.exitValue() + ") before '" + marker + "':\n" + tail());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + marker + "' within " + timeout + ":\n" + tail());
  }

  /** SIGKILL, as the kernel's OOM killer or a lost node would; returns the exit code. */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    return process.waitFor();
  }

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

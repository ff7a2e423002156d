package com.painpoint.jobs.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a Painpoint main class in its own JVM (same classpath and Spark JVM flags as the bench) and
 * samples its resident memory from /proc every 100 ms, per stage of the nightly job as its log
 * announces them: in local mode that JVM is the driver, so its peak RSS is the driver's peak.
 */
public final class ChildJvm {
  private static final Pattern STAGE_START = Pattern.compile("stage \\d+/\\d+ ([^:]+): ");

  /** What a child run left: exit code, output lines, peak RSS overall and per stage (MB). */
  record Outcome(
      int exitCode,
      List<String> lines,
      double seconds,
      long peakRssMb,
      Map<String, Long> stagePeakRssMb) {}

  /**
   * The JVM options every launch of the job gets (the pom's {@code spark.jvm.opens}, as the scripts
   * and surefire pass them), by prefix: the module flags Spark needs on Java 17, the JIT flags
   * ({@code -XX:-DontCompileHugeMethods}: without it the contracts' generated row checks run
   * interpreted; the 200k night's contracts stage took 295 s instead of about 170 s) and the
   * reflection settings.
   */
  public static final List<String> JOB_FLAGS = List.of("--add-", "-XX:", "-Dio.netty", "-Djdk.");

  /** JVM options of a bench child taken from this JVM: the job's flags, logging, the repo root. */
  static final List<String> BENCH_INHERITED =
      java.util.stream.Stream.concat(
              JOB_FLAGS.stream(),
              java.util.stream.Stream.of("-Dlog4j2.configurationFile", "-Dpainpoint.root"))
          .toList();

  private ChildJvm() {}

  /**
   * The command line of a Painpoint main class in a JVM of its own: this JVM's java and classpath,
   * the given heap, this JVM's options that start with one of {@code inherited} (the --add-opens
   * flags Spark needs on Java 17, for one), then {@code jvmProps}.
   */
  public static List<String> command(
      String heap,
      List<String> inherited,
      List<String> jvmProps,
      String mainClass,
      List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (inherited.stream().anyMatch(a::startsWith)) {
        cmd.add(a);
      }
    }
    cmd.addAll(jvmProps);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  static Outcome run(String heap, int cores, String mainClass, List<String> args, Path log)
      throws IOException, InterruptedException {
    List<String> cmd =
        command(
            heap, BENCH_INHERITED, List.of("-Dspark.master=local[" + cores + "]"), mainClass, args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    long start = System.nanoTime();
    Process p = pb.start();
    Map<String, Long> stagePeak = new LinkedHashMap<>();
    String[] stage = {"startup"};
    long[] peak = {0};
    Thread sampler =
        new Thread(
            () -> {
              Path status = Path.of("/proc/" + p.pid() + "/status");
              while (p.isAlive()) {
                long rss = rssKb(status, "VmRSS:");
                long hwm = rssKb(status, "VmHWM:");
                synchronized (stagePeak) {
                  stagePeak.merge(stage[0], rss / 1024, Math::max);
                  peak[0] = Math.max(peak[0], Math.max(rss, hwm) / 1024);
                }
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "rss-sampler");
    sampler.setDaemon(true);
    sampler.start();
    List<String> lines = new ArrayList<>();
    Files.createDirectories(log.getParent());
    try (BufferedReader r =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter w =
            new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      String line;
      while ((line = r.readLine()) != null) {
        w.println(line);
        lines.add(line);
        Matcher m = STAGE_START.matcher(line);
        if (m.find() && !line.contains(" done in ")) {
          synchronized (stagePeak) {
            stage[0] = m.group(1);
          }
        }
      }
    }
    int code = p.waitFor();
    sampler.interrupt();
    sampler.join();
    double seconds = (System.nanoTime() - start) / 1e9;
    synchronized (stagePeak) {
      return new Outcome(code, lines, seconds, peak[0], new LinkedHashMap<>(stagePeak));
    }
  }

  /** A value in kB from /proc/PID/status, 0 when the process is gone. */
  private static long rssKb(Path status, String key) {
    try {
      for (String l : Files.readAllLines(status)) {
        if (l.startsWith(key)) {
          return Long.parseLong(l.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process ended between isAlive() and the read.
    }
    return 0;
  }

  static void forEachPrefixed(List<String> lines, String prefix, Consumer<Map<String, String>> f) {
    for (String l : lines) {
      if (l.startsWith(prefix)) {
        f.accept(keyValues(l.substring(prefix.length())));
      }
    }
  }

  /** key=value pairs of a RESULT/PEER line. */
  static Map<String, String> keyValues(String s) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String part : s.trim().split("\\s+")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        m.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return m;
  }
}

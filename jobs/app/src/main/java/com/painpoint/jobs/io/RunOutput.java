package com.painpoint.jobs.io;

import com.painpoint.features.config.PainpointException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The output folder of one run date, written atomically: everything goes to a private staging
 * folder, and {@link #commit()} renames it to {@code <out>/run_date=YYYY-MM-DD}, replacing a
 * previous run of that date. Readers never see a half-written run.
 */
public final class RunOutput {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("painpoint");
  public static final String STAGING = "_staging";

  private final FileSystem fs;
  private final Path root;
  private final Path staging;
  private final Path target;
  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final Path lock;

  private RunOutput(FileSystem fs, Path root, LocalDate runDate) {
    this.fs = fs;
    this.root = root;
    this.target = new Path(root, "run_date=" + runDate);
    this.staging = new Path(new Path(root, STAGING), "run_date=" + runDate + "." + id);
    this.lock = new Path(new Path(root, STAGING), "run_date=" + runDate + ".lock");
  }

  /** Who holds a run date's lock: written into the lock file, read back by a refused run. */
  static String owner() {
    return ProcessHandle.current().pid()
        + "@"
        + hostName()
        + " since "
        + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "unknown-host";
    }
  }

  /**
   * Takes the run date's lock (created atomically), so two runs of one date cannot interleave. A
   * lock left by a run that died on this host (its process is gone) is taken over; a lock held by a
   * live process, or by another host, refuses the run.
   */
  private void acquire(LocalDate runDate) throws IOException {
    for (int attempt = 0; attempt < 2; attempt++) {
      if (fs.createNewFile(lock)) {
        try (OutputStream os = fs.create(lock, true)) {
          os.write(owner().getBytes(StandardCharsets.UTF_8));
        }
        return;
      }
      String holder = readLock();
      if (attempt == 0 && diedOnThisHost(holder)) {
        LOG.warn(
            "run {}: taking over the lock of a run that died ({}); its staging will be removed",
            runDate,
            holder);
        fs.delete(lock, false);
        continue;
      }
      throw new PainpointException(
          PainpointException.Kind.RUNTIME,
          "another run for "
              + runDate
              + " is in progress ("
              + (holder.isBlank() ? "holder unknown" : "pid " + holder)
              + "); this run stops without touching the output. If that run is dead, remove "
              + lock);
    }
  }

  private String readLock() {
    try (java.io.InputStream in = fs.open(lock)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }

  /** "pid@host since …" naming this host and a process that no longer runs. */
  static boolean diedOnThisHost(String holder) {
    int at = holder.indexOf('@');
    int since = holder.indexOf(" since ");
    if (at <= 0 || since <= at) {
      return false;
    }
    try {
      long pid = Long.parseLong(holder.substring(0, at));
      String host = holder.substring(at + 1, since);
      return host.equals(hostName()) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Staging folders of this date left by runs that were killed (we hold the lock: none is live).
   */
  private void removeAbandoned(LocalDate runDate) throws IOException {
    Path dir = staging.getParent();
    String prefix = "run_date=" + runDate + ".";
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (s.isDirectory() && name.startsWith(prefix) && !s.getPath().equals(staging)) {
        fs.delete(s.getPath(), true);
      }
    }
  }

  private void release() throws IOException {
    fs.delete(lock, false);
  }

  /** Creates the staging folder for {@code runDate} under {@code out}. */
  public static RunOutput begin(SparkSession spark, String out, LocalDate runDate) {
    Path root = new Path(out);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      RunOutput o = new RunOutput(fs, fs.makeQualified(root), runDate);
      if (!fs.mkdirs(o.staging.getParent())) {
        throw new IOException("mkdirs returned false");
      }
      o.acquire(runDate);
      o.removeAbandoned(runDate);
      if (!fs.mkdirs(o.staging)) {
        o.release();
        throw new IOException("mkdirs returned false");
      }
      return o;
    } catch (IOException e) {
      throw new PainpointException(
          PainpointException.Kind.RUNTIME,
          "cannot create output folder under " + out + ": " + e,
          e);
    }
  }

  /** Path of an output inside the staging folder (where this run writes). */
  public String path(String name) {
    return new Path(staging, name).toString();
  }

  /** Where the committed run lives. */
  public String finalPath() {
    return target.toString();
  }

  public String finalPath(String name) {
    return new Path(target, name).toString();
  }

  public void writeText(String name, String text) {
    try (OutputStream os = fs.create(new Path(staging, name), true)) {
      os.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new PainpointException(
          PainpointException.Kind.RUNTIME, "cannot write " + path(name) + ": " + e, e);
    }
    HaltHook.reached("wrote:" + name);
  }

  /**
   * Writes a small table (a few dozen rows) twice: as Parquet under {@code name/} and as one CSV
   * file {@code name.csv} for spreadsheets.
   */
  public void writeSmallTable(
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> table, String name) {
    table.write().mode(org.apache.spark.sql.SaveMode.Overwrite).parquet(path(name));
    table
        .coalesce(1)
        .write()
        .mode(org.apache.spark.sql.SaveMode.Overwrite)
        .option("header", "true")
        // A quote inside a value is doubled (RFC 4180), as spreadsheets read it, not backslashed.
        .option("escape", "\"")
        .csv(path("_" + name + "_csv"));
    singleFile("_" + name + "_csv", name + ".csv");
    HaltHook.reached("wrote:" + name);
  }

  /**
   * Replaces a folder that Spark wrote with one CSV part (coalesce(1)) by a single named file, so
   * users get {@code touchpoint_friction.csv} rather than a folder of parts.
   */
  void singleFile(String sparkFolder, String fileName) {
    Path dir = new Path(staging, sparkFolder);
    try {
      Path part = null;
      for (FileStatus s : fs.listStatus(dir)) {
        if (s.getPath().getName().startsWith("part-")) {
          part = s.getPath();
        }
      }
      if (part == null) {
        throw new IOException("no part file in " + dir);
      }
      if (!fs.rename(part, new Path(staging, fileName))) {
        throw new IOException("rename of " + part + " failed");
      }
      fs.delete(dir, true);
    } catch (IOException e) {
      throw new PainpointException(
          PainpointException.Kind.RUNTIME, "cannot write " + path(fileName) + ": " + e, e);
    }
  }

  /** Removes an intermediate output of this run (a path returned by {@link #path}). */
  public void delete(String path) {
    try {
      fs.delete(new Path(path), true);
    } catch (IOException e) {
      throw new PainpointException(
          PainpointException.Kind.RUNTIME, "cannot remove " + path + ": " + e, e);
    }
  }

  /** Publishes the staged run, replacing any previous run of the same date. */
  public void commit() {
    try {
      Path replaced = null;
      if (fs.exists(target)) {
        replaced = new Path(staging.getParent(), "replaced-" + target.getName() + "." + id);
        if (!fs.rename(target, replaced)) {
          throw new IOException("could not move the previous run " + target + " aside");
        }
      }
      if (!fs.rename(staging, target)) {
        if (replaced != null) {
          fs.rename(replaced, target);
        }
        throw new IOException("could not rename " + staging + " to " + target);
      }
      if (replaced != null) {
        fs.delete(replaced, true);
      }
      release();
      deleteIfEmpty(staging.getParent());
    } catch (IOException e) {
      throw new PainpointException(
          PainpointException.Kind.RUNTIME, "cannot commit run to " + target + ": " + e, e);
    }
  }

  /** Removes this run's staging folder after a failure (best effort; never hides the failure). */
  public void abort() {
    try {
      fs.delete(staging, true);
      release();
      deleteIfEmpty(staging.getParent());
    } catch (IOException ignored) {
      // The original failure matters more; a stale staging folder is never read as a run.
    }
  }

  private void deleteIfEmpty(Path dir) throws IOException {
    if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
      fs.delete(dir, false);
    }
  }

  public Path root() {
    return root;
  }
}

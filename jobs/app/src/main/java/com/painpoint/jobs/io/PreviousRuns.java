package com.painpoint.jobs.io;

import com.painpoint.features.config.PainpointException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Finds committed earlier runs under the output root (for reuse and night-to-night comparison). */
public final class PreviousRuns {
  private PreviousRuns() {}

  /**
   * The newest committed run before {@code runDate} under {@code outRoot} (its {@code run_date=D}
   * folder, which only appears when a run commits, holding its manifest), if any.
   */
  public static Optional<String> latestBefore(
      SparkSession spark, String outRoot, LocalDate runDate) {
    Path root = new Path(outRoot);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        return Optional.empty();
      }
      LocalDate best = null;
      Path bestPath = null;
      for (FileStatus s : fs.listStatus(root)) {
        String name = s.getPath().getName();
        if (!s.isDirectory() || !name.startsWith("run_date=")) {
          continue;
        }
        LocalDate d;
        try {
          d = LocalDate.parse(name.substring("run_date=".length()));
        } catch (DateTimeParseException e) {
          continue;
        }
        if (d.isBefore(runDate)
            && (best == null || d.isAfter(best))
            && fs.exists(new Path(s.getPath(), RunDataset.MANIFEST.fileName()))) {
          best = d;
          bestPath = s.getPath();
        }
      }
      return Optional.ofNullable(bestPath).map(Path::toString);
    } catch (IOException e) {
      throw new PainpointException(
          PainpointException.Kind.RUNTIME, "cannot list earlier runs in " + outRoot + ": " + e, e);
    }
  }
}

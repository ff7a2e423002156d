package com.painpoint.jobs.io;

import com.painpoint.features.config.PainpointException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * This run's datasets (written to its staging folder, see {@link RunOutput}) and the previous
 * committed run's, resolved once: the only place that turns a {@link RunDataset} into a path.
 */
public final class RunDatasets {
  private final SparkSession spark;
  private final RunOutput out;
  private final String previousRun;

  /**
   * @param previousRun the newest committed run folder before this one, or null for a first night
   */
  public RunDatasets(SparkSession spark, RunOutput out, String previousRun) {
    this.spark = spark;
    this.out = out;
    this.previousRun = previousRun;
  }

  /** Where this run writes {@code d} (inside its staging folder until the run commits). */
  public String path(RunDataset d) {
    return out.path(d.fileName());
  }

  public Dataset<Row> read(RunDataset d) {
    return spark.read().parquet(path(d));
  }

  /** Writes a Parquet dataset, after checking it holds the columns later stages rely on. */
  public void write(RunDataset d, Dataset<Row> rows) {
    check(d, rows);
    rows.write().mode(SaveMode.Overwrite).parquet(path(d));
  }

  /** Writes a small table as Parquet and as {@code <name>.csv}. */
  public void writeSmallTable(RunDataset d, Dataset<Row> rows) {
    check(d, rows);
    out.writeSmallTable(rows, d.fileName());
  }

  public void writeText(RunDataset d, String text) {
    out.writeText(d.fileName(), text);
  }

  /** Removes an intermediate dataset of this run. */
  public void delete(RunDataset d) {
    out.delete(path(d));
  }

  /** The previous run's folder, if there is one. */
  public Optional<String> previousRun() {
    return Optional.ofNullable(previousRun);
  }

  /** {@code d} in the previous committed run, if that run has it. */
  public Optional<String> previous(RunDataset d) {
    if (previousRun == null) {
      return Optional.empty();
    }
    Path p = new Path(previousRun, d.fileName());
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(p) ? Optional.of(p.toString()) : Optional.empty();
    } catch (IOException e) {
      throw new PainpointException(
          PainpointException.Kind.RUNTIME, "cannot read the previous run " + p + ": " + e, e);
    }
  }

  /** {@code d} as the previous committed run wrote it, if that run has it. */
  public Optional<Dataset<Row>> readPrevious(RunDataset d) {
    return previous(d).map(p -> spark.read().parquet(p));
  }

  private static void check(RunDataset d, Dataset<Row> rows) {
    List<String> missing = new ArrayList<>();
    List<String> present = List.of(rows.columns());
    for (String c : d.keyColumns()) {
      if (!present.contains(c)) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          d.fileName()
              + " lacks column(s) "
              + missing
              + " that later stages read; it has "
              + present);
    }
  }
}

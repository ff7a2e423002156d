package com.painpoint.jobs.generate;

import com.painpoint.jobs.generate.CustomerSimulator.SimulatedCustomer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the synthetic data set: taxonomy.yaml, crm.csv and feedback.jsonl streamed from the driver
 * one customer at a time, the clickstream as Parquet from Spark executors, and ground_truth.json.
 */
final class DataGenerator {

  /** What one generation wrote. */
  record Result(long crmRows, long feedbackRows, long events) {}

  static final String CRM_FILE = "crm.csv";
  static final String FEEDBACK_FILE = "feedback.jsonl";

  /** Per written sentence, the planted theme it came from: for tests and evaluation only. */
  static final String LABELS_FILE = "feedback_labels.jsonl";

  static final String CLICKSTREAM_DIR = "clickstream";
  static final String TAXONOMY_FILE = "taxonomy.yaml";
  static final String INITIATIVES_FILE = "initiatives.yaml";
  static final String GROUND_TRUTH_FILE = "ground_truth.json";

  /** Customers per Spark partition of the clickstream job. */
  static final int CUSTOMERS_PER_PARTITION = 20_000;

  private DataGenerator() {}

  static Result run(SparkSession spark, GeneratorOptions options) {
    Path out = new Path(options.out());
    FileSystem fs = textFileSystem(spark, out);
    CustomerSimulator simulator = new CustomerSimulator(options);
    GroundTruth truth = new GroundTruth(options, simulator.badRows());
    try {
      fs.mkdirs(out);
      writeText(fs, new Path(out, TAXONOMY_FILE), TaxonomyYaml.render());
      writeCrmAndFeedback(fs, out, options, simulator, truth);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + out, e);
    }
    writeClickstream(spark, options, simulator, new Path(out, CLICKSTREAM_DIR));
    try {
      writeText(fs, new Path(out, INITIATIVES_FILE), truth.initiatives().yaml());
      writeText(fs, new Path(out, GROUND_TRUTH_FILE), truth.toJson());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + out, e);
    }
    return new Result(truth.customerRows(), truth.feedbackRows(), truth.events());
  }

  /** One pass over the customers: never more than one customer in memory. */
  private static void writeCrmAndFeedback(
      FileSystem fs,
      Path out,
      GeneratorOptions options,
      CustomerSimulator simulator,
      GroundTruth truth)
      throws IOException {
    try (Writer crm = open(fs, new Path(out, CRM_FILE));
        Writer feedback = open(fs, new Path(out, FEEDBACK_FILE));
        Writer labels = open(fs, new Path(out, LABELS_FILE))) {
      crm.write(CrmCsv.HEADER);
      crm.write('\n');
      for (long i = 0; i < options.customers(); i++) {
        SimulatedCustomer c = simulator.simulate(i);
        for (CrmRecord row : c.crmRows()) {
          crm.write(CrmCsv.line(row));
          crm.write('\n');
        }
        String lastId = null;
        for (FeedbackRecord row : c.feedback()) {
          feedback.write(FeedbackJson.line(row));
          feedback.write('\n');
          // A planted duplicate row repeats its feedback id; its sentences are labelled once.
          if (!row.feedbackId().equals(lastId)) {
            for (String line : FeedbackJson.labelLines(row)) {
              labels.write(line);
              labels.write('\n');
            }
          }
          lastId = row.feedbackId();
        }
        truth.add(c);
      }
    }
  }

  private static void writeClickstream(
      SparkSession spark, GeneratorOptions options, CustomerSimulator simulator, Path target) {
    int partitions = Math.max(1, options.customers() / CUSTOMERS_PER_PARTITION);
    spark
        .sparkContext()
        .setJobGroup(
            "generate-data",
            "generate clickstream for " + options.customers() + " customers",
            false);
    try {
      FlatMapFunction<Long, Row> toRows =
          index -> {
            List<Row> rows = new ArrayList<>();
            for (ClickEvent e : simulator.events(index)) {
              rows.add(ClickstreamSchema.toRow(e));
            }
            return rows.iterator();
          };
      Dataset<Row> events =
          spark
              .range(0, options.customers(), 1, partitions)
              .flatMap(toRows, Encoders.row(ClickstreamSchema.SCHEMA));
      events
          .write()
          .mode(SaveMode.Overwrite)
          .partitionBy(ClickstreamSchema.EVENT_DATE)
          .parquet(target.toString());
    } finally {
      spark.sparkContext().clearJobGroup();
    }
    removeLocalChecksums(spark, target);
  }

  /**
   * Local writes leave a .crc file beside every Parquet file; they only add noise to a committed
   * sample, and Hadoop reads the files fine without them.
   */
  private static void removeLocalChecksums(SparkSession spark, Path dir) {
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!(fs instanceof LocalFileSystem local)) {
        return;
      }
      FileSystem raw = local.getRawFileSystem();
      RemoteIterator<LocatedFileStatus> files = raw.listFiles(dir, true);
      List<Path> checksums = new ArrayList<>();
      while (files.hasNext()) {
        Path p = files.next().getPath();
        if (p.getName().endsWith(".crc")) {
          checksums.add(p);
        }
      }
      for (Path p : checksums) {
        raw.delete(p, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tidy " + dir, e);
    }
  }

  /** The file system for the text files; raw on local disks so no .crc files appear. */
  private static FileSystem textFileSystem(SparkSession spark, Path out) {
    try {
      FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the file system of " + out, e);
    }
  }

  private static Writer open(FileSystem fs, Path path) throws IOException {
    return new BufferedWriter(
        new OutputStreamWriter(fs.create(path, true), StandardCharsets.UTF_8), 1 << 16);
  }

  private static void writeText(FileSystem fs, Path path, String text) throws IOException {
    try (Writer w = open(fs, path)) {
      w.write(text);
    }
  }
}

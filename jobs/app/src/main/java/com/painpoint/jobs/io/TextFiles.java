package com.painpoint.jobs.io;

import com.painpoint.features.config.PainpointException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Reads small text files (config, taxonomy) from any Hadoop file system: local, hdfs://, s3a://.
 */
public final class TextFiles {
  private TextFiles() {}

  public static String read(SparkSession spark, String path, String what) {
    Path p = new Path(path);
    try (InputStream in = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      throw PainpointException.config(what + " file not found: " + path);
    } catch (IOException e) {
      throw new PainpointException(
          PainpointException.Kind.CONFIG, "cannot read " + what + " file " + path + ": " + e, e);
    }
  }
}

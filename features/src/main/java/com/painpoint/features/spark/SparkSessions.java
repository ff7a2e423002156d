package com.painpoint.features.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds SparkSessions the way Painpoint needs them: UTC session time zone (dates and day
 * partitions do not depend on the machine), a fixed number of shuffle partitions unless one is
 * given, and an embedded local master only when none is set.
 */
public final class SparkSessions {
  /**
   * Shuffle partitions when neither spark-submit nor the user sets {@code
   * spark.sql.shuffle.partitions}. A job setting, not a machine one: which rows meet in which
   * partition decides the order of floating-point sums and the ML stages' partition-wise sampling,
   * so embedded and cluster runs of the same night agree to the last bit only with the same count.
   * Sized for data-samples-scale inputs (2,000 customers, 160k events); Spark's own default of 200
   * makes such a run several times slower. Raise it with {@code --conf
   * spark.sql.shuffle.partitions=N} for large inputs.
   */
  public static final int DEFAULT_SHUFFLE_PARTITIONS = 4;

  private SparkSessions() {}

  /** A session for a job: keeps a master given by spark-submit, else runs embedded local[*]. */
  public static SparkSession forJob(String appName) {
    SparkSession.Builder b =
        SparkSession.builder().appName(appName).config("spark.sql.session.timeZone", "UTC");
    // spark-submit passes its settings to the driver as system properties, which SparkConf reads.
    SparkConf given = new SparkConf();
    if (!given.contains("spark.sql.shuffle.partitions")) {
      b.config("spark.sql.shuffle.partitions", String.valueOf(DEFAULT_SHUFFLE_PARTITIONS));
    }
    if (!given.contains("spark.master") && System.getenv("MASTER") == null) {
      b.master("local[*]").config("spark.ui.showConsoleProgress", "false");
    }
    return b.getOrCreate();
  }

  /** A small local session for tests: local[2], UI off, loopback, two shuffle partitions. */
  public static SparkSession forTests(String appName) {
    return SparkSession.builder()
        .appName(appName)
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.adaptive.enabled", "false")
        .getOrCreate();
  }
}

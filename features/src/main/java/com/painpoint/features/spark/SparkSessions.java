package com.painpoint.features.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Builds SparkSessions the way Painpoint needs them: UTC session time zone (dates and day
 * partitions do not depend on the machine), and an embedded local master only when none is set.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** A session for a job: keeps a master given by spark-submit, else runs embedded local[*]. */
  public static SparkSession forJob(String appName) {
    SparkSession.Builder b =
        SparkSession.builder().appName(appName).config("spark.sql.session.timeZone", "UTC");
    if (System.getProperty("spark.master") == null && System.getenv("MASTER") == null) {
      // Spark's default of 200 shuffle partitions is made for clusters; embedded runs use a few
      // per core. On a cluster the user's own setting applies.
      int partitions = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
      b.master("local[*]")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", String.valueOf(partitions));
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

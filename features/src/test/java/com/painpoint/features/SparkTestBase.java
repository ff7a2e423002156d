package com.painpoint.features;

import com.painpoint.features.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One local SparkSession per test class (local[2], UI off, loopback, 2 shuffle partitions). */
public abstract class SparkTestBase {
  protected static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkSessions.forTests("painpoint-features-test");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }
}

package com.painpoint.features.testing;

import com.painpoint.features.spark.SparkSessions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;

/**
 * The test JVM's one local SparkSession ({@link SparkSessions#forTests}: local[2], UI off, bound to
 * loopback, two shuffle partitions, UTC, no adaptive execution), shared by every test class of a
 * module's surefire fork. It is created when the first test class that extends this base is loaded,
 * never stopped by a test class, and stopped by a JVM shutdown hook.
 *
 * <p>Sharing the session means sharing its state: a test that needs other settings changes them
 * with {@link #withConf} (which restores them); after each class the cache is cleared and the
 * shared settings are checked, so a class that leaks a setting fails instead of its successors.
 */
public abstract class SparkTestBase {
  /** Runtime settings every test class may rely on. */
  static final Map<String, String> SHARED_SETTINGS =
      Map.of(
          "spark.sql.shuffle.partitions", "2",
          "spark.sql.session.timeZone", "UTC",
          "spark.sql.adaptive.enabled", "false");

  protected static final SparkSession spark = Shared.SESSION;

  /** Holder idiom: the session is built on first use, once per JVM. */
  private static final class Shared {
    static final SparkSession SESSION = start();

    private static SparkSession start() {
      SparkSession s = SparkSessions.forTests("painpoint-tests");
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "stop-test-spark"));
      return s;
    }
  }

  /** The shared session, for helpers that are not test classes. */
  public static SparkSession session() {
    return spark;
  }

  /**
   * Runs {@code work} with session settings changed (e.g. more shuffle partitions), restoring each
   * setting's previous value afterwards, also when {@code work} throws.
   */
  public static <T> T withConf(Map<String, String> settings, Supplier<T> work) {
    Map<String, String> before = new LinkedHashMap<>();
    settings
        .keySet()
        .forEach(k -> before.put(k, spark.conf().contains(k) ? spark.conf().get(k) : null));
    try {
      settings.forEach((k, v) -> spark.conf().set(k, v));
      return work.get();
    } finally {
      before.forEach(
          (k, v) -> {
            if (v == null) {
              spark.conf().unset(k);
            } else {
              spark.conf().set(k, v);
            }
          });
    }
  }

  @AfterAll
  static void clearCacheAndCheckSharedSettings() {
    spark.catalog().clearCache();
    Map<String, String> leaked = new LinkedHashMap<>();
    SHARED_SETTINGS.forEach(
        (k, v) -> {
          String now = spark.conf().get(k);
          if (!v.equals(now)) {
            leaked.put(k, now);
            spark.conf().set(k, v);
          }
        });
    if (!leaked.isEmpty()) {
      throw new AssertionError(
          "a test class changed shared Spark settings without restoring them: "
              + leaked
              + " (expected "
              + SHARED_SETTINGS
              + "); use SparkTestBase.withConf");
    }
  }
}

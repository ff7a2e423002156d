package com.painpoint.features.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.painpoint.features.testing.SparkTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shuffle partition count and adaptive execution a job derives from its input size. */
class SparkSessionsTest extends SparkTestBase {
  @Test
  void oneShufflePartitionPer32MiBOfInputBetweenFourAndFourHundred() {
    long mib = 1L << 20;
    assertThat(SparkSessions.partitionsFor(0)).isEqualTo(4);
    // data-samples: about 5 MiB.
    assertThat(SparkSessions.partitionsFor(5 * mib)).isEqualTo(4);
    assertThat(SparkSessions.partitionsFor(128 * mib)).isEqualTo(4);
    assertThat(SparkSessions.partitionsFor(128 * mib + 1)).isEqualTo(5);
    // The 200k-customer bench night: 395 MiB.
    assertThat(SparkSessions.partitionsFor(395 * mib)).isEqualTo(13);
    assertThat(SparkSessions.partitionsFor(1L << 40)).isEqualTo(400);
  }

  @Test
  void adaptiveExecutionOffOnlyForASmallInputOverFewPartitions() {
    long mib = 1L << 20;
    assertThat(SparkSessions.SMALL_INPUT_BYTES).isEqualTo(128 * mib);
    assertThat(SparkSessions.adaptiveFor(0, 4)).isFalse();
    // data-samples: about 5 MiB.
    assertThat(SparkSessions.adaptiveFor(5 * mib, 4)).isFalse();
    assertThat(SparkSessions.adaptiveFor(5 * mib, 2)).isFalse();
    assertThat(SparkSessions.adaptiveFor(128 * mib, 4)).isFalse();
    assertThat(SparkSessions.adaptiveFor(128 * mib + 1, 5)).isTrue();
    // The cluster test's run on data-samples: 48 partitions given, so adaptive execution on.
    assertThat(SparkSessions.adaptiveFor(5 * mib, 48)).isTrue();
    // The 200k-customer bench night: 395 MiB.
    assertThat(SparkSessions.adaptiveFor(395 * mib, 13)).isTrue();
  }

  @Test
  void aSessionWithoutGivenSettingsIsSizedForItsInputAndGivenSettingsStay() {
    long mib = 1L << 20;
    // As forJob leaves a session when neither setting was given (both settings are listed so that
    // withConf restores what forInput sets).
    withConf(
        Map.of(
            SparkSessions.DERIVED,
            "true",
            SparkSessions.ADAPTIVE_DERIVED,
            "true",
            "spark.sql.shuffle.partitions",
            "4",
            SparkSessions.ADAPTIVE,
            "true"),
        () -> {
          assertThat(SparkSessions.forInput(spark, 5 * mib)).isEqualTo(4);
          assertThat(SparkSessions.adaptive(spark)).isFalse();
          assertThat(SparkSessions.forInput(spark, 395 * mib)).isEqualTo(13);
          assertThat(SparkSessions.adaptive(spark)).isTrue();
          return null;
        });
    // Partitions given (48, as on the cluster), adaptive execution not: it stays on.
    withConf(
        Map.of(
            SparkSessions.DERIVED,
            "false",
            SparkSessions.ADAPTIVE_DERIVED,
            "true",
            "spark.sql.shuffle.partitions",
            "48",
            SparkSessions.ADAPTIVE,
            "false"),
        () -> {
          assertThat(SparkSessions.forInput(spark, 5 * mib)).isEqualTo(48);
          assertThat(SparkSessions.adaptive(spark)).isTrue();
          return null;
        });
    // Both given (the shared test session: 2 partitions, adaptive execution off): left alone.
    withConf(
        Map.of(SparkSessions.DERIVED, "false", SparkSessions.ADAPTIVE_DERIVED, "false"),
        () -> {
          assertThat(SparkSessions.forInput(spark, 395 * mib)).isEqualTo(2);
          assertThat(SparkSessions.adaptive(spark)).isFalse();
          return null;
        });
  }
}

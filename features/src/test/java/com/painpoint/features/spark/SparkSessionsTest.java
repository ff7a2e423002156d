package com.painpoint.features.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shuffle partition count a job derives from its input size. */
class SparkSessionsTest {
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
}

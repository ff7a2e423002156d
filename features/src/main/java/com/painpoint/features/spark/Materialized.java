package com.painpoint.features.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.execution.LogicalRDD;

/**
 * Tables computed once, kept in executor memory (spilling to disk) with their lineage cut, and
 * released when the stage is done with them.
 *
 * <p>Why not {@code cache()}: a cached table still carries the plan that computed it, and every job
 * that reads it ships that plan to its tasks. When many small jobs read one table (a model's
 * iterations, a clustering per touchpoint), that plan can be megabytes (a vectoriser's word
 * vectors, a wide feature table's generated code) and serialising it per job costs more than the
 * job. A local checkpoint holds the same rows in the same partitions and order, so results do not
 * change.
 */
public final class Materialized {
  private Materialized() {}

  /** {@code rows} computed now and held, with a plan that is only a scan of the held rows. */
  public static <T> Dataset<T> of(Dataset<T> rows) {
    return rows.localCheckpoint(true);
  }

  /**
   * Frees what {@link #of} holds (or what {@code cache()} holds); the table must not be read again.
   * A local checkpoint is not in Spark's cache, so {@code unpersist()} alone would leave its blocks
   * until the driver's next garbage collection.
   */
  public static void release(Dataset<?> rows) {
    if (rows instanceof org.apache.spark.sql.classic.Dataset<?> classic
        && classic.logicalPlan() instanceof LogicalRDD held) {
      held.rdd().unpersist(false);
    } else {
      rows.unpersist();
    }
  }
}

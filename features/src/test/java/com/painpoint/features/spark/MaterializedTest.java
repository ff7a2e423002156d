package com.painpoint.features.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.painpoint.features.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * A held table has the rows, partitions and order of its input, a plan cut to a scan, and frees.
 */
class MaterializedTest extends SparkTestBase {

  @Test
  void holdsTheSameRowsInTheSameOrderAndReleasesThem() {
    Dataset<Row> in =
        GlobalOrderTest.rows(57)
            .coalesce(1)
            .sortWithinPartitions(col("score").desc(), col("id"))
            .withColumn("twice", col("score").multiply(2));
    List<Row> expected = in.collectAsList();
    int heldBefore = spark.sparkContext().getPersistentRDDs().size();

    Dataset<Row> held = Materialized.of(in);

    assertThat(held.collectAsList()).isEqualTo(expected);
    assertThat(held.javaRDD().getNumPartitions()).isEqualTo(1);
    // The plan no longer holds the sort and the projection that made the rows.
    String plan = held.queryExecution().optimizedPlan().toString();
    assertThat(plan).contains("LogicalRDD").doesNotContain("Sort").doesNotContain("Project");
    assertThat(spark.sparkContext().getPersistentRDDs().size()).isEqualTo(heldBefore + 1);

    Materialized.release(held);

    assertThat(spark.sparkContext().getPersistentRDDs().size()).isEqualTo(heldBefore);
  }
}

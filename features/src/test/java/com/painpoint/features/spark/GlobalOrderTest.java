package com.painpoint.features.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.ntile;
import static org.apache.spark.sql.functions.row_number;
import static org.assertj.core.api.Assertions.assertThat;

import com.painpoint.features.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Row numbers and tiles without a window equal Spark's window functions over the whole table. */
class GlobalOrderTest extends SparkTestBase {

  /** {@code n} rows: id "r000".., a score with ties (id % 7), spread over 5 partitions. */
  static Dataset<Row> rows(int n) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(RowFactory.create(String.format("r%03d", i), (double) ((i * 37) % 7)));
    }
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType, false)
            .add("score", DataTypes.DoubleType, false);
    return spark.createDataFrame(rows, schema).repartition(5);
  }

  @Test
  void rowNumbersFollowTheOrderAcrossPartitions() {
    Dataset<Row> in = rows(103);
    List<Row> mine =
        GlobalOrder.rowNumber(in, "n", col("score").desc(), col("id"))
            .select("id", "n")
            .orderBy("n")
            .collectAsList();
    List<Row> spark =
        in.withColumn("n", row_number().over(Window.orderBy(col("score").desc(), col("id"))))
            .select("id", "n")
            .orderBy("n")
            .collectAsList();
    assertThat(mine).hasSize(103).isEqualTo(spark);
    assertThat(mine.get(0).getLong(1)).isEqualTo(1L);
    // Every column of the input is kept, with its type.
    assertThat(GlobalOrder.rowNumber(in, "n", col("id")).schema().fieldNames())
        .containsExactly("id", "score", "n");
  }

  @Test
  void tilesAreThoseOfNtileForEveryRemainderAndForFewerRowsThanTiles() {
    for (int n : new int[] {3, 10, 41, 100, 109}) {
      Dataset<Row> in = rows(n);
      List<Row> mine =
          GlobalOrder.tile(in, "t", 10, col("score"), col("id"))
              .select("id", "t")
              .orderBy("id")
              .collectAsList();
      List<Row> spark =
          in.withColumn("t", ntile(10).over(Window.orderBy(col("score"), col("id"))))
              .select("id", "t")
              .orderBy("id")
              .collectAsList();
      assertThat(mine).as("%d rows", n).isEqualTo(spark);
    }
  }
}

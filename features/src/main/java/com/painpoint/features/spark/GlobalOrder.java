package com.painpoint.features.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Row numbers and tiles over a whole table without a window. A window with no partition (or a
 * constant one) moves every row into one task, and Spark warns about it; here the table is sorted
 * with a range-partitioned sort, which spreads over the cluster, and numbered with {@code
 * zipWithIndex}, which counts each sorted partition and numbers the rows in place.
 *
 * <p>The order must be total (end it with a unique column): rows that tie get numbers in an order
 * that may change between runs.
 */
public final class GlobalOrder {
  private GlobalOrder() {}

  /**
   * {@code rows} with a non-null long column {@code name}: 1 for the first row in {@code order}, 2
   * for the next, and so on, like {@code row_number()} over the whole table.
   */
  public static Dataset<Row> rowNumber(Dataset<Row> rows, String name, Column... order) {
    Dataset<Row> sorted = rows.orderBy(order);
    StructType schema = sorted.schema().add(name, DataTypes.LongType, false);
    int width = sorted.schema().size();
    JavaRDD<Row> numbered =
        sorted
            .javaRDD()
            .zipWithIndex()
            .map(
                t -> {
                  Object[] values = new Object[width + 1];
                  for (int i = 0; i < width; i++) {
                    values[i] = t._1().get(i);
                  }
                  values[width] = t._2() + 1;
                  return RowFactory.create(values);
                });
    return rows.sparkSession().createDataFrame(numbered, schema);
  }

  /**
   * The tile ({@code 1..tiles}) of the row numbered {@code rowNumber} (1-based) among {@code n}
   * rows, as {@code ntile(tiles)} gives it: tiles of n / tiles rows, the first n % tiles of them
   * one row larger; with fewer rows than tiles, row k is in tile k.
   */
  public static Column tile(Column rowNumber, long n, int tiles) {
    if (tiles <= 0) {
      throw new IllegalArgumentException("tiles must be positive, got " + tiles);
    }
    long size = n / tiles;
    long larger = n % tiles;
    long inLarger = larger * (size + 1);
    Column index = rowNumber.minus(1);
    Column inLargeTile = index.divide(size + 1).cast(DataTypes.LongType).plus(1);
    if (size == 0) {
      return inLargeTile.cast(DataTypes.IntegerType);
    }
    Column inSmallTile =
        index.minus(inLarger).divide(size).cast(DataTypes.LongType).plus(larger + 1);
    return when(index.lt(lit(inLarger)), inLargeTile)
        .otherwise(inSmallTile)
        .cast(DataTypes.IntegerType);
  }

  /**
   * {@code rows} with an int column {@code name}, the row's tile of {@code tiles} in {@code order}
   * (as {@code ntile(tiles)} over the whole table). Counts {@code rows} once and sorts them: cache
   * them first when they are costly to compute.
   */
  public static Dataset<Row> tile(Dataset<Row> rows, String name, int tiles, Column... order) {
    String number = "_global_order_row";
    long n = rows.count();
    return rowNumber(rows, number, order)
        .withColumn(name, tile(col(number), n, tiles))
        .drop(number);
  }
}

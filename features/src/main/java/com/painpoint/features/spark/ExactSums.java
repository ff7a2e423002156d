package com.painpoint.features.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Sums and means of doubles that do not depend on how rows are partitioned. A double sum's last
 * digits depend on the order rows reach it, which differs between an embedded run and a cluster;
 * these add the values as decimals with 18 places (exact, so in any order the same) and return a
 * double. For values of moderate size such as scores, shares and probabilities.
 */
public final class ExactSums {
  private static final DecimalType EXACT = DataTypes.createDecimalType(38, 18);

  private ExactSums() {}

  /** The mean of {@code c} (nulls ignored, null when there is none), as a double. */
  public static Column mean(Column c) {
    return avg(c.cast(EXACT)).cast(DataTypes.DoubleType);
  }

  /** The sum of {@code c} (nulls ignored, null when there is none), as a double. */
  public static Column total(Column c) {
    return sum(c.cast(EXACT)).cast(DataTypes.DoubleType);
  }
}

package com.painpoint.models.themes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.StructType;

/** Pipeline step multiplying a vector column by a constant (the weight of one feature block). */
final class ScaleVector extends Transformer {
  private final String uid = Identifiable.randomUID("scaleVector");
  private final String in;
  private final String out;
  private final double factor;

  ScaleVector(String in, String out, double factor) {
    this.in = in;
    this.out = out;
    this.factor = factor;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> data) {
    double f = factor;
    UserDefinedFunction scale =
        udf(
            (UDF1<Vector, Vector>)
                v -> {
                  double[] a = v.toArray();
                  for (int i = 0; i < a.length; i++) {
                    a[i] *= f;
                  }
                  return Vectors.dense(a);
                },
            SQLDataTypes.VectorType());
    return data.toDF().withColumn(out, scale.apply(col(in)));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return schema.add(out, SQLDataTypes.VectorType(), true);
  }

  @Override
  public Transformer copy(ParamMap extra) {
    return this;
  }

  @Override
  public String uid() {
    return uid;
  }
}

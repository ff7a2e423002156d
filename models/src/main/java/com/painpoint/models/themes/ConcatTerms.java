package com.painpoint.models.themes;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Pipeline step joining content lemmas and their bigrams into one term list. */
final class ConcatTerms extends Transformer implements DefaultParamsWritable {
  private final String uid = Identifiable.randomUID("concatTerms");

  @Override
  public Dataset<Row> transform(Dataset<?> data) {
    return data.toDF().withColumn(ThemeVectors.TERMS, ThemeVectors.terms());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return schema.add(
        ThemeVectors.TERMS, DataTypes.createArrayType(DataTypes.StringType, true), true);
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

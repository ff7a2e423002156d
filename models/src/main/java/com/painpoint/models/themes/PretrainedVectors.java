package com.painpoint.models.themes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import edu.stanford.nlp.io.IOUtils;
import edu.stanford.nlp.neural.Embedding;
import java.util.List;
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
import org.ejml.simple.SimpleMatrix;

/**
 * Pipeline step adding the mean of general-purpose English word vectors over a sentence's content
 * words (unit length; zero when none is known). The vectors are the 50-dimensional embeddings that
 * ship in the CoreNLP models jar (trained on a large general corpus for coreference), so "voucher",
 * "coupon" and "promo" land close even when tonight's corpus is too small for its own Word2Vec to
 * learn that.
 */
final class PretrainedVectors extends Transformer {
  static final String RESOURCE = "edu/stanford/nlp/models/coref/neural/english-embeddings.ser.gz";

  private final String uid = Identifiable.randomUID("pretrainedVectors");
  private final String in;
  private final String out;

  PretrainedVectors(String in, String out) {
    this.in = in;
    this.out = out;
  }

  /** Loaded once per JVM on first use (driver or executor), never serialised. */
  private static final class Holder {
    static final Embedding EMBEDDING = load();

    private static Embedding load() {
      try {
        return (Embedding) IOUtils.readObjectFromURLOrClasspathOrFileSystem(RESOURCE);
      } catch (Exception e) {
        throw new IllegalStateException(
            "cannot load word vectors "
                + RESOURCE
                + " (is the CoreNLP models jar on the classpath?)",
            e);
      }
    }
  }

  static int dimension() {
    return Holder.EMBEDDING.getEmbeddingSize();
  }

  /** Mean of the known words' unit vectors, normalised; zeros when no word is known. */
  static Vector mean(List<String> words) {
    Embedding e = Holder.EMBEDDING;
    double[] sum = new double[e.getEmbeddingSize()];
    int known = 0;
    for (String w : words) {
      SimpleMatrix v = e.get(w);
      if (v == null) {
        continue;
      }
      double norm = v.normF();
      if (norm == 0) {
        continue;
      }
      for (int i = 0; i < sum.length; i++) {
        sum[i] += v.get(i) / norm;
      }
      known++;
    }
    if (known > 0) {
      double norm = 0;
      for (double x : sum) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < sum.length; i++) {
        sum[i] /= norm;
      }
    }
    return Vectors.dense(sum);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> data) {
    UserDefinedFunction f =
        udf(
            (UDF1<scala.collection.Seq<String>, Vector>)
                words ->
                    mean(
                        words == null
                            ? List.of()
                            : scala.jdk.javaapi.CollectionConverters.asJava(words)),
            SQLDataTypes.VectorType());
    return data.toDF().withColumn(out, f.apply(col(in)));
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

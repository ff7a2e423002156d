package com.painpoint.features.testing;

import com.painpoint.features.contracts.ClickstreamSchema;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Small named fixtures that tests of more than one module build their inputs from. */
public final class Fixtures {
  private Fixtures() {}

  /** The committed sample data set ({@code data-samples/} at the repository root). */
  public static Path samples() {
    return Path.of(System.getProperty("painpoint.repo.root", "../..")).resolve("data-samples");
  }

  /** An instant such as "2026-06-01T10:00:00Z" as a SQL timestamp; null stays null. */
  public static Timestamp ts(String instant) {
    return instant == null ? null : Timestamp.from(Instant.parse(instant));
  }

  /**
   * A clickstream event in {@link ClickstreamSchema} column order: no anonymous id, session,
   * target, status or duration.
   */
  public static Row clickEvent(String id, String customer, String time, String type, String url) {
    return RowFactory.create(id, customer, null, null, ts(time), type, url, null, null, null);
  }

  /** Clickstream events as a Dataset with the contract's (nullable) schema. */
  public static Dataset<Row> clickEvents(SparkSession spark, List<Row> events) {
    return spark.createDataFrame(events, ClickstreamSchema.schema().asNullable());
  }
}

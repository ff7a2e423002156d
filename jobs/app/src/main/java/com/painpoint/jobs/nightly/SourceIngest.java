package com.painpoint.jobs.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.config.SourceConfig;
import com.painpoint.features.contracts.SourceContract;
import com.painpoint.features.contracts.SourceReader;
import com.painpoint.features.quality.DataQuality;
import com.painpoint.features.quality.RejectPolicy;
import com.painpoint.features.quality.SourceQuality;
import com.painpoint.features.window.LookbackWindow;
import com.painpoint.features.window.WindowCounts;
import com.painpoint.jobs.io.RunOutput;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads one source through its contract: validates every row once (persisted), measures quality
 * (and, for a windowed source, where its accepted rows fall against the lookback window) in one
 * aggregate pass, stops the run if the reject policy says so, quarantines rejected rows under
 * {@code rejected/<source>/}, and keeps the accepted rows inside the window.
 */
final class SourceIngest {

  /**
   * Accepted rows inside the window (all of them without one; persisted, unpersist when done),
   * their quality, how the source was read, and the window counts (null when the source is not
   * windowed: no window set, or a snapshot like the CRM).
   */
  record Ingested(
      Dataset<Row> accepted,
      Dataset<Row> validated,
      SourceQuality quality,
      SourceReader.RawSource raw,
      WindowCounts window,
      Span span) {
    void release() {
      validated.unpersist();
    }
  }

  /**
   * The first and last timestamp of the accepted rows the night keeps (null when there are none, or
   * for a source without a time column), measured in the same pass as the quality metrics.
   */
  record Span(Timestamp first, Timestamp last) {}

  private static final String FIRST = "_span_first";
  private static final String LAST = "_span_last";

  private SourceIngest() {}

  /**
   * @param window the night's lookback window
   * @param windowColumn the timestamp column the window applies to; null for a source that is never
   *     windowed (the CRM snapshot)
   */
  static Ingested ingest(
      SparkSession spark,
      String path,
      SourceConfig config,
      SourceContract contract,
      RejectPolicy policy,
      LookbackWindow window,
      String windowColumn,
      RunOutput out) {
    SourceReader.RawSource raw = SourceReader.read(spark, path, config, contract);
    Dataset<Row> validated = contract.validate(raw.data()).persist(StorageLevel.MEMORY_AND_DISK());
    DataQuality dq = new DataQuality(contract);
    boolean windowed = windowColumn != null && window.bounded();
    Column[] metrics =
        windowed
            ? Stream.concat(
                    Arrays.stream(dq.metrics()), Arrays.stream(window.metrics(windowColumn)))
                .toArray(Column[]::new)
            : dq.metrics();
    if (windowColumn != null) {
      Column kept =
          col(SourceContract.REJECT_REASON)
              .isNull()
              .and(windowed ? window.contains(col(windowColumn)) : lit(true));
      Column ts = when(kept, col(windowColumn));
      metrics =
          Stream.concat(Arrays.stream(metrics), Stream.of(min(ts).as(FIRST), max(ts).as(LAST)))
              .toArray(Column[]::new);
    }
    Row measured;
    try {
      // The first pass over the files: a corrupt file fails here, and is named.
      measured = validated.agg(metrics[0], Arrays.copyOfRange(metrics, 1, metrics.length)).first();
    } catch (Throwable e) {
      validated.unpersist();
      PainpointException unreadable = SourceReader.unreadableFile(contract.name(), e);
      if (unreadable != null) {
        throw unreadable;
      }
      throw e;
    }
    SourceQuality quality = dq.read(measured, validated);
    WindowCounts counts = windowed ? window.read(measured) : null;
    try {
      policy.check(quality, contract, path);
    } catch (RuntimeException e) {
      validated.unpersist();
      throw e;
    }
    contract
        .rejected(validated)
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .json(out.path("rejected/" + contract.name()));
    Dataset<Row> accepted = contract.accepted(validated);
    Span span =
        windowColumn == null
            ? new Span(null, null)
            : new Span(measured.getAs(FIRST), measured.getAs(LAST));
    return new Ingested(
        windowed ? window.keep(accepted, windowColumn) : accepted,
        validated,
        quality,
        raw,
        counts,
        span);
  }
}

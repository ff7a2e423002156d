package com.painpoint.jobs.nightly;

import com.painpoint.features.config.SourceConfig;
import com.painpoint.features.contracts.SourceContract;
import com.painpoint.features.contracts.SourceReader;
import com.painpoint.features.quality.DataQuality;
import com.painpoint.features.quality.RejectPolicy;
import com.painpoint.features.quality.SourceQuality;
import com.painpoint.jobs.io.RunOutput;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads one source through its contract: validates every row once (persisted), measures quality in
 * one aggregate pass, stops the run if the reject policy says so, and quarantines rejected rows
 * under {@code rejected/<source>/}.
 */
final class SourceIngest {

  /** Accepted rows (persisted; unpersist when done), their quality and how the source was read. */
  record Ingested(
      Dataset<Row> accepted,
      Dataset<Row> validated,
      SourceQuality quality,
      SourceReader.RawSource raw) {
    void release() {
      validated.unpersist();
    }
  }

  private SourceIngest() {}

  static Ingested ingest(
      SparkSession spark,
      String path,
      SourceConfig config,
      SourceContract contract,
      RejectPolicy policy,
      RunOutput out) {
    SourceReader.RawSource raw = SourceReader.read(spark, path, config, contract);
    Dataset<Row> validated = contract.validate(raw.data()).persist(StorageLevel.MEMORY_AND_DISK());
    DataQuality dq = new DataQuality(contract);
    SourceQuality quality = dq.read(validated.agg(dq.metrics()[0], rest(dq.metrics())).first());
    policy.check(quality, contract, path);
    contract
        .rejected(validated)
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .json(out.path("rejected/" + contract.name()));
    return new Ingested(contract.accepted(validated), validated, quality, raw);
  }

  private static org.apache.spark.sql.Column[] rest(org.apache.spark.sql.Column[] all) {
    return java.util.Arrays.copyOfRange(all, 1, all.length);
  }
}

package com.painpoint.features.contracts;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;

import com.painpoint.features.config.SourceConfig;
import com.painpoint.features.quality.DataQuality;
import com.painpoint.features.quality.RejectPolicy;
import com.painpoint.features.quality.SourceQuality;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Runs a small file through reader, contract, quality and reject policy, as the job does. */
final class ContractFixture {
  final Dataset<Row> validated;
  final SourceQuality quality;

  private ContractFixture(Dataset<Row> validated, SourceQuality quality) {
    this.validated = validated;
    this.quality = quality;
  }

  static Path write(Path dir, String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  static ContractFixture ingest(
      SparkSession spark,
      Path file,
      SourceContract contract,
      SourceConfig config,
      double maxShare) {
    SourceReader.RawSource raw = SourceReader.read(spark, file.toString(), config, contract);
    Dataset<Row> validated = contract.validate(raw.data()).cache();
    DataQuality dq = new DataQuality(contract);
    org.apache.spark.sql.Column[] m = dq.metrics();
    SourceQuality q =
        dq.read(
            validated.agg(m[0], java.util.Arrays.copyOfRange(m, 1, m.length)).first(), validated);
    new RejectPolicy(maxShare).check(q, contract, file.toString());
    return new ContractFixture(validated, q);
  }

  /** Normalised id -> reasons of its rows ("accepted" for accepted rows), sorted. */
  Map<String, List<String>> reasonsById(String idColumn) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Row r :
        validated
            .select(
                coalesce(
                        col(idColumn),
                        lower(trim(col(SourceContract.RAW + "." + idColumn))),
                        org.apache.spark.sql.functions.lit("<null>"))
                    .as("id"),
                col(SourceContract.REJECT_REASON))
            .collectAsList()) {
      String reason = r.isNullAt(1) ? "accepted" : r.getString(1);
      out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(reason);
    }
    out.values().forEach(l -> l.sort(String::compareTo));
    return out;
  }

  Row rejectedRow(String reason) {
    return validated
        .filter(col(SourceContract.REJECT_REASON).equalTo(reason))
        .select(
            SourceContract.REJECT_COLUMN, SourceContract.REJECT_VALUE, SourceContract.SOURCE_FILE)
        .first();
  }
}

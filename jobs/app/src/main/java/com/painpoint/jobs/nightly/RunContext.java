package com.painpoint.jobs.nightly;

import com.painpoint.features.config.Initiatives;
import com.painpoint.features.config.PainpointConfig;
import com.painpoint.features.config.Playbook;
import com.painpoint.features.spark.SparkSessions;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.window.LookbackWindow;
import com.painpoint.jobs.io.PreviousRuns;
import com.painpoint.jobs.io.RunDatasets;
import com.painpoint.jobs.io.RunOutput;
import com.painpoint.jobs.io.TextFiles;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a stage of one night may use, built once before the first stage: Spark, the options,
 * config and taxonomy (read and validated), the lookback window, the run's output folder and its
 * datasets (with the previous committed run resolved once), and the stage runner.
 *
 * @param startedAt when the run began (the manifest's and the report's "generated" time)
 * @param initiatives the initiatives whose effects the night measures; null when none are given
 * @param configHash SHA-256 of the config text and the taxonomy text (and the playbook's and the
 *     initiatives', when given)
 */
record RunContext(
    SparkSession spark,
    NightlyOptions options,
    PainpointConfig config,
    Taxonomy taxonomy,
    Playbook playbook,
    Initiatives initiatives,
    LookbackWindow window,
    RunOutput out,
    RunDatasets datasets,
    Stages stages,
    Instant startedAt,
    String configHash) {

  /** The design's stages: contracts … report. */
  static final int STAGES = 8;

  private static final Logger LOG = LoggerFactory.getLogger("painpoint");

  /**
   * Reads and validates config and taxonomy and finds the previous committed run, then takes the
   * run's lock and staging folder (so bad config never touches the output).
   */
  static RunContext open(SparkSession spark, NightlyOptions o) {
    Instant startedAt = Instant.now();
    long inputBytes = inputBytes(spark, o.crm(), o.feedback(), o.clickstream());
    int partitions = SparkSessions.forInput(spark, inputBytes);
    LOG.info(
        "input {} MiB; {} shuffle partitions, adaptive execution {} (set"
            + " spark.sql.shuffle.partitions and spark.sql.adaptive.enabled to choose)",
        String.format(java.util.Locale.ROOT, "%.1f", inputBytes / 1048576.0),
        partitions,
        SparkSessions.adaptive(spark) ? "on" : "off");
    String configText = o.config() == null ? "" : TextFiles.read(spark, o.config(), "config");
    PainpointConfig config =
        o.config() == null
            ? PainpointConfig.DEFAULTS
            : PainpointConfig.parse(o.config(), configText);
    String taxonomyText = TextFiles.read(spark, o.taxonomy(), "taxonomy");
    Taxonomy taxonomy = Taxonomy.parse(o.taxonomy(), taxonomyText);
    String playbookText =
        o.playbook() == null ? "" : TextFiles.read(spark, o.playbook(), "playbook");
    Playbook playbook =
        (o.playbook() == null ? Playbook.defaults() : Playbook.parse(o.playbook(), playbookText))
            .checkedAgainst(
                taxonomy, o.playbook() == null ? Playbook.DEFAULT_RESOURCE : o.playbook());
    String initiativesText =
        o.initiatives() == null ? "" : TextFiles.read(spark, o.initiatives(), "initiatives");
    Initiatives initiatives =
        o.initiatives() == null
            ? null
            : Initiatives.parse(o.initiatives(), initiativesText)
                .checkedAgainst(
                    taxonomy,
                    o.runDate(),
                    o.window()
                        .from()
                        .map(i -> i.atZone(java.time.ZoneOffset.UTC).toLocalDate())
                        .orElse(null),
                    o.initiatives());
    String previous = PreviousRuns.latestBefore(spark, o.out(), o.runDate()).orElse(null);
    RunOutput out = RunOutput.begin(spark, o.out(), o.runDate());
    return new RunContext(
        spark,
        o,
        config,
        taxonomy,
        playbook,
        initiatives,
        o.window(),
        out,
        new RunDatasets(spark, out, previous),
        new Stages(spark, STAGES),
        startedAt,
        sha256(
            configText
                + "\u0000"
                + taxonomyText
                + (o.playbook() == null ? "" : "\u0000" + playbookText)
                + (o.initiatives() == null ? "" : "\u0001" + initiativesText)));
  }

  /**
   * Bytes under the given input paths (files or folders, any Hadoop file system); a path that
   * cannot be read counts 0 here and fails with a clear error in the contracts stage.
   */
  static long inputBytes(SparkSession spark, String... paths) {
    long total = 0;
    for (String p : paths) {
      if (p == null) {
        continue;
      }
      try {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(p);
        total +=
            path.getFileSystem(spark.sparkContext().hadoopConfiguration())
                .getContentSummary(path)
                .getLength();
      } catch (java.io.IOException | IllegalArgumentException e) {
        LOG.debug("cannot size input {}", p, e);
      }
    }
    return total;
  }

  LocalDate runDate() {
    return options.runDate();
  }

  /** The first instant after the run date (UTC): the end of the night, for every stage. */
  Timestamp nightEnd() {
    return Timestamp.from(window.until());
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

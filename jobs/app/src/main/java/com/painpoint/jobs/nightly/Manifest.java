package com.painpoint.jobs.nightly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.painpoint.features.contracts.SourceReader;
import com.painpoint.features.quality.SourceQuality;
import com.painpoint.features.window.LookbackWindow;
import com.painpoint.features.window.WindowCounts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The run's manifest.json: inputs, per-source counts by reject reason, stage timings, outputs,
 * versions and the hash of the configuration that produced it.
 */
final class Manifest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, Object> root = new LinkedHashMap<>();
  private final Map<String, Object> inputs = new LinkedHashMap<>();
  private final Map<String, Object> sources = new LinkedHashMap<>();
  private final Map<String, Object> outputs = new LinkedHashMap<>();

  Manifest(NightlyOptions o, String configText, String taxonomyText, String sparkVersion) {
    root.put("run_date", o.runDate().toString());
    root.put("status", "complete");
    root.put("generated_at", Instant.now().toString());
    Map<String, Object> versions = new LinkedHashMap<>();
    versions.put("painpoint", painpointVersion());
    versions.put("spark", sparkVersion);
    versions.put("java", System.getProperty("java.version"));
    root.put("versions", versions);
    root.put("config_hash", sha256(configText + "\u0000" + taxonomyText));
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("crm", o.crm());
    options.put("feedback", o.feedback());
    options.put("clickstream", o.clickstream());
    options.put("taxonomy", o.taxonomy());
    options.put("config", o.config());
    options.put("lookback_days", o.lookbackDays());
    root.put("options", options);
    root.put("window", window(o.window()));
    root.put("inputs", inputs);
    root.put("sources", sources);
  }

  void input(String source, String path, SourceReader.RawSource raw) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", path);
    m.put("format", raw.format());
    m.put("files", raw.files());
    m.put("columns_used", raw.columnsUsed());
    m.put("extra_columns_ignored", raw.extraColumns());
    inputs.put(source, m);
  }

  /**
   * The run's lookback window. Without one, only {@code lookback_days: null}: every accepted row
   * counts.
   */
  private static Map<String, Object> window(LookbackWindow w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lookback_days", w.days().orElse(null));
    if (w.bounded()) {
      m.put("from_inclusive", w.from().orElseThrow().toString());
      m.put("until_exclusive", w.until().toString());
      m.put("applies_to", List.of("feedback (created_at)", "clickstream (event_time)"));
    }
    return m;
  }

  /**
   * One source's counts. With a window ({@code window} not null), {@code accepted = in_window +
   * outside_window}: rows outside are accepted (never in {@code rejected/}) but left out of the
   * night, and {@code reconciles} checks both equations.
   */
  void source(SourceQuality q, WindowCounts window) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows_read", q.rowsRead());
    m.put("accepted", q.accepted());
    m.put("rejected", q.rejected());
    m.put("rejected_by_reason", q.rejectedByReason());
    if (window != null) {
      m.put("in_window", window.inWindow());
      m.put("outside_window", window.outsideWindow());
      Map<String, Long> why = new LinkedHashMap<>();
      why.put("before_window", window.beforeWindow());
      why.put("undated", window.undated());
      m.put("outside_window_by_reason", why);
    }
    m.put("reconciles", q.reconciles() && (window == null || window.reconciles(q.accepted())));
    m.put("distinct_customers", q.distinctCustomers());
    Map<String, Double> completeness = new LinkedHashMap<>();
    q.completeness().forEach((k, v) -> completeness.put(k, Math.round(v * 10000) / 10000.0));
    m.put("completeness", completeness);
    sources.put(q.source(), m);
  }

  void output(String name, String relativePath, long rows) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", relativePath);
    m.put("rows", rows);
    outputs.put(name, m);
  }

  /** A stage's own figures, under its name. */
  void section(String name, Map<String, Object> figures) {
    root.put(name, figures);
  }

  String toJson(List<Map<String, Object>> stageTimings) {
    root.put("stages", stageTimings);
    root.put("outputs", outputs);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("manifest is not serialisable", e);
    }
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String painpointVersion() {
    try (InputStream in = Manifest.class.getResourceAsStream("/painpoint-version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}

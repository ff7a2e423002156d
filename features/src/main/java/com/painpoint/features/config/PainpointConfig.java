package com.painpoint.features.config;

import com.painpoint.features.journeys.JourneyConfig;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The run's configuration: per-source formats and column mappings, the reject limit and the
 * journeys, sentiment, themes and ranking options. Everything has a default, so no file is needed
 * for a standard export.
 */
public record PainpointConfig(
    double maxRejectShare,
    Map<String, SourceConfig> sources,
    JourneyConfig journeys,
    SentimentOptions sentiment,
    ThemeOptions themes,
    RankingOptions ranking)
    implements Serializable {

  /**
   * Options of the sentiment stage.
   *
   * @param parser "shift-reduce" (default, fast) or "pcfg" (CoreNLP's stock parser)
   * @param maxSentenceTokens longer sentences are truncated for scoring and flagged
   * @param minSentencesToRank touchpoints with fewer sentences get no negativity rank
   */
  public record SentimentOptions(String parser, int maxSentenceTokens, int minSentencesToRank)
      implements Serializable {
    public static final SentimentOptions DEFAULTS = new SentimentOptions("shift-reduce", 80, 30);
  }

  public static final String CRM = "crm";
  public static final String FEEDBACK = "feedback";
  public static final String CLICKSTREAM = "clickstream";
  private static final Set<String> SOURCES = Set.of(CRM, FEEDBACK, CLICKSTREAM);
  private static final Set<String> FORMATS = Set.of("auto", "csv", "json", "parquet");

  public static final PainpointConfig DEFAULTS =
      new PainpointConfig(
          0.05,
          Map.of(),
          JourneyConfig.DEFAULTS,
          SentimentOptions.DEFAULTS,
          ThemeOptions.DEFAULTS,
          RankingOptions.DEFAULTS);

  public PainpointConfig {
    sources = Map.copyOf(sources);
  }

  public SourceConfig source(String name) {
    return sources.getOrDefault(name, SourceConfig.AUTO);
  }

  /** Loads a config file; a missing path means defaults. */
  public static PainpointConfig load(Path file) {
    return file == null ? DEFAULTS : fromYaml(YamlMap.load(file));
  }

  /** Parses config YAML text; {@code name} is used in error messages. */
  public static PainpointConfig parse(String name, String yaml) {
    return fromYaml(YamlMap.parse(name, new java.io.StringReader(yaml)));
  }

  private static PainpointConfig fromYaml(YamlMap root) {
    root.requireOnlyKeys(
        Set.of("max_reject_share", "sources", "journeys", "sentiment", "themes", "ranking"));
    double share = root.doubleValue("max_reject_share", DEFAULTS.maxRejectShare());
    if (share < 0 || share > 1) {
      throw root.error("max_reject_share", "must be between 0 and 1, got " + share);
    }
    YamlMap sourcesMap = root.map("sources").requireOnlyKeys(SOURCES);
    Map<String, SourceConfig> sources = new HashMap<>();
    for (String name : sourcesMap.keys()) {
      YamlMap s = sourcesMap.map(name).requireOnlyKeys(Set.of("format", "columns"));
      String format = s.string("format", "auto").toLowerCase(java.util.Locale.ROOT);
      if (!FORMATS.contains(format)) {
        throw s.error("format", "must be one of auto, csv, json, parquet; got '" + format + "'");
      }
      YamlMap cols = s.map("columns");
      Map<String, String> mapping = new HashMap<>();
      for (String ours : cols.keys()) {
        mapping.put(ours, cols.requiredString(ours));
      }
      sources.put(name, new SourceConfig(format, mapping));
    }
    YamlMap j =
        root.map("journeys")
            .requireOnlyKeys(
                Set.of(
                    "session_gap_minutes",
                    "rage_click_count",
                    "rage_click_window_ms",
                    "loop_visits",
                    "slow_percentile"));
    JourneyConfig d = JourneyConfig.DEFAULTS;
    JourneyConfig journeys =
        new JourneyConfig(
            positive(j, "session_gap_minutes", d.sessionGapMinutes()),
            (int) positive(j, "rage_click_count", d.rageClickCount()),
            positive(j, "rage_click_window_ms", d.rageClickWindowMs()),
            (int) positive(j, "loop_visits", d.loopVisits()),
            j.doubleValue("slow_percentile", d.slowPercentile()));
    if (journeys.slowPercentile() <= 0 || journeys.slowPercentile() >= 1) {
      throw j.error("slow_percentile", "must be between 0 and 1, got " + journeys.slowPercentile());
    }
    if (journeys.rageClickCount() < 2 || journeys.loopVisits() < 2) {
      throw j.error("rage_click_count", "and loop_visits must be at least 2");
    }
    YamlMap sm =
        root.map("sentiment")
            .requireOnlyKeys(Set.of("parser", "max_sentence_tokens", "min_sentences_to_rank"));
    SentimentOptions sd = SentimentOptions.DEFAULTS;
    String parser = sm.string("parser", sd.parser()).trim().toLowerCase(java.util.Locale.ROOT);
    if (!Set.of("shift-reduce", "pcfg", "ensemble").contains(parser)) {
      throw sm.error("parser", "must be shift-reduce, pcfg or ensemble, got '" + parser + "'");
    }
    SentimentOptions sentiment =
        new SentimentOptions(
            parser,
            (int) positive(sm, "max_sentence_tokens", sd.maxSentenceTokens()),
            (int) positive(sm, "min_sentences_to_rank", sd.minSentencesToRank()));
    ThemeOptions themes = ThemeOptions.fromYaml(root.map("themes"));
    RankingOptions ranking = RankingOptions.fromYaml(root.map("ranking"));
    return new PainpointConfig(share, sources, journeys, sentiment, themes, ranking);
  }

  private static long positive(YamlMap m, String key, long fallback) {
    long v = m.longValue(key, fallback);
    if (v <= 0) {
      throw m.error(key, "must be > 0, got " + v);
    }
    return v;
  }
}

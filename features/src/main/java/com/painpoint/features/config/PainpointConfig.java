package com.painpoint.features.config;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.painpoint.features.journeys.JourneyConfig;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The run's configuration: per-source formats, column mappings and export conventions, the reject
 * limit and the journeys, sentiment, themes, ranking, churn and paths options. Everything has a
 * default, so no file is needed for a standard export.
 */
public record PainpointConfig(
    double maxRejectShare,
    Map<String, SourceConfig> sources,
    JourneyConfig journeys,
    SentimentOptions sentiment,
    ThemeOptions themes,
    RankingOptions ranking,
    ChurnOptions churn,
    PathOptions paths)
    implements Serializable {

  /**
   * Options of the sentiment stage.
   *
   * @param model "encoder" (default: the sentence encoder and a trained head) or "corenlp"
   *     (CoreNLP's 2013 sentiment model, a parse tree per sentence)
   * @param modelPath a head written by scripts/train-sentiment (encoder model; null = the head that
   *     ships with Painpoint)
   * @param parser "shift-reduce" (default, fast), "pcfg" (CoreNLP's stock parser) or "ensemble":
   *     the corenlp model's parser
   * @param maxSentenceTokens longer sentences are truncated for scoring and flagged
   * @param minSentencesToRank touchpoints with fewer sentences get no negativity rank
   * @param attribution "keywords" (default: taxonomy keywords, else the feedback's touchpoint) or
   *     "encoder" (a sentence with no keyword goes to the touchpoint it is clearly nearest to by
   *     sentence similarity first; the encoder model only)
   * @param attributionMinSimilarity least cosine to the nearest touchpoint (encoder attribution)
   * @param attributionMargin least lead of the nearest touchpoint over the second (encoder
   *     attribution)
   */
  public record SentimentOptions(
      String model,
      String modelPath,
      String parser,
      int maxSentenceTokens,
      int minSentencesToRank,
      String attribution,
      double attributionMinSimilarity,
      double attributionMargin)
      implements Serializable {
    public static final SentimentOptions DEFAULTS =
        new SentimentOptions("encoder", null, "shift-reduce", 80, 30, "keywords", 0.5, 0.04);

    /** Binds the {@code sentiment:} section: absent keys take the defaults. */
    @JsonCreator
    static SentimentOptions fromYaml(
        @JsonProperty("model") String model,
        @JsonProperty("model_path") String modelPath,
        @JsonProperty("parser") String parser,
        @JsonProperty("max_sentence_tokens") Integer maxSentenceTokens,
        @JsonProperty("min_sentences_to_rank") Integer minSentencesToRank,
        @JsonProperty("attribution") String attribution,
        @JsonProperty("attribution_min_similarity") Double attributionMinSimilarity,
        @JsonProperty("attribution_margin") Double attributionMargin) {
      String m = requireNonNullElse(model, DEFAULTS.model()).trim().toLowerCase(Locale.ROOT);
      if (!Set.of("encoder", "corenlp").contains(m)) {
        throw new InvalidConfigValue("model", "must be encoder or corenlp, got '" + m + "'");
      }
      if (modelPath != null && !m.equals("encoder")) {
        throw new InvalidConfigValue(
            "model_path", "is a head for the encoder model; model is '" + m + "'");
      }
      if (modelPath != null && modelPath.isBlank()) {
        throw new InvalidConfigValue("model_path", "is empty");
      }
      String p = requireNonNullElse(parser, DEFAULTS.parser()).trim().toLowerCase(Locale.ROOT);
      if (!Set.of("shift-reduce", "pcfg", "ensemble").contains(p)) {
        throw new InvalidConfigValue(
            "parser", "must be shift-reduce, pcfg or ensemble, got '" + p + "'");
      }
      String by =
          requireNonNullElse(attribution, DEFAULTS.attribution()).trim().toLowerCase(Locale.ROOT);
      if (!Set.of("keywords", "encoder").contains(by)) {
        throw new InvalidConfigValue(
            "attribution", "must be keywords or encoder, got '" + by + "'");
      }
      if (by.equals("encoder") && !m.equals("encoder")) {
        throw new InvalidConfigValue(
            "attribution", "encoder needs the encoder model (its vectors); model is '" + m + "'");
      }
      double sim =
          requireNonNullElse(attributionMinSimilarity, DEFAULTS.attributionMinSimilarity());
      double margin = requireNonNullElse(attributionMargin, DEFAULTS.attributionMargin());
      if (sim < -1 || sim > 1) {
        throw new InvalidConfigValue(
            "attribution_min_similarity", "must be between -1 and 1, got " + sim);
      }
      if (margin < 0 || margin > 2) {
        throw new InvalidConfigValue(
            "attribution_margin", "must be between 0 and 2, got " + margin);
      }
      return new SentimentOptions(
          m,
          modelPath == null ? null : modelPath.strip(),
          p,
          positive("max_sentence_tokens", maxSentenceTokens, DEFAULTS.maxSentenceTokens()),
          positive("min_sentences_to_rank", minSentencesToRank, DEFAULTS.minSentencesToRank()),
          by,
          sim,
          margin);
    }

    private static int positive(String key, Integer value, int fallback) {
      int v = requireNonNullElse(value, fallback);
      if (v <= 0) {
        throw new InvalidConfigValue(key, "must be > 0, got " + v);
      }
      return v;
    }
  }

  /** The {@code sources:} section as written: one optional entry per source. */
  private record Sources(SourceConfig crm, SourceConfig feedback, SourceConfig clickstream) {
    @JsonCreator
    Sources(
        @JsonProperty(CRM) SourceConfig crm,
        @JsonProperty(FEEDBACK) SourceConfig feedback,
        @JsonProperty(CLICKSTREAM) SourceConfig clickstream) {
      this.crm = crm;
      this.feedback = feedback;
      this.clickstream = clickstream;
    }

    Map<String, SourceConfig> byName() {
      Map<String, SourceConfig> out = new HashMap<>();
      if (crm != null) {
        out.put(CRM, crm);
      }
      if (feedback != null) {
        out.put(FEEDBACK, feedback);
      }
      if (clickstream != null) {
        out.put(CLICKSTREAM, clickstream);
      }
      return out;
    }
  }

  public static final String CRM = "crm";
  public static final String FEEDBACK = "feedback";
  public static final String CLICKSTREAM = "clickstream";

  public static final PainpointConfig DEFAULTS =
      new PainpointConfig(
          0.05,
          Map.of(),
          JourneyConfig.DEFAULTS,
          SentimentOptions.DEFAULTS,
          ThemeOptions.DEFAULTS,
          RankingOptions.DEFAULTS,
          ChurnOptions.DEFAULTS,
          PathOptions.DEFAULTS);

  public PainpointConfig {
    sources = Map.copyOf(sources);
  }

  public SourceConfig source(String name) {
    return sources.getOrDefault(name, SourceConfig.AUTO);
  }

  /** Loads a config file; a missing path means defaults. */
  public static PainpointConfig load(Path file) {
    return file == null ? DEFAULTS : YamlBinding.load(file, PainpointConfig.class, DEFAULTS);
  }

  /** Parses config YAML text; {@code name} is used in error messages. */
  public static PainpointConfig parse(String name, String yaml) {
    return YamlBinding.parse(name, yaml, PainpointConfig.class, DEFAULTS);
  }

  /** Binds the whole file: absent sections and keys take the defaults. */
  @JsonCreator
  static PainpointConfig fromYaml(
      @JsonProperty("max_reject_share") Double maxRejectShare,
      @JsonProperty("sources") Sources sources,
      @JsonProperty("journeys") JourneyConfig journeys,
      @JsonProperty("sentiment") SentimentOptions sentiment,
      @JsonProperty("themes") ThemeOptions themes,
      @JsonProperty("ranking") RankingOptions ranking,
      @JsonProperty("churn") ChurnOptions churn,
      @JsonProperty("paths") PathOptions paths) {
    double share = requireNonNullElse(maxRejectShare, DEFAULTS.maxRejectShare());
    if (share < 0 || share > 1) {
      throw new InvalidConfigValue("max_reject_share", "must be between 0 and 1, got " + share);
    }
    return new PainpointConfig(
        share,
        sources == null ? Map.of() : sources.byName(),
        requireNonNullElse(journeys, DEFAULTS.journeys()),
        requireNonNullElse(sentiment, DEFAULTS.sentiment()),
        requireNonNullElse(themes, DEFAULTS.themes()),
        requireNonNullElse(ranking, DEFAULTS.ranking()),
        requireNonNullElse(churn, DEFAULTS.churn()),
        requireNonNullElse(paths, DEFAULTS.paths()));
  }
}

package com.painpoint.features.config;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/**
 * Options of the pain-themes stage: how many themes a touchpoint may get, when a sentence is too
 * far from every theme to belong to one, and how themes are matched to the previous night's.
 *
 * @param maxThemes most themes per touchpoint (their number is found from the data up to this
 *     bound)
 * @param themeCount how the number of themes is chosen: {@code graph} (the default: the
 *     sub-clusters grouped into the communities of the sentences' nearest-neighbour graph by
 *     modularity; no threshold), {@code silhouette} (the cut of the merged sub-clusters with the
 *     best mean silhouette; no threshold) or {@code merge_similarity} (sub-clusters merged while at
 *     least {@code merge_similarity} alike)
 * @param mergeSimilarity with {@code theme_count: merge_similarity}, sub-clusters at least this
 *     alike (average cosine of their centroids) are one theme; lower gives fewer, broader themes
 * @param graphNeighbours with {@code theme_count: graph}, the nearest sentences each sentence is
 *     linked to: more neighbours link a complaint's wordings and give broader themes, fewer give
 *     finer ones
 * @param minThemeSize a cluster smaller than this is dissolved into the touchpoint's {@code other}
 * @param minSentences a touchpoint with fewer clusterable negative sentences gets one theme
 * @param minSimilarity a sentence whose cosine similarity to its theme's centroid is lower goes to
 *     {@code other}
 * @param minTerms a sentence with fewer content terms (lemmas after stop words, the night's generic
 *     words and the touchpoint's own name) goes to the touchpoint's general-dissatisfaction bucket:
 *     "This is unacceptable." says how, not what
 * @param word2vecWeight weight of the corpus Word2Vec part of the sentence vectors (0 = TF-IDF
 *     only)
 * @param pretrainedWeight weight of the general-purpose English word vectors (from the CoreNLP
 *     models jar) in the sentence vectors (0 = not used)
 * @param encoderWeight weight of the sentence encoder's vector of the whole sentence
 *     (bge-small-en-v1.5) in the sentence vectors (0 = not used)
 * @param matchThreshold least similarity of two themes' distinctive terms for a theme to keep the
 *     previous night's id
 * @param maxQuotes representative quotes per theme
 * @param quoteChars longest quote; longer ones are cut at a word boundary with "…"
 * @param seed seed of Word2Vec and k-means: the same input gives the same themes
 */
public record ThemeOptions(
    int maxThemes,
    String themeCount,
    double mergeSimilarity,
    int graphNeighbours,
    int minThemeSize,
    int minSentences,
    double minSimilarity,
    int minTerms,
    double word2vecWeight,
    double pretrainedWeight,
    double encoderWeight,
    double matchThreshold,
    int maxQuotes,
    int quoteChars,
    long seed)
    implements Serializable {
  public static final String SILHOUETTE = "silhouette";
  public static final String MERGE_SIMILARITY = "merge_similarity";
  public static final String GRAPH = "graph";
  public static final java.util.List<String> THEME_COUNTS =
      java.util.List.of(SILHOUETTE, MERGE_SIMILARITY, GRAPH);

  public static final ThemeOptions DEFAULTS =
      new ThemeOptions(
          8, MERGE_SIMILARITY, 0.45, 15, 5, 20, 0.2, 2, 0.0, 0.0, 3.0, 0.3, 5, 240, 42L);

  /** The same options with another theme bound (for the room left next to kept themes). */
  public ThemeOptions withMaxThemes(int max) {
    return with(max, themeCount, mergeSimilarity, word2vecWeight, pretrainedWeight, encoderWeight);
  }

  /** The same options with another way of choosing the number of themes. */
  public ThemeOptions withThemeCount(String how) {
    return with(maxThemes, how, mergeSimilarity, word2vecWeight, pretrainedWeight, encoderWeight);
  }

  /** The same options with other vector weights (eval-themes' flags). */
  public ThemeOptions withWeights(double word2vec, double pretrained, double encoder) {
    return with(maxThemes, themeCount, mergeSimilarity, word2vec, pretrained, encoder);
  }

  /** The same options with another merge threshold (eval-themes' {@code --merge-similarity}). */
  public ThemeOptions withMergeSimilarity(double similarity) {
    return with(maxThemes, themeCount, similarity, word2vecWeight, pretrainedWeight, encoderWeight);
  }

  /** The same options with another neighbourhood (eval-themes' {@code --graph-neighbours}). */
  public ThemeOptions withGraphNeighbours(int neighbours) {
    return new ThemeOptions(
        maxThemes,
        themeCount,
        mergeSimilarity,
        neighbours,
        minThemeSize,
        minSentences,
        minSimilarity,
        minTerms,
        word2vecWeight,
        pretrainedWeight,
        encoderWeight,
        matchThreshold,
        maxQuotes,
        quoteChars,
        seed);
  }

  /** A merge threshold is a cosine strictly between 0 and 1 ("must be in (0, 1)"). */
  public static boolean validMergeSimilarity(double similarity) {
    return similarity > 0 && similarity < 1;
  }

  /** A copy with the settings eval-themes and the room for new themes vary; the rest kept. */
  private ThemeOptions with(
      int max, String how, double similarity, double word2vec, double pretrained, double encoder) {
    return new ThemeOptions(
        max,
        how,
        similarity,
        graphNeighbours,
        minThemeSize,
        minSentences,
        minSimilarity,
        minTerms,
        word2vec,
        pretrained,
        encoder,
        matchThreshold,
        maxQuotes,
        quoteChars,
        seed);
  }

  /** Binds the {@code themes:} section: absent keys take the defaults. */
  @JsonCreator
  static ThemeOptions fromYaml(
      @JsonProperty("max_themes") Integer maxThemes,
      @JsonProperty("theme_count") String themeCount,
      @JsonProperty("merge_similarity") Double mergeSimilarity,
      @JsonProperty("graph_neighbours") Integer graphNeighbours,
      @JsonProperty("min_theme_size") Integer minThemeSize,
      @JsonProperty("min_sentences") Integer minSentences,
      @JsonProperty("min_similarity") Double minSimilarity,
      @JsonProperty("min_terms") Integer minTerms,
      @JsonProperty("word2vec_weight") Double word2vecWeight,
      @JsonProperty("pretrained_weight") Double pretrainedWeight,
      @JsonProperty("encoder_weight") Double encoderWeight,
      @JsonProperty("match_threshold") Double matchThreshold,
      @JsonProperty("max_quotes") Integer maxQuotes,
      @JsonProperty("quote_chars") Integer quoteChars,
      @JsonProperty("seed") Long seed) {
    ThemeOptions d = DEFAULTS;
    ThemeOptions o =
        new ThemeOptions(
            requireNonNullElse(maxThemes, d.maxThemes()),
            requireNonNullElse(themeCount, d.themeCount()),
            requireNonNullElse(mergeSimilarity, d.mergeSimilarity()),
            requireNonNullElse(graphNeighbours, d.graphNeighbours()),
            requireNonNullElse(minThemeSize, d.minThemeSize()),
            requireNonNullElse(minSentences, d.minSentences()),
            requireNonNullElse(minSimilarity, d.minSimilarity()),
            requireNonNullElse(minTerms, d.minTerms()),
            requireNonNullElse(word2vecWeight, d.word2vecWeight()),
            requireNonNullElse(pretrainedWeight, d.pretrainedWeight()),
            requireNonNullElse(encoderWeight, d.encoderWeight()),
            requireNonNullElse(matchThreshold, d.matchThreshold()),
            requireNonNullElse(maxQuotes, d.maxQuotes()),
            requireNonNullElse(quoteChars, d.quoteChars()),
            requireNonNullElse(seed, d.seed()));
    if (o.maxThemes() < 1 || o.maxThemes() > 50) {
      throw new InvalidConfigValue("max_themes", "must be between 1 and 50, got " + o.maxThemes());
    }
    if (!THEME_COUNTS.contains(o.themeCount())) {
      throw new InvalidConfigValue(
          "theme_count", "must be one of " + THEME_COUNTS + ", got '" + o.themeCount() + "'");
    }
    if (!validMergeSimilarity(o.mergeSimilarity())) {
      throw new InvalidConfigValue(
          "merge_similarity", "must be in (0, 1), got " + o.mergeSimilarity());
    }
    if (o.graphNeighbours() < 2 || o.graphNeighbours() > 200) {
      throw new InvalidConfigValue(
          "graph_neighbours", "must be between 2 and 200, got " + o.graphNeighbours());
    }
    if (o.minThemeSize() < 2) {
      throw new InvalidConfigValue("min_theme_size", "must be at least 2, got " + o.minThemeSize());
    }
    if (o.minSentences() < 1) {
      throw new InvalidConfigValue("min_sentences", "must be at least 1, got " + o.minSentences());
    }
    if (o.minSimilarity() < 0 || o.minSimilarity() >= 1) {
      throw new InvalidConfigValue("min_similarity", "must be in [0, 1), got " + o.minSimilarity());
    }
    if (o.minTerms() < 1) {
      throw new InvalidConfigValue("min_terms", "must be at least 1, got " + o.minTerms());
    }
    if (o.word2vecWeight() < 0) {
      throw new InvalidConfigValue("word2vec_weight", "must be >= 0, got " + o.word2vecWeight());
    }
    if (o.pretrainedWeight() < 0) {
      throw new InvalidConfigValue(
          "pretrained_weight", "must be >= 0, got " + o.pretrainedWeight());
    }
    if (o.encoderWeight() < 0) {
      throw new InvalidConfigValue("encoder_weight", "must be >= 0, got " + o.encoderWeight());
    }
    if (o.matchThreshold() <= 0 || o.matchThreshold() >= 1) {
      throw new InvalidConfigValue(
          "match_threshold", "must be in (0, 1), got " + o.matchThreshold());
    }
    if (o.maxQuotes() < 0 || o.quoteChars() < 20) {
      throw new InvalidConfigValue(
          "max_quotes",
          "must be >= 0 and quote_chars >= 20, got " + o.maxQuotes() + " and " + o.quoteChars());
    }
    return o;
  }
}

package com.painpoint.models.sentiment;

import java.io.Serializable;

/**
 * Settings of the sentiment stage.
 *
 * @param parser parser behind the sentiment model
 * @param maxSentenceTokens longer sentences are truncated to this many tokens (and flagged)
 * @param minSentencesToRank touchpoints with fewer attributed sentences get no negativity rank
 */
public record SentimentSettings(ParserKind parser, int maxSentenceTokens, int minSentencesToRank)
    implements Serializable {

  /**
   * Identifies the scores this configuration produces (CoreNLP version, parser, token cap, and the
   * lemma format: {@code pii1} = no lemmas from personal data), so scores stored by an older format
   * are not reused.
   */
  public String modelId() {
    return "corenlp-4.5.10/"
        + parser.name().toLowerCase(java.util.Locale.ROOT)
        + "/max"
        + maxSentenceTokens
        + "/pii1";
  }

  public static final SentimentSettings DEFAULTS =
      new SentimentSettings(ParserKind.SHIFT_REDUCE, 80, 30);
}

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

  public static final SentimentSettings DEFAULTS =
      new SentimentSettings(ParserKind.SHIFT_REDUCE, 80, 30);
}

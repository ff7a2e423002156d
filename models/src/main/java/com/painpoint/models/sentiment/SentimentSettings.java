package com.painpoint.models.sentiment;

import java.io.Serializable;
import java.util.Locale;

/**
 * Settings of the sentiment stage.
 *
 * @param model which model scores sentences
 * @param parser parser behind CoreNLP's sentiment model (the {@code corenlp} model only)
 * @param head the trained head of the {@code encoder} model (null for {@code corenlp})
 * @param maxSentenceTokens longer sentences are truncated to this many tokens (and flagged)
 * @param minSentencesToRank touchpoints with fewer attributed sentences get no negativity rank
 */
public record SentimentSettings(
    SentimentModel model,
    ParserKind parser,
    SentimentHead head,
    int maxSentenceTokens,
    int minSentencesToRank)
    implements Serializable {

  public SentimentSettings {
    if (model == SentimentModel.ENCODER && head == null) {
      throw new IllegalArgumentException("the encoder model needs a sentiment head");
    }
  }

  /**
   * The settings a config or a script's options name: {@code model} is "encoder" (the shipped head,
   * or the persisted one at {@code modelPath}) or "corenlp" (with {@code parser}).
   *
   * @param modelPath a head written by {@code scripts/train-sentiment}, or null for the shipped one
   */
  public static SentimentSettings of(
      String model,
      String modelPath,
      ParserKind parser,
      int maxSentenceTokens,
      int minSentencesToRank) {
    if (SentimentModel.parse(model) == SentimentModel.CORENLP) {
      return corenlp(parser, maxSentenceTokens, minSentencesToRank);
    }
    SentimentHead head =
        modelPath == null ? SentimentHead.bundled() : SentimentHead.load(modelPath);
    return encoder(head, maxSentenceTokens, minSentencesToRank);
  }

  /** CoreNLP's model with the given parser. */
  public static SentimentSettings corenlp(
      ParserKind parser, int maxSentenceTokens, int minSentencesToRank) {
    return new SentimentSettings(
        SentimentModel.CORENLP, parser, null, maxSentenceTokens, minSentencesToRank);
  }

  /** The sentence encoder with a head. */
  public static SentimentSettings encoder(
      SentimentHead head, int maxSentenceTokens, int minSentencesToRank) {
    return new SentimentSettings(
        SentimentModel.ENCODER,
        ParserKind.SHIFT_REDUCE,
        head,
        maxSentenceTokens,
        minSentencesToRank);
  }

  /**
   * Identifies the scores this configuration produces, so scores stored by another model, head,
   * token cap or lemma format ({@code pii1} = no lemmas from personal data) are not reused: the
   * CoreNLP version and parser, or the encoder and the head's weights.
   */
  public String modelId() {
    String model =
        this.model == SentimentModel.ENCODER
            ? "encoder-bge-small-en-v1.5-q/" + head.id()
            : "corenlp-4.5.10/" + parser.name().toLowerCase(Locale.ROOT);
    return model + "/max" + maxSentenceTokens + "/pii1";
  }

  /** A short description for logs and the manifest. */
  public String describe() {
    return model == SentimentModel.ENCODER
        ? "sentence encoder + head " + head.id()
        : "CoreNLP, " + parser.name().toLowerCase(Locale.ROOT) + " parser";
  }

  /** CoreNLP's model with the shift-reduce parser (tests that need no trained head). */
  public static final SentimentSettings CORENLP_DEFAULTS = corenlp(ParserKind.SHIFT_REDUCE, 80, 30);
}

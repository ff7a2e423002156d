package com.painpoint.jobs.eval;

import com.painpoint.models.sentiment.ParserKind;
import com.painpoint.models.sentiment.SentimentSettings;

/** The sentiment model an evaluation script's {@code --model}/{@code --model-path} ask for. */
final class SentimentModels {
  private SentimentModels() {}

  /** encoder (the shipped head, or the one at modelPath) or corenlp with the given parser. */
  static SentimentSettings settings(String model, String modelPath, ParserKind parser) {
    // The night's defaults: sentences cut at 80 tokens, 30 sentences to rank a touchpoint.
    return SentimentSettings.of(model, modelPath, parser, 80, 30);
  }
}

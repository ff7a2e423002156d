package com.painpoint.jobs.eval;

import com.painpoint.models.sentiment.ParserKind;
import com.painpoint.models.sentiment.SentimentHead;
import com.painpoint.models.sentiment.SentimentModel;
import com.painpoint.models.sentiment.SentimentSettings;

/** The sentiment model an evaluation script's {@code --model}/{@code --model-path} ask for. */
final class SentimentModels {
  private SentimentModels() {}

  /** encoder (the shipped head, or the one at modelPath) or corenlp with the given parser. */
  static SentimentSettings settings(String model, String modelPath, ParserKind parser) {
    if (SentimentModel.parse(model) == SentimentModel.CORENLP) {
      return SentimentSettings.corenlp(parser, 80, 30);
    }
    SentimentHead head =
        modelPath == null ? SentimentHead.bundled() : SentimentHead.load(modelPath);
    return SentimentSettings.encoder(head, 80, 30);
  }
}

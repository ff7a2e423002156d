package com.painpoint.models.sentiment;

import com.painpoint.features.config.PainpointException;
import java.util.Locale;

/** Which model scores sentences. */
public enum SentimentModel {
  /**
   * The sentence encoder (bge-small-en-v1.5) and a three-class head trained on movie-review
   * sentences and tweets (or the company's own labels): the default.
   */
  ENCODER,
  /** CoreNLP's 2013 sentiment model (a parse tree per sentence), with the configured parser. */
  CORENLP;

  public static SentimentModel parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "encoder" -> ENCODER;
      case "corenlp" -> CORENLP;
      default ->
          throw PainpointException.config(
              "sentiment model must be 'encoder' or 'corenlp', got '" + value + "'");
    };
  }
}

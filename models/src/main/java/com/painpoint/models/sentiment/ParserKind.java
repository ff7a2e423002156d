package com.painpoint.models.sentiment;

import com.painpoint.features.config.PainpointException;
import java.util.Locale;

/** The constituency parser behind CoreNLP's sentiment model. */
public enum ParserKind {
  /** Shift-reduce parser from the models-english jar: about 7x faster, same accuracy here. */
  SHIFT_REDUCE("edu/stanford/nlp/models/srparser/englishSR.ser.gz"),
  /** CoreNLP's default PCFG parser: the stock pipeline. */
  PCFG("edu/stanford/nlp/models/lexparser/englishPCFG.ser.gz");

  private final String model;

  ParserKind(String model) {
    this.model = model;
  }

  public String model() {
    return model;
  }

  /** Parses "shift-reduce"/"sr" or "pcfg" (any case). */
  public static ParserKind parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "shift-reduce", "shift_reduce", "sr" -> SHIFT_REDUCE;
      case "pcfg" -> PCFG;
      default ->
          throw PainpointException.config(
              "sentiment parser must be 'shift-reduce' or 'pcfg', got '" + value + "'");
    };
  }
}

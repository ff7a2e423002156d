package com.painpoint.models.sentiment;

import com.painpoint.features.config.PainpointException;
import java.util.Locale;

/** The constituency parser behind CoreNLP's sentiment model. */
public enum ParserKind {
  /** Shift-reduce parser from the models-english jar: about 7x faster, same accuracy here. */
  SHIFT_REDUCE("edu/stanford/nlp/models/srparser/englishSR.ser.gz"),
  /** CoreNLP's default PCFG parser: the stock pipeline. */
  PCFG("edu/stanford/nlp/models/lexparser/englishPCFG.ser.gz"),
  /**
   * Both parsers, class probabilities averaged: the sentiment model sees two different trees of the
   * same sentence, and averaging two views reduces the error that comes from one bad parse. Costs
   * the PCFG's time; offered for evaluation and for nights with time to spare.
   */
  ENSEMBLE(null);

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
      case "ensemble" -> ENSEMBLE;
      default ->
          throw PainpointException.config(
              "sentiment parser must be 'shift-reduce', 'pcfg' or 'ensemble', got '" + value + "'");
    };
  }
}

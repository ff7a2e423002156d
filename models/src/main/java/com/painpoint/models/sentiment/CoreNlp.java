package com.painpoint.models.sentiment;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CoreNLP pipelines of this JVM, built lazily on first use and shared by every task and thread
 * of an executor (CoreNLP annotators are thread-safe). Nothing here is ever serialised: Spark
 * closures reference the static accessors, which run on the executor.
 */
public final class CoreNlp {
  private static final Map<String, StanfordCoreNLP> PIPELINES = new ConcurrentHashMap<>();

  private CoreNlp() {}

  /** Tokenizer and sentence splitter only: cheap, used to cut texts into sentences. */
  public static StanfordCoreNLP splitter() {
    return PIPELINES.computeIfAbsent("split", k -> new StanfordCoreNLP(splitterProps()));
  }

  /** The full pipeline for one sentence: tokens, POS, lemmas, parse and sentiment. */
  public static StanfordCoreNLP scorer(ParserKind parser, int maxTokens) {
    return PIPELINES.computeIfAbsent(
        "score:" + parser + ":" + maxTokens,
        k -> new StanfordCoreNLP(scorerProps(parser, maxTokens)));
  }

  /** One sentence to tokens, POS and lemmas, without a parse (the encoder model's path). */
  public static StanfordCoreNLP tagger(int maxTokens) {
    return PIPELINES.computeIfAbsent(
        "tag:" + maxTokens, k -> new StanfordCoreNLP(taggerProps(maxTokens)));
  }

  /** Lemmas only (for taxonomy keywords on the driver). */
  public static StanfordCoreNLP lemmatizer() {
    return PIPELINES.computeIfAbsent(
        "lemma",
        k -> {
          Properties p = splitterProps();
          p.setProperty("annotators", "tokenize,ssplit,pos,lemma");
          return new StanfordCoreNLP(p);
        });
  }

  static Properties splitterProps() {
    Properties p = new Properties();
    p.setProperty("annotators", "tokenize,ssplit");
    // Emoji and other symbols the tokenizer does not know are dropped quietly, not warned about.
    p.setProperty("tokenize.options", "untokenizable=noneDelete");
    p.setProperty("tokenize.language", "en");
    return p;
  }

  static Properties taggerProps(int maxTokens) {
    Properties p = splitterProps();
    p.setProperty("annotators", "tokenize,ssplit,pos,lemma");
    p.setProperty("ssplit.isOneSentence", "true");
    p.setProperty("pos.maxlen", String.valueOf(maxTokens + 10));
    return p;
  }

  static Properties scorerProps(ParserKind parser, int maxTokens) {
    Properties p = splitterProps();
    p.setProperty("annotators", "tokenize,ssplit,pos,lemma,parse,sentiment");
    p.setProperty("ssplit.isOneSentence", "true");
    p.setProperty("parse.model", parser.model());
    p.setProperty("parse.binaryTrees", "true");
    p.setProperty("parse.maxlen", String.valueOf(maxTokens + 10));
    p.setProperty("pos.maxlen", String.valueOf(maxTokens + 10));
    return p;
  }
}

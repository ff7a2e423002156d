package com.painpoint.models.sentiment;

import com.painpoint.features.text.PiiRedactor;
import com.painpoint.models.encoder.SentenceEncoder;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.neural.rnn.RNNCoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import edu.stanford.nlp.trees.Tree;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ejml.simple.SimpleMatrix;

/**
 * Scores one sentence: 5-class sentiment, its probabilities, a score, lemmas; with CoreNLP's
 * sentiment model (a parse tree per sentence) or the sentence encoder and a trained head.
 */
public final class SentenceScorer {
  /** Class labels, 0 = very negative ... 4 = very positive. */
  public static final List<String> LABELS =
      List.of("very_negative", "negative", "neutral", "positive", "very_positive");

  /**
   * One scored sentence.
   *
   * @param sentimentClass 0..4, or -1 when the parser produced nothing
   * @param probabilities the five class probabilities
   * @param score expected value of the class mapped to [-1, 1]
   * @param lemmas lower-case lemmas of the (possibly truncated) sentence
   * @param truncated true when only the first maxTokens tokens were scored
   * @param embedding the sentence encoder's unit vector of the scored text (encoder model), or null
   */
  public record Scored(
      int sentimentClass,
      double[] probabilities,
      double score,
      List<String> lemmas,
      boolean truncated,
      float[] embedding) {}

  private SentenceScorer() {}

  public static Scored score(String sentence, ParserKind parser, int maxTokens) {
    if (parser == ParserKind.ENSEMBLE) {
      Scored a = score(sentence, ParserKind.SHIFT_REDUCE, maxTokens);
      Scored b = score(sentence, ParserKind.PCFG, maxTokens);
      if (a.sentimentClass() < 0 || b.sentimentClass() < 0) {
        return a.sentimentClass() < 0 ? b : a;
      }
      double[] p = new double[5];
      double score = 0;
      int best = 0;
      for (int i = 0; i < 5; i++) {
        p[i] = (a.probabilities()[i] + b.probabilities()[i]) / 2;
        score += p[i] * (i - 2) / 2.0;
        best = p[i] > p[best] ? i : best;
      }
      return new Scored(best, p, score, a.lemmas(), a.truncated() || b.truncated(), null);
    }
    Parsed parsed = annotate(sentence, CoreNlp.scorer(parser, maxTokens), maxTokens);
    if (parsed.sentence() == null) {
      return new Scored(-1, new double[5], 0.0, parsed.lemmas(), parsed.truncated(), null);
    }
    Tree tree = parsed.sentence().get(SentimentCoreAnnotations.SentimentAnnotatedTree.class);
    if (tree == null) {
      return new Scored(-1, new double[5], 0.0, parsed.lemmas(), parsed.truncated(), null);
    }
    SimpleMatrix predictions = RNNCoreAnnotations.getPredictions(tree);
    double[] p = new double[5];
    double score = 0;
    for (int i = 0; i < 5; i++) {
      p[i] = predictions.get(i);
      score += p[i] * (i - 2) / 2.0;
    }
    return new Scored(
        RNNCoreAnnotations.getPredictedClass(tree),
        p,
        score,
        parsed.lemmas(),
        parsed.truncated(),
        null);
  }

  /** Scores one sentence with the configured model. */
  public static Scored score(String sentence, SentimentSettings settings) {
    return settings.model() == SentimentModel.ENCODER
        ? score(sentence, settings.head(), settings.maxSentenceTokens())
        : score(sentence, settings.parser(), settings.maxSentenceTokens());
  }

  /**
   * Scores one sentence with the sentence encoder and a sentiment head: CoreNLP gives tokens and
   * lemmas (no parse), the encoder the vector of the same (possibly truncated) text.
   */
  public static Scored score(String sentence, SentimentHead head, int maxTokens) {
    Parsed parsed = annotate(sentence, CoreNlp.tagger(maxTokens), maxTokens);
    if (parsed.sentence() == null) {
      return new Scored(-1, new double[5], 0.0, parsed.lemmas(), parsed.truncated(), null);
    }
    float[] embedding = SentenceEncoder.get().embed(parsed.text());
    SentimentHead.Five five = SentimentHead.five(head.probabilities(embedding));
    return new Scored(
        five.sentimentClass(),
        five.probabilities(),
        five.score(),
        parsed.lemmas(),
        parsed.truncated(),
        embedding);
  }

  /** A sentence run through a CoreNLP pipeline: the text annotated, its lemmas. */
  private record Parsed(String text, CoreMap sentence, List<String> lemmas, boolean truncated) {}

  private static Parsed annotate(String sentence, StanfordCoreNLP pipeline, int maxTokens) {
    // Cut to maxTokens before the full pipeline ever sees the sentence: past parse.maxlen the
    // parser gives up with a flat tree, whose binarisation for the sentiment model recurses once
    // per token; a 100,000-character sentence overflowed the stack and killed the executor JVM.
    // Every token holds at least one non-space character (bar a rare sentence-final period the
    // tokenizer adds), so most sentences are short enough to skip this extra tokenization.
    List<CoreLabel> tokens = null;
    if (nonSpaceChars(sentence) + 2 > maxTokens) {
      Annotation tokenized = new Annotation(sentence);
      CoreNlp.splitter().annotate(tokenized);
      tokens = tokenized.get(CoreAnnotations.TokensAnnotation.class);
    }
    boolean truncated = tokens != null && tokens.size() > maxTokens;
    String text =
        truncated ? sentence.substring(0, tokens.get(maxTokens - 1).endPosition()) : sentence;
    Annotation doc = new Annotation(text);
    pipeline.annotate(doc);
    List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
    List<String> lemmas = new ArrayList<>();
    if (sentences == null || sentences.isEmpty()) {
      return new Parsed(text, null, lemmas, truncated);
    }
    CoreMap s = sentences.get(0);
    // Tokens inside personal data (emails, phone and card numbers, IBANs, token URLs, handles)
    // leave no lemma: lemmas are stored and feed theme terms, and must not carry what quotes
    // redact.
    String annotated = doc.get(CoreAnnotations.TextAnnotation.class);
    boolean[] pii = PiiRedactor.mask(annotated);
    for (CoreLabel t : s.get(CoreAnnotations.TokensAnnotation.class)) {
      if (overlaps(pii, t.beginPosition(), t.endPosition())) {
        continue;
      }
      String lemma = t.lemma() == null ? t.word() : t.lemma();
      lemmas.add(lemma.toLowerCase(Locale.ROOT));
    }
    return new Parsed(text, s, lemmas, truncated);
  }

  private static long nonSpaceChars(String s) {
    return s.codePoints().filter(c -> !Character.isWhitespace(c)).count();
  }

  private static boolean overlaps(boolean[] mask, int begin, int end) {
    for (int i = Math.max(0, begin); i < Math.min(end, mask.length); i++) {
      if (mask[i]) {
        return true;
      }
    }
    return false;
  }
}

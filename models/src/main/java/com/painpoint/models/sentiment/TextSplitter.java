package com.painpoint.models.sentiment;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Cuts a feedback text into sentences with CoreNLP's tokenizer and sentence splitter. */
public final class TextSplitter {
  private TextSplitter() {}

  /** The sentences of {@code text} as they appear in it (trimmed, non-empty). */
  public static List<String> sentences(String text) {
    Annotation doc = new Annotation(text);
    CoreNlp.splitter().annotate(doc);
    List<String> out = new ArrayList<>();
    List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
    if (sentences == null) {
      return out;
    }
    for (CoreMap s : sentences) {
      int begin = s.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
      int end = s.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
      String sentence = text.substring(begin, end).trim();
      if (!sentence.isEmpty()) {
        out.add(sentence);
      }
    }
    return out;
  }

  /** The key under which a sentence is scored once per run: lower case, spaces collapsed. */
  public static String normalise(String sentence) {
    return sentence.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
  }
}

package com.painpoint.models.sentiment;

import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.taxonomy.Touchpoint;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Taxonomy keywords in the form sentences are matched in: each keyword as written and as CoreNLP
 * lemmas ("promo codes" also as "promo code"), per touchpoint in journey order.
 */
public final class KeywordLemmas implements Serializable {
  private final Map<String, List<String>> byTouchpoint;

  private KeywordLemmas(Map<String, List<String>> byTouchpoint) {
    this.byTouchpoint = byTouchpoint;
  }

  /** Lemmatises every keyword of the taxonomy (on the driver; a few hundred words at most). */
  public static KeywordLemmas of(Taxonomy taxonomy) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Touchpoint t : taxonomy.inJourneyOrder()) {
      Set<String> forms = new LinkedHashSet<>();
      for (String k : t.keywords()) {
        forms.add(k.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim());
        forms.add(lemmas(k));
      }
      forms.remove("");
      out.put(t.name(), new ArrayList<>(forms));
    }
    return new KeywordLemmas(out);
  }

  static String lemmas(String phrase) {
    Annotation a = new Annotation(phrase);
    CoreNlp.lemmatizer().annotate(a);
    List<String> parts = new ArrayList<>();
    for (CoreLabel t : a.get(CoreAnnotations.TokensAnnotation.class)) {
      parts.add((t.lemma() == null ? t.word() : t.lemma()).toLowerCase(Locale.ROOT));
    }
    return String.join(" ", parts);
  }

  /** Touchpoint -> keyword forms (space-separated lemma sequences), in journey order. */
  public Map<String, List<String>> byTouchpoint() {
    return byTouchpoint;
  }
}

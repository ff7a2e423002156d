package com.painpoint.models.themes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.udf;

import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.text.PiiRedactor;
import com.painpoint.models.sentiment.CoreNlp;
import com.painpoint.models.sentiment.SentimentColumns;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Readable labels in the customers' own words. The c-TF-IDF label is made of lemmas ("refund take ·
 * week"); each of its phrases is shown as the words the theme's customers used most often for it
 * ("refund taking · weeks", "hold for over an hour").
 *
 * <p>A few member sentences per theme that hold one of its most distinctive terms (the first {@link
 * #SAMPLE} by feedback id and sentence index, so a rerun picks the same) are lemmatised again on
 * the driver (CoreNLP tokenize, POS and lemma; no parse). A phrase's surface is the text from its
 * first lemma's token to its last one's, with at most {@link #MAX_GAP} tokens between them (the
 * stop words its bigram skipped), with a negation just before it ("not cool") and a particle just
 * after it ("went up"). A span is only used when it is plain words (letters, spaces, apostrophes,
 * hyphens), does not run across "and" / "or" / "but", and touches no personal data: amounts, codes,
 * punctuation and anything {@link PiiRedactor} would redact never reach a label. The label is then
 * chosen as {@link ThemeTerms#label} chooses it, among the terms that have such a span, so a term
 * customers never wrote as plain words gives way to the next most distinctive one.
 */
public final class ThemeLabels {
  /** Sentences per theme looked at for surface forms. */
  static final int SAMPLE = 20;

  /** Most tokens between a bigram's two lemmas in the text. */
  static final int MAX_GAP = 3;

  /**
   * Characters of a sentence looked at: a run-on "sentence" of pasted text must not make the driver
   * tag thousands of words for a label.
   */
  static final int MAX_CHARS = 1000;

  private static final Pattern PLAIN = Pattern.compile("[a-z]+(?:['’ \\-]+[a-z]+)*");

  private static final Set<String> NEGATIONS = Set.of("not", "no", "never");

  private ThemeLabels() {}

  /**
   * Readable labels of the themes in {@code ranked} (theme key of {@link ThemeMatcher#key} to its
   * distinctive terms and weights, most distinctive first). Runs one Spark job (the sampled
   * sentences, collected) and lemmatises at most {@link #SAMPLE} sentences per theme on the driver.
   * A theme whose terms have no plain-word span gets no entry (its lemma label stands).
   */
  public static Map<String, String> readable(
      Dataset<Row> assigned, Map<String, ? extends Map<String, Double>> ranked) {
    Map<String, String> out = new HashMap<>();
    HashMap<String, ArrayList<String>> wanted = new HashMap<>();
    ranked.forEach((k, v) -> wanted.put(k, new ArrayList<>(candidates(v))));
    wanted.values().removeIf(List::isEmpty);
    if (wanted.isEmpty()) {
      return out;
    }
    UserDefinedFunction holdsACandidate =
        udf(
            (UDF3<String, Integer, scala.collection.Seq<String>, Boolean>)
                (tp, cluster, terms) -> {
                  List<String> p = wanted.get(ThemeMatcher.key(tp, cluster));
                  if (p == null || terms == null) {
                    return false;
                  }
                  List<String> t = scala.jdk.javaapi.CollectionConverters.asJava(terms);
                  for (String phrase : p) {
                    if (t.contains(phrase)) {
                      return true;
                    }
                  }
                  return false;
                },
            DataTypes.BooleanType);
    Map<String, List<String>> sentences = new TreeMap<>();
    for (Row r :
        assigned
            .filter(col(ThemeColumns.CLUSTER).geq(0))
            .filter(
                holdsACandidate.apply(
                    col(ThemeColumns.TOUCHPOINT),
                    col(ThemeColumns.CLUSTER),
                    col(ThemeVectors.TERMS)))
            .withColumn(
                "_n",
                row_number()
                    .over(
                        Window.partitionBy(ThemeColumns.TOUCHPOINT, ThemeColumns.CLUSTER)
                            .orderBy(
                                col(FeedbackSchema.FEEDBACK_ID),
                                col(SentimentColumns.SENTENCE_INDEX))))
            .filter(col("_n").leq(SAMPLE))
            .select(
                col(ThemeColumns.TOUCHPOINT),
                col(ThemeColumns.CLUSTER),
                col(SentimentColumns.SENTENCE),
                col("_n"))
            .collectAsList()) {
      List<String> list =
          sentences.computeIfAbsent(
              ThemeMatcher.key(r.getString(0), r.getInt(1)), k -> new ArrayList<>());
      // Collected rows arrive in any order: keep each theme's sample in its window order.
      int n = r.getInt(3);
      while (list.size() < n) {
        list.add(null);
      }
      list.set(n - 1, r.getString(2));
    }
    for (Map.Entry<String, ArrayList<String>> e : wanted.entrySet()) {
      List<List<CoreLabel>> tokenized = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (String s : sentences.getOrDefault(e.getKey(), List.of())) {
        if (s != null) {
          String text = s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) : s;
          tokenized.add(lemmatise(text));
          texts.add(text);
        }
      }
      Map<String, String> spans = new HashMap<>();
      for (String term : e.getValue()) {
        String span = span(term, texts, tokenized);
        if (span != null) {
          spans.put(term, span);
        }
      }
      String label = labelFrom(e.getValue(), ranked.get(e.getKey()), spans);
      if (label != null) {
        out.put(e.getKey(), label);
      }
    }
    return out;
  }

  /** The terms a label is chosen from, as in {@link ThemeTerms#label}. */
  static List<String> candidates(Map<String, Double> ranked) {
    List<String> all = new ArrayList<>(ranked.keySet());
    return all.subList(0, Math.min(ThemeTerms.LABEL_CANDIDATES, all.size()));
  }

  /**
   * The label chosen by {@link ThemeTerms#labelPhrases} among the terms that have a plain-word
   * span, shown in those spans; null when none has one. A term customers never wrote as plain words
   * ("miss egg" only ever spans "missing and the eggs") gives way to the next one.
   */
  static String labelFrom(
      List<String> ranked, Map<String, Double> weights, Map<String, String> spans) {
    List<String> readable = ranked.stream().filter(spans::containsKey).toList();
    List<String> phrases = ThemeTerms.labelPhrases(readable, weights);
    if (phrases.isEmpty()) {
      return null;
    }
    List<String> shown = new ArrayList<>();
    for (String p : phrases) {
      shown.add(spans.get(p));
    }
    return String.join(ThemeTerms.SEPARATOR, shown);
  }

  /** Tokens with lemmas and character offsets. */
  static List<CoreLabel> lemmatise(String sentence) {
    Annotation doc = new Annotation(sentence);
    CoreNlp.lemmatizer().annotate(doc);
    List<CoreLabel> tokens = doc.get(CoreAnnotations.TokensAnnotation.class);
    return tokens == null ? List.of() : tokens;
  }

  /**
   * The most frequent plain-word span of a lemma phrase (one lemma, or two separated by a space) in
   * these sentences (ties: the shorter, then alphabetical), or null when none.
   */
  static String span(String phrase, List<String> texts, List<List<CoreLabel>> tokenized) {
    String[] lemmas = phrase.split(" ");
    if (lemmas.length > 2) {
      return null;
    }
    Map<String, Integer> counts = new TreeMap<>();
    for (int s = 0; s < texts.size(); s++) {
      String text = texts.get(s);
      List<CoreLabel> tokens = tokenized.get(s);
      boolean[] pii = null;
      for (int i = 0; i < tokens.size(); i++) {
        if (!lemmas[0].equals(lemma(tokens.get(i)))) {
          continue;
        }
        int j = i;
        if (lemmas.length == 2) {
          j = -1;
          for (int q = i + 1; q < tokens.size() && q <= i + 1 + MAX_GAP; q++) {
            if (lemmas[1].equals(lemma(tokens.get(q)))) {
              j = q;
              break;
            }
          }
          if (j < 0) {
            continue;
          }
        }
        if (crossesACoordination(tokens, i, j)) {
          continue;
        }
        int begin = tokens.get(negationBefore(tokens, i)).beginPosition();
        // A verb's particle completes it: "went up", not "went".
        if (j + 1 < tokens.size() && "RP".equals(tokens.get(j + 1).tag())) {
          j++;
        }
        int end = tokens.get(j).endPosition();
        if (begin < 0 || end > text.length() || begin >= end) {
          continue;
        }
        String span = text.substring(begin, end).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (!PLAIN.matcher(span).matches()) {
          continue;
        }
        if (pii == null) {
          pii = PiiRedactor.mask(text);
        }
        if (touches(pii, begin, end)) {
          continue;
        }
        counts.merge(span, 1, Integer::sum);
      }
    }
    String best = null;
    int bestCount = 0;
    for (Map.Entry<String, Integer> c : counts.entrySet()) {
      int n = c.getValue();
      if (n > bestCount || (n == bestCount && c.getKey().length() < best.length())) {
        best = c.getKey();
        bestCount = n;
      }
    }
    return best;
  }

  /** A phrase does not run across "and", "or", "but": that is two phrases, not one. */
  private static boolean crossesACoordination(List<CoreLabel> tokens, int i, int j) {
    for (int q = i + 1; q < j; q++) {
      if ("CC".equals(tokens.get(q).tag())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first token of the phrase with the negation just before it ("not cool", "don't work"): stop
   * words are not terms, so the lemma phrase alone would say the opposite.
   */
  private static int negationBefore(List<CoreLabel> tokens, int i) {
    if (i == 0 || !NEGATIONS.contains(lemma(tokens.get(i - 1)))) {
      return i;
    }
    // "n't" belongs with its auxiliary: "do n't" is shown as written, "don't".
    boolean clitic = tokens.get(i - 1).word().toLowerCase(Locale.ROOT).endsWith("n't");
    return clitic && i >= 2 ? i - 2 : i - 1;
  }

  private static String lemma(CoreLabel t) {
    String l = t.lemma() == null ? t.word() : t.lemma();
    return l.toLowerCase(Locale.ROOT);
  }

  private static boolean touches(boolean[] mask, int begin, int end) {
    for (int i = Math.max(0, begin); i < Math.min(mask.length, end); i++) {
      if (mask[i]) {
        return true;
      }
    }
    return false;
  }
}

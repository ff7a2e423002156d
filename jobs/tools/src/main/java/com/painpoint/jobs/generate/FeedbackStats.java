package com.painpoint.jobs.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scripts/generate-data --stats DIR}: how varied a generated data set's feedback text is,
 * from its feedback_labels.jsonl: sentence rows and the share that are distinct, sentence length in
 * tokens (median, p90, p99), sentences per text, and per planted theme its wordings and distinct
 * sentences. The last line is {@code RESULT sentence_rows=… distinct_share=… median_tokens=…
 * p90_tokens=… min_wordings=…}.
 */
final class FeedbackStats {

  /** Tokens as a Penn-Treebank-like tokenizer counts them: words, numbers, punctuation marks. */
  private static final Pattern TOKEN =
      Pattern.compile("\\p{L}+(?:['’]\\p{L}+)?|\\p{N}+(?:[.,:]\\p{N}+)*|[^\\s\\p{L}\\p{N}]");

  record Stats(
      long sentenceRows,
      long distinct,
      long texts,
      int medianTokens,
      int p90Tokens,
      int p99Tokens,
      int maxTokens,
      Map<Integer, Long> sentencesPerText,
      Map<String, long[]> planted,
      int minWordings) {
    double distinctShare() {
      return sentenceRows == 0 ? 0 : (double) distinct / sentenceRows;
    }
  }

  private FeedbackStats() {}

  static int tokens(String s) {
    Matcher m = TOKEN.matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  static Stats of(Path dir) throws IOException {
    Path file = dir.resolve(DataGenerator.LABELS_FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          file + " not found: --stats reads the sentence labels the generator writes");
    }
    ObjectMapper json = new ObjectMapper();
    Set<String> seen = new HashSet<>();
    int[] lengths = new int[1024];
    int maxTokens = 0;
    long rows = 0;
    Map<String, Integer> perText = new HashMap<>();
    Map<String, long[]> planted = new TreeMap<>();
    Map<String, Set<String>> plantedDistinct = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode j = json.readTree(line);
        String sentence = j.get("sentence").asText();
        rows++;
        seen.add(sentence);
        int t = tokens(sentence);
        maxTokens = Math.max(maxTokens, t);
        lengths[Math.min(t, lengths.length - 1)]++;
        perText.merge(j.get("feedback_id").asText(), 1, Integer::sum);
        String theme = j.get("theme").asText();
        if (!"none".equals(theme)) {
          String key = j.get("touchpoint").asText() + "/" + theme;
          planted.computeIfAbsent(key, k -> new long[2])[0]++;
          plantedDistinct.computeIfAbsent(key, k -> new HashSet<>()).add(sentence);
        }
      }
    }
    plantedDistinct.forEach((k, v) -> planted.get(k)[1] = v.size());
    Map<Integer, Long> sentencesPerText = new TreeMap<>();
    perText.values().forEach(n -> sentencesPerText.merge(n, 1L, Long::sum));
    int minWordings =
        FeedbackText.THEMES.stream().mapToInt(th -> th.wordings().size()).min().orElse(0);
    return new Stats(
        rows,
        seen.size(),
        perText.size(),
        quantile(lengths, rows, 0.5),
        quantile(lengths, rows, 0.9),
        quantile(lengths, rows, 0.99),
        maxTokens,
        sentencesPerText,
        planted,
        minWordings);
  }

  private static int quantile(int[] histogram, long n, double q) {
    long rank = (long) Math.ceil(q * n);
    long seen = 0;
    for (int i = 0; i < histogram.length; i++) {
      seen += histogram[i];
      if (seen >= rank && rank > 0) {
        return i;
      }
    }
    return 0;
  }

  static void print(Stats s, Path dir, PrintStream out) {
    out.printf(Locale.ROOT, "feedback text of %s%n", dir);
    out.printf(
        Locale.ROOT,
        "sentence rows %d in %d texts; distinct sentences %d (%.1f %%)%n",
        s.sentenceRows(),
        s.texts(),
        s.distinct(),
        100 * s.distinctShare());
    out.printf(
        Locale.ROOT,
        "tokens per sentence: median %d, p90 %d, p99 %d, max %d%n",
        s.medianTokens(),
        s.p90Tokens(),
        s.p99Tokens(),
        s.maxTokens());
    out.printf(Locale.ROOT, "sentences per text: %s%n", s.sentencesPerText());
    out.printf(
        Locale.ROOT, "%-60s %9s %9s %9s%n", "planted theme", "wordings", "sentences", "distinct");
    Map<String, Integer> wordings = new HashMap<>();
    for (FeedbackText.Theme t : FeedbackText.THEMES) {
      wordings.put(t.touchpoint().id + "/" + t.label(), t.wordings().size());
    }
    s.planted()
        .forEach(
            (k, v) ->
                out.printf(
                    Locale.ROOT,
                    "%-60s %9d %9d %9d%n",
                    k,
                    wordings.getOrDefault(k, 0),
                    v[0],
                    v[1]));
    out.printf(
        Locale.ROOT,
        "RESULT sentence_rows=%d distinct_share=%.4f median_tokens=%d p90_tokens=%d"
            + " min_wordings=%d%n",
        s.sentenceRows(),
        s.distinctShare(),
        s.medianTokens(),
        s.p90Tokens(),
        s.minWordings());
  }

  static int main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: scripts/generate-data --stats DIR");
      return 2;
    }
    Path dir = Path.of(args[0]);
    try {
      print(of(dir), dir, System.out);
      return 0;
    } catch (IOException | RuntimeException e) {
      System.err.println("generate-data --stats: " + e.getMessage());
      return 1;
    }
  }
}

package com.painpoint.jobs.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The planted theme of each generated sentence, read from the {@code feedback_labels.jsonl} the
 * generator writes beside the data, so tests and evaluations can check what the themes stage
 * recovered. The job splits sentences itself (and redacts them), so a sentence of a run is matched
 * to the written sentence of the same feedback row that shares the most of its words.
 */
public final class PlantedThemes {
  /** A planted theme: its touchpoint and its label in ground_truth.json. */
  public record Planted(String touchpoint, String label) {
    /** The label's words ("charged twice after changing plan" → charged, twice, …). */
    public List<String> words() {
      return List.of(label.toLowerCase(Locale.ROOT).split("[^a-z]+"));
    }

    /** "touchpoint/label". */
    public String key() {
      return touchpoint + "/" + label;
    }
  }

  /**
   * One written sentence: its row, index, text, planted theme (null for none) and, for a sentence
   * that only vents about a touchpoint, that touchpoint (else null).
   */
  public record Labelled(
      String feedbackId, int index, String sentence, Planted planted, String vent) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, List<Labelled>> byFeedback;

  private PlantedThemes(Map<String, List<Labelled>> byFeedback) {
    this.byFeedback = byFeedback;
  }

  /** Reads {@code dir/feedback_labels.jsonl}. */
  public static PlantedThemes read(Path dir) {
    Path file = dir.resolve(DataGenerator.LABELS_FILE);
    Map<String, List<Labelled>> out = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode j = JSON.readTree(line);
        for (String f : List.of("feedback_id", "sentence_index", "sentence", "theme")) {
          if (!j.hasNonNull(f)) {
            throw new IllegalArgumentException(
                file + " line " + n + ": field '" + f + "' missing or null");
          }
        }
        String theme = j.get("theme").asText();
        Planted planted =
            "none".equals(theme) ? null : new Planted(j.path("touchpoint").asText(), theme);
        Labelled l =
            new Labelled(
                j.get("feedback_id").asText(),
                j.get("sentence_index").asInt(),
                j.get("sentence").asText(),
                planted,
                j.hasNonNull("vent") ? j.get("vent").asText() : null);
        out.computeIfAbsent(id(l.feedbackId()), k -> new ArrayList<>()).add(l);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return new PlantedThemes(out);
  }

  /** Every written sentence, row by row. */
  public List<Labelled> sentences() {
    List<Labelled> out = new ArrayList<>();
    byFeedback.values().forEach(out::addAll);
    out.sort(java.util.Comparator.comparing(Labelled::feedbackId).thenComparing(Labelled::index));
    return out;
  }

  /**
   * The planted theme of a sentence as a run split it from feedback row {@code feedbackId}: that of
   * the row's written sentence sharing the most words with it (at least half of its words).
   */
  public Optional<Planted> of(String feedbackId, String sentence) {
    return written(feedbackId, sentence).map(Labelled::planted);
  }

  /**
   * The touchpoint a sentence (as a run split it) only vents about, matched like {@link #of}; empty
   * when the written sentence is not a vent.
   */
  public Optional<String> ventOf(String feedbackId, String sentence) {
    return written(feedbackId, sentence).map(Labelled::vent);
  }

  /** The row's written sentence sharing the most words with it (at least half of its words). */
  private Optional<Labelled> written(String feedbackId, String sentence) {
    List<Labelled> written = byFeedback.get(id(feedbackId));
    if (written == null) {
      return Optional.empty();
    }
    Set<String> words = words(sentence);
    if (words.isEmpty()) {
      return Optional.empty();
    }
    Labelled best = null;
    int bestShared = 0;
    for (Labelled l : written) {
      Set<String> w = words(l.sentence());
      w.retainAll(words);
      if (w.size() > bestShared) {
        bestShared = w.size();
        best = l;
      }
    }
    if (best == null || bestShared * 2 < words.size()) {
      return Optional.empty();
    }
    return Optional.of(best);
  }

  /** Ids as the job compares them: trimmed, lower case. */
  private static String id(String feedbackId) {
    return feedbackId.trim().toLowerCase(Locale.ROOT);
  }

  /** Lower-case words of letters and digits. */
  static Set<String> words(String s) {
    Set<String> out = new HashSet<>();
    for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** Every planted theme. */
  public static List<Planted> all() {
    List<Planted> out = new ArrayList<>();
    for (FeedbackText.Theme t : FeedbackText.THEMES) {
      out.add(new Planted(t.touchpoint().id, t.label()));
    }
    return out;
  }
}

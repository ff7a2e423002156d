package com.painpoint.jobs.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Formats one feedback row as a JSON line with a fixed field order and explicit nulls. */
final class FeedbackJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FeedbackJson() {}

  /**
   * The lines of feedback_labels.jsonl for one row: per written sentence its index (from 0, in the
   * order written), its text, and the planted theme it was written from ({@code touchpoint} and
   * {@code theme}), or {@code "none"} with a null touchpoint; a sentence that only vents about a
   * touchpoint also has {@code vent}, that touchpoint's id.
   */
  static List<String> labelLines(FeedbackRecord f) {
    List<String> out = new ArrayList<>();
    int i = 0;
    for (FeedbackComposer.Sentence s : f.sentences()) {
      ObjectNode n = MAPPER.createObjectNode();
      n.put("feedback_id", f.feedbackId());
      n.put("sentence_index", i++);
      n.put("sentence", s.text());
      n.put("touchpoint", s.theme() == null ? null : s.theme().touchpoint().id);
      n.put("theme", s.theme() == null ? "none" : s.theme().label());
      if (s.vent() != null) {
        // Venting about a touchpoint with no concrete subject: the themes stage's "general
        // dissatisfaction" bucket of that touchpoint should hold it.
        n.put("vent", s.vent().id);
      }
      out.add(write(n));
    }
    return out;
  }

  private static String write(ObjectNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String line(FeedbackRecord f) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("feedback_id", f.feedbackId());
    n.put("customer_id", f.customerId());
    n.put("created_at", f.createdAt().toString());
    n.put("channel", f.channel());
    n.put("touchpoint", f.touchpoint());
    n.put("score", f.score());
    n.put("score_scale", f.scoreScale());
    n.put("text", f.text());
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}

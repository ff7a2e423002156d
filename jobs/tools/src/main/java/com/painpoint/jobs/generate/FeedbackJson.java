package com.painpoint.jobs.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** Formats one feedback row as a JSON line with a fixed field order and explicit nulls. */
final class FeedbackJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FeedbackJson() {}

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

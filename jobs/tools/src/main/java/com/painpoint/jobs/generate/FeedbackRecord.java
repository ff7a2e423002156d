package com.painpoint.jobs.generate;

import java.time.Instant;
import java.util.List;

/**
 * One line of feedback.jsonl as written (bad rows included), with the sentences it was composed of
 * (for feedback_labels.jsonl).
 */
record FeedbackRecord(
    String feedbackId,
    String customerId,
    Instant createdAt,
    String channel,
    String touchpoint,
    Integer score,
    String scoreScale,
    String text,
    List<FeedbackComposer.Sentence> sentences) {}

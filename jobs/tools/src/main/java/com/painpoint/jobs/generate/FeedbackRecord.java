package com.painpoint.jobs.generate;

import java.time.Instant;

/** One line of feedback.jsonl as written (bad rows included). */
record FeedbackRecord(
    String feedbackId,
    String customerId,
    Instant createdAt,
    String channel,
    String touchpoint,
    Integer score,
    String scoreScale,
    String text) {}

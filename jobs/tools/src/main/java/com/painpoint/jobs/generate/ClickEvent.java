package com.painpoint.jobs.generate;

import java.time.Instant;

/**
 * One clickstream row as written (bad rows included); eventDate is the partition the export put it
 * in, which for rows with a broken event_time is the day it arrived, not the event's own date.
 */
record ClickEvent(
    String eventId,
    String customerId,
    String anonymousId,
    String sessionId,
    Instant eventTime,
    String eventType,
    String url,
    String target,
    Integer statusCode,
    Long durationMs,
    String eventDate) {}

package com.painpoint.jobs.generate;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Appends the events of one session on a relative clock (milliseconds from the session start) and
 * remembers at which touchpoints it planted friction.
 *
 * <p>Ordinary gaps are chosen so that no friction appears by accident: clicks are at least 2.5 s
 * apart (rage clicks need 3 clicks within 2 s) and nothing waits 30 minutes (the engine's
 * inactivity split). Only the explicitly planted methods break these rules.
 */
final class SessionBuilder {

  /** An event before it is placed in time and given its ids. */
  record RawEvent(
      long offsetMs,
      Touchpoint touchpoint,
      String eventType,
      String url,
      String target,
      Integer statusCode,
      Long durationMs) {}

  private final SplittableRandom rng;
  private final List<RawEvent> events = new ArrayList<>();
  private final EnumSet<Touchpoint> friction = EnumSet.noneOf(Touchpoint.class);
  private final EnumSet<Touchpoint> touched = EnumSet.noneOf(Touchpoint.class);
  private long clock;

  SessionBuilder(SplittableRandom rng) {
    this.rng = rng;
  }

  /**
   * A copy of the session so far that goes on with its own random stream: the same events,
   * touchpoints, friction and clock. The copy never draws from this builder's stream.
   */
  SessionBuilder copy(SplittableRandom other) {
    SessionBuilder c = new SessionBuilder(other);
    c.events.addAll(events);
    c.friction.addAll(friction);
    c.touched.addAll(touched);
    c.clock = clock;
    return c;
  }

  SplittableRandom rng() {
    return rng;
  }

  /** A page view with an ordinary load time, below the touchpoint's slowness limit. */
  void pageView(Touchpoint tp, String url) {
    pageView(tp, url, normalDuration(tp), 200);
  }

  /** A page view slower than the touchpoint's limit; planted slowness. */
  void slowPageView(Touchpoint tp, String url) {
    int limit = tp.slowMs == null ? 4000 : tp.slowMs;
    long duration = limit + 500 + rng.nextLong(3 * (long) limit);
    friction.add(tp);
    pageView(tp, url, duration, 200);
  }

  /** A page view answered with a server error; planted error. */
  void failedPageView(Touchpoint tp, String url, int status) {
    friction.add(tp);
    pageView(tp, url, normalDuration(tp), status);
  }

  private void pageView(Touchpoint tp, String url, long duration, int status) {
    add(tp, "page_view", url, null, status, duration);
    // Time to load plus time spent reading the page before the next action.
    clock += duration + 2_000 + rng.nextLong(25_000);
  }

  void click(Touchpoint tp, String url, String target) {
    add(tp, "click", url, target, null, null);
    clock += 2_500 + rng.nextLong(15_000);
  }

  /** Three to five clicks on one target within about 1.5 s; planted rage clicks. */
  void rageClicks(Touchpoint tp, String url, String target) {
    int n = 3 + rng.nextInt(3);
    for (int i = 0; i < n; i++) {
      add(tp, "click", url, target, null, null);
      clock += 200 + rng.nextLong(180);
    }
    friction.add(tp);
    clock += 2_500 + rng.nextLong(6_000);
  }

  void formSubmit(Touchpoint tp, String url) {
    add(tp, "form_submit", url, null, 200, null);
    clock += 800 + rng.nextLong(2_500);
  }

  /** A form submit the server fails with a 5xx; planted error. */
  void failedFormSubmit(Touchpoint tp, String url, int status) {
    add(tp, "form_submit", url, null, status, null);
    friction.add(tp);
    clock += 1_500 + rng.nextLong(8_000);
  }

  /** A client-side error event (status null, or the status the page reported). */
  void error(Touchpoint tp, String url, Integer status) {
    add(tp, "error", url, null, status, null);
    friction.add(tp);
    clock += 1_000 + rng.nextLong(6_000);
  }

  /** A named business event (checkout_start, order_placed, signup_start ...). */
  void event(Touchpoint tp, String eventType, String url) {
    add(tp, eventType, url, null, null, null);
    clock += 400 + rng.nextLong(2_000);
  }

  /** Marks friction the session has by construction (abandonment, loops). */
  void planted(Touchpoint tp) {
    friction.add(tp);
  }

  /** A pause between two steps of the journey, well under the 30-minute split. */
  void pause() {
    clock += 3_000 + rng.nextLong(60_000);
  }

  long durationMs() {
    return clock;
  }

  List<RawEvent> events() {
    return events;
  }

  EnumSet<Touchpoint> friction() {
    return friction;
  }

  EnumSet<Touchpoint> touched() {
    return touched;
  }

  private void add(
      Touchpoint tp, String type, String url, String target, Integer status, Long duration) {
    events.add(new RawEvent(clock, tp, type, url, target, status, duration));
    touched.add(tp);
  }

  /**
   * An ordinary load time: log-normal around the touchpoint's median, capped at 75 % of its limit.
   */
  long normalDuration(Touchpoint tp) {
    double median =
        switch (tp) {
          case SEARCH -> 1300;
          case ACCOUNT -> 700;
          case DISCOVERY, ONBOARDING -> 950;
          default -> 1000;
        };
    double value = median * Math.exp(0.45 * gaussian());
    double cap = tp.slowMs == null ? 30_000 : tp.slowMs * 0.75;
    return Math.max(120, Math.round(Math.min(value, cap)));
  }

  private double gaussian() {
    // Box-Muller spelled out so the values do not depend on the JDK's nextGaussian algorithm.
    double u1 = 1.0 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}

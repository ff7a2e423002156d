package com.painpoint.jobs.generate;

import com.painpoint.jobs.generate.JourneyPlanner.PlannedSession;
import com.painpoint.jobs.generate.SessionBuilder.RawEvent;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulates one customer index: a pure function of (options, index) to the customer's CRM rows,
 * clickstream events and feedback rows, anonymous visitors and planted bad rows included.
 *
 * <p>Everything random comes from generators seeded by (seed, index, stream), and every id is
 * derived from the index and a per-customer counter, so the driver (CRM, feedback) and the Spark
 * executors (clickstream) compute the same customer independently and identically.
 */
final class CustomerSimulator implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Scales the event budget so that the mean number of customer events matches
   * --events-per-customer; measured on generated data.
   */
  static final double EVENT_BUDGET_CALIBRATION = 0.81;

  /** Sessions of one customer are at least this far apart, far above the 30-minute split. */
  private static final Duration MIN_SLOT = Duration.ofHours(2);

  /** Share of a customer's events whose customer id is written lower-case or space-padded. */
  static final double EVENT_ID_NOISE = 0.03;

  /** Share of CRM rows whose customer id is written with surrounding spaces. */
  static final double CRM_ID_NOISE = 0.01;

  /** Share of customer indices that also produce an anonymous (pre-signup) visitor. */
  static final double ANONYMOUS_VISITOR = 0.35;

  private final GeneratorOptions options;
  private final BadRowPlan badRows;

  CustomerSimulator(GeneratorOptions options) {
    this.options = options;
    this.badRows = new BadRowPlan(options.customers(), options.plantBadRows());
  }

  BadRowPlan badRows() {
    return badRows;
  }

  /** A session placed in time, kept for tests and ground-truth bookkeeping. */
  record PlacedSession(
      String kind,
      Instant start,
      Instant end,
      String sessionId,
      EnumSet<Touchpoint> touched,
      EnumSet<Touchpoint> friction,
      boolean fixed) {}

  /** Everything one customer index produces. */
  record SimulatedCustomer(
      CustomerProfile profile,
      List<PlacedSession> sessions,
      List<CrmRecord> crmRows,
      List<FeedbackRecord> feedback,
      List<ClickEvent> events) {}

  SimulatedCustomer simulate(long index) {
    return simulate(index, true);
  }

  /** The clickstream rows of one customer index, as the Spark job writes them. */
  List<ClickEvent> events(long index) {
    return simulate(index, false).events();
  }

  private SimulatedCustomer simulate(long index, boolean withFeedback) {
    CustomerProfile p = CustomerProfile.sample(options, badRows, index);
    SplittableRandom r = new SplittableRandom(Seeds.of(options.seed(), index, Seeds.SESSIONS));
    Instant windowStart = options.windowStart().atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant windowEnd = options.snapshotDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = p.churned() ? atStartOfDay(p.churnDate()) : windowEnd;
    Instant signupAt = null;
    if (p.signupInWindow()) {
      // Sign-ups happen between 07:00 and 20:00 on the sign-up date.
      signupAt = atStartOfDay(p.signupDate()).plusSeconds(7 * 3600 + r.nextLong(13 * 3600));
    }
    Instant start = signupAt != null ? signupAt.plus(Duration.ofHours(1)) : windowStart;

    double spanDays = Math.max(0, Duration.between(start, end).toHours() / 24.0);
    double spanFactor = 0.3 + 0.7 * Math.min(1, spanDays / options.days());
    double budget =
        Math.min(
            650,
            options.eventsPerCustomer() * p.activity() * spanFactor * EVENT_BUDGET_CALIBRATION);
    if (p.role() == BadRowPlan.Role.CLICK_DUPLICATE) {
      budget = Math.max(budget, 30);
    }
    int maxSessions =
        (int)
            Math.max(
                1, Math.min(80, Duration.between(start, end).toMillis() / MIN_SLOT.toMillis()));
    SplittableRandom fix = new SplittableRandom(Seeds.of(options.seed(), index, Seeds.INITIATIVE));
    SplittableRandom escalation =
        new SplittableRandom(Seeds.of(options.seed(), index, Seeds.ESCALATION));
    List<PlannedSession> planned = JourneyPlanner.plan(p, r, fix, escalation, budget, maxSessions);
    Instant fixFrom = atStartOfDay(PlantedInitiatives.fixStart(options));

    List<PlacedSession> placed = new ArrayList<>();
    List<ClickEvent> events = new ArrayList<>();
    Map<Touchpoint, Instant> firstPain = new EnumMap<>(Touchpoint.class);
    EventIds ids = new EventIds(index);
    SplittableRandom noise = new SplittableRandom(Seeds.of(options.seed(), index, Seeds.NOISE));

    List<PlannedSession> anywhere = new ArrayList<>();
    PlannedSession signup = null;
    PlannedSession cancellation = null;
    for (PlannedSession s : planned) {
      switch (s.slot()) {
        case SIGNUP -> signup = s;
        case CHURN_DATE -> cancellation = s;
        case ANY -> anywhere.add(s);
      }
    }
    shuffle(anywhere, r);
    if (p.churned()) {
      // The planted path effect: a churner's billing failure taken to support is the last thing
      // it does before it cancels (same slots and draws, only the order changes).
      for (int i = 0; i < anywhere.size(); i++) {
        if (JourneyPlanner.BILLING_ESCALATED.equals(anywhere.get(i).kind())) {
          anywhere.add(anywhere.remove(i));
          break;
        }
      }
    }
    List<Instant> starts = new ArrayList<>();
    long slotMs = Duration.between(start, end).toMillis() / Math.max(1, anywhere.size());
    for (int i = 0; i < anywhere.size(); i++) {
      long duration = anywhere.get(i).built().durationMs();
      // Leave at least 40 minutes to the next slot so the engine's 30-minute split holds.
      long room = Math.max(1, slotMs - duration - Duration.ofMinutes(40).toMillis());
      starts.add(start.plusMillis(i * slotMs + r.nextLong(room)));
    }
    List<PlannedSession> ordered = new ArrayList<>();
    List<Instant> orderedStarts = new ArrayList<>();
    if (signup != null) {
      ordered.add(signup);
      orderedStarts.add(signupAt);
    }
    ordered.addAll(anywhere);
    orderedStarts.addAll(starts);
    if (cancellation != null) {
      ordered.add(cancellation);
      // The cancellation happens on the churn date, between 07:00 and 21:00.
      orderedStarts.add(end.plusSeconds(7 * 3600 + r.nextLong(14 * 3600)));
    }

    String customerId = p.customerId();
    for (int n = 0; n < ordered.size(); n++) {
      PlannedSession s = ordered.get(n);
      Instant at = orderedStarts.get(n);
      String sessionId = s.app() ? null : String.format("S%07d%03d", index + 1, n + 1);
      // The planted fix: from its start, half of the would-be payment errors do not happen.
      boolean fixed =
          s.fixed() != null
              && fix.nextDouble() < PlantedInitiatives.FIX_SHARE
              && !at.isBefore(fixFrom);
      SessionBuilder used = fixed ? s.fixed() : s.built();
      for (RawEvent e : used.events()) {
        String id = customerId;
        if (noise.nextDouble() < EVENT_ID_NOISE) {
          id = noise.nextBoolean() ? id.toLowerCase(Locale.ROOT) : " " + id + " ";
        }
        events.add(toEvent(ids.next(), id, null, sessionId, at.plusMillis(e.offsetMs()), e));
      }
      Instant sessionEnd = at.plusMillis(used.durationMs());
      // Feedback follows the customer's pain as planned, fixed or not (see PlantedInitiatives).
      Instant plannedEnd = at.plusMillis(s.built().durationMs());
      for (Touchpoint t : s.built().friction()) {
        firstPain.merge(t, plannedEnd, (a, b) -> a.isBefore(b) ? a : b);
      }
      placed.add(
          new PlacedSession(
              s.kind(),
              at,
              sessionEnd,
              sessionId,
              EnumSet.copyOf(used.touched()),
              used.friction().isEmpty()
                  ? EnumSet.noneOf(Touchpoint.class)
                  : EnumSet.copyOf(used.friction()),
              fixed));
    }
    plantBadEvents(p, events, ids);
    events.addAll(anonymousVisitor(index, ids, windowStart, windowEnd));

    List<FeedbackRecord> feedback = new ArrayList<>();
    if (withFeedback) {
      feedback = feedback(p, firstPain, start, end, windowStart, windowEnd);
    }
    return new SimulatedCustomer(p, placed, crmRows(p, noise), feedback, events);
  }

  private List<CrmRecord> crmRows(CustomerProfile p, SplittableRandom noise) {
    String id = p.customerId();
    boolean padded = noise.nextDouble() < CRM_ID_NOISE;
    if (padded && p.role() == null) {
      id = " " + id + " ";
    }
    long revenue = p.monthlyRevenueCents();
    boolean churned = p.churned();
    LocalDate churnDate = p.churnDate();
    BadRowPlan.Role role = p.role();
    if (role == BadRowPlan.Role.CRM_NEGATIVE_REVENUE) {
      revenue = -revenue;
    } else if (role == BadRowPlan.Role.CRM_CHURNED_WITHOUT_DATE) {
      churned = true;
      churnDate = null;
    } else if (role == BadRowPlan.Role.CRM_MISSING_ID) {
      id = "";
    }
    CrmRecord row =
        new CrmRecord(
            id,
            p.segment().id,
            p.plan().id,
            p.region(),
            p.signupDate(),
            revenue,
            churned,
            churnDate,
            options.snapshotDate());
    if (role == BadRowPlan.Role.CRM_DUPLICATE) {
      return List.of(row, row, row);
    }
    return List.of(row);
  }

  private List<FeedbackRecord> feedback(
      CustomerProfile p,
      Map<Touchpoint, Instant> firstPain,
      Instant start,
      Instant end,
      Instant windowStart,
      Instant windowEnd) {
    SplittableRandom r = new SplittableRandom(Seeds.of(options.seed(), p.index(), Seeds.FEEDBACK));
    FeedbackComposer composer = new FeedbackComposer(r);
    BadRowPlan.Role role = p.role();
    List<FeedbackComposer.Draft> drafts =
        new ArrayList<>(
            composer.forCustomer(
                p,
                options.feedbackPerCustomer(),
                firstPain,
                start,
                end,
                role == BadRowPlan.Role.FEEDBACK_DUPLICATE));
    if (role == BadRowPlan.Role.FEEDBACK_MISSING_TEXT) {
      for (int i = 0; i < BadRowPlan.Role.FEEDBACK_MISSING_TEXT.rows; i++) {
        Instant at =
            start.plusSeconds(
                r.nextLong(Math.max(1, Duration.between(start, end).toSeconds() - 60)));
        drafts.add(new FeedbackComposer.Draft(at, "survey", null, null, null, "", List.of()));
      }
    }
    drafts.sort(Comparator.comparing(FeedbackComposer.Draft::createdAt));
    List<FeedbackRecord> rows = new ArrayList<>();
    long k = 1;
    for (FeedbackComposer.Draft d : drafts) {
      FeedbackRecord row = toFeedback(p.index(), k++, p.customerId(), d);
      rows.add(row);
      if (role == BadRowPlan.Role.FEEDBACK_DUPLICATE && rows.size() == 1) {
        rows.add(row);
      }
    }
    FeedbackComposer.Draft anonymous =
        composer.anonymous(options.feedbackPerCustomer(), windowStart, windowEnd);
    if (anonymous != null) {
      rows.add(toFeedback(p.index(), k, null, anonymous));
    }
    return rows;
  }

  private static FeedbackRecord toFeedback(
      long index, long k, String customerId, FeedbackComposer.Draft d) {
    return new FeedbackRecord(
        String.format("F%07d", index * 100 + k),
        customerId,
        d.createdAt(),
        d.channel(),
        d.touchpoint(),
        d.score(),
        d.scoreScale(),
        d.text(),
        d.sentences());
  }

  /** Extra or duplicated events of the reserved clickstream customers; none for others. */
  private static void plantBadEvents(CustomerProfile p, List<ClickEvent> events, EventIds ids) {
    BadRowPlan.Role role = p.role();
    if (role == null || events.isEmpty()) {
      return;
    }
    ClickEvent first = events.get(0);
    switch (role) {
      case CLICK_DUPLICATE -> {
        int n = Math.min(BadRowPlan.Role.CLICK_DUPLICATE.rows, events.size());
        List<ClickEvent> copy = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
          copy.add(events.get(i));
          if (i < n) {
            copy.add(events.get(i));
          }
        }
        events.clear();
        events.addAll(copy);
      }
      case CLICK_MISSING_TIME, CLICK_OUT_OF_RANGE -> {
        // The export files these rows under the day they arrived, the customer's first session.
        Instant broken = Instant.parse("2031-01-01T03:00:00Z");
        for (int i = 0; i < role.rows; i++) {
          Instant at =
              role == BadRowPlan.Role.CLICK_MISSING_TIME ? null : broken.plusSeconds(i * 7L);
          events.add(
              new ClickEvent(
                  ids.next(),
                  p.customerId(),
                  null,
                  null,
                  at,
                  "page_view",
                  "/",
                  null,
                  200,
                  900L + i,
                  first.eventDate()));
        }
      }
      default -> {}
    }
  }

  /** An anonymous visitor (browsing, maybe looking at sign-up) for some customer indices. */
  private List<ClickEvent> anonymousVisitor(
      long index, EventIds ids, Instant windowStart, Instant windowEnd) {
    SplittableRandom r = new SplittableRandom(Seeds.of(options.seed(), index, Seeds.ANONYMOUS));
    List<ClickEvent> events = new ArrayList<>();
    if (r.nextDouble() >= ANONYMOUS_VISITOR) {
      return events;
    }
    String anonymousId = String.format("A%07d", index + 1);
    int sessions = 1 + (r.nextDouble() < 0.4 ? 1 : 0);
    long half = Duration.between(windowStart, windowEnd).toMillis() / sessions;
    for (int n = 0; n < sessions; n++) {
      SessionBuilder b = new SessionBuilder(r);
      Visits.discovery(b);
      if (r.nextDouble() < 0.6) {
        boolean friction = r.nextDouble() < PlantedEffects.ANONYMOUS_SEARCH_FRICTION;
        double u = r.nextDouble();
        Visits.search(b, friction && u < 0.7, friction && u >= 0.45);
      }
      if (r.nextDouble() < 0.3) {
        Visits.signupLook(b, r.nextDouble() < PlantedEffects.ANONYMOUS_SIGNUP_ABANDON);
      }
      Instant at =
          windowStart.plusMillis(
              n * half + r.nextLong(Math.max(1, half - b.durationMs() - 3_600_000)));
      String sessionId = String.format("V%07d%03d", index + 1, n + 1);
      for (RawEvent e : b.events()) {
        events.add(
            toEvent(ids.next(), null, anonymousId, sessionId, at.plusMillis(e.offsetMs()), e));
      }
    }
    return events;
  }

  private static ClickEvent toEvent(
      String eventId,
      String customerId,
      String anonymousId,
      String sessionId,
      Instant at,
      RawEvent e) {
    return new ClickEvent(
        eventId,
        customerId,
        anonymousId,
        sessionId,
        at,
        e.eventType(),
        e.url(),
        e.target(),
        e.statusCode(),
        e.durationMs(),
        at.atZone(ZoneOffset.UTC).toLocalDate().toString());
  }

  private static Instant atStartOfDay(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static <T> void shuffle(List<T> list, SplittableRandom r) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      T tmp = list.get(i);
      list.set(i, list.get(j));
      list.set(j, tmp);
    }
  }

  /** Event ids E + (index * 1000 + k): unique per customer index without global state. */
  private static final class EventIds {
    private final long base;
    private int k;

    EventIds(long index) {
      this.base = index * 1000;
    }

    String next() {
      k++;
      if (k > 999) {
        throw new IllegalStateException("more than 999 events for customer index " + base / 1000);
      }
      return String.format("E%09d", base + k);
    }
  }
}

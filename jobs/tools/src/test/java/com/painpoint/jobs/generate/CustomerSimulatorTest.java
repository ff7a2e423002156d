package com.painpoint.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.painpoint.jobs.generate.CustomerSimulator.PlacedSession;
import com.painpoint.jobs.generate.CustomerSimulator.SimulatedCustomer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CustomerSimulatorTest {

  private static final int CUSTOMERS = 400;

  private static GeneratorOptions options(long seed) {
    return new GeneratorOptions(
        CUSTOMERS, seed, "unused", LocalDate.parse("2026-06-30"), 90, 1.5, 75, true);
  }

  private static List<SimulatedCustomer> simulateAll(long seed) {
    CustomerSimulator simulator = new CustomerSimulator(options(seed));
    return LongStream.range(0, CUSTOMERS).mapToObj(simulator::simulate).toList();
  }

  @Test
  void sameSeedAndIndexGiveTheSameCustomer() {
    CustomerSimulator first = new CustomerSimulator(options(42));
    CustomerSimulator second = new CustomerSimulator(options(42));
    for (long index : new long[] {0, 7, 123, 399}) {
      SimulatedCustomer a = first.simulate(index);
      SimulatedCustomer b = second.simulate(index);
      assertThat(b.crmRows()).isEqualTo(a.crmRows());
      assertThat(b.events()).isEqualTo(a.events());
      assertThat(b.feedback()).isEqualTo(a.feedback());
      // The Spark path computes the events alone and must agree with the full simulation.
      assertThat(second.events(index)).isEqualTo(a.events());
    }
  }

  /**
   * The planted path effect: only support's own visitors with a failing billing session escalate,
   * the escalated session fails at billing and visits support, far more churners escalate than
   * customers who stay, and a churner's escalated session is its last before it cancels.
   */
  @Test
  void billingFailuresGoOnToSupportMostlyForChurnersAndLastBeforeTheyCancel() {
    long churned = 0;
    long churnedEscalated = 0;
    long retained = 0;
    long retainedEscalated = 0;
    List<SimulatedCustomer> customers = new ArrayList<>();
    for (long seed = 42; seed < 47; seed++) {
      customers.addAll(simulateAll(seed));
    }
    for (SimulatedCustomer c : customers) {
      CustomerProfile p = c.profile();
      List<PlacedSession> escalated =
          c.sessions().stream()
              .filter(s -> JourneyPlanner.BILLING_ESCALATED.equals(s.kind()))
              .toList();
      boolean candidate =
          p.visits().contains(Touchpoint.SUPPORT)
              && c.sessions().stream()
                  .anyMatch(
                      s ->
                          s.kind().equals("billing_friction")
                              || JourneyPlanner.BILLING_ESCALATED.equals(s.kind()));
      assertThat(escalated).hasSizeLessThanOrEqualTo(1);
      if (!escalated.isEmpty()) {
        assertThat(candidate).isTrue();
        PlacedSession e = escalated.get(0);
        assertThat(e.friction()).contains(Touchpoint.BILLING);
        assertThat(e.touched()).contains(Touchpoint.BILLING, Touchpoint.SUPPORT);
        if (p.churned()) {
          List<PlacedSession> before =
              c.sessions().stream().filter(s -> !s.kind().equals("cancellation")).toList();
          assertThat(before.get(before.size() - 1)).as("last before cancelling").isEqualTo(e);
        }
      }
      if (candidate && p.churned()) {
        churned++;
        churnedEscalated += escalated.size();
      } else if (candidate) {
        retained++;
        retainedEscalated += escalated.size();
      }
    }
    // 2,000 customers: about 25 churners and 35 others use support and fail at billing.
    assertThat(churned).isGreaterThan(10);
    assertThat(retained).isGreaterThan(10);
    assertThat((double) churnedEscalated / churned).isGreaterThan(0.45);
    assertThat((double) retainedEscalated / retained).isLessThan(0.3);
  }

  @Test
  void thePlantedFixRemovesAboutHalfOfThePaymentErrorsFromItsStartDateOnly() {
    Instant fixFrom =
        PlantedInitiatives.fixStart(options(42)).atStartOfDay(ZoneOffset.UTC).toInstant();
    long candidatesAfter = 0;
    long fixed = 0;
    for (SimulatedCustomer c : simulateAll(42)) {
      for (PlacedSession s : c.sessions()) {
        if (s.fixed()) {
          fixed++;
          assertThat(s.start()).as("fixed only from the start date").isAfterOrEqualTo(fixFrom);
          assertThat(s.kind())
              .isIn("order_abandoned_server_error", "order_server_error_then_ordered");
          // The session's earlier steps (login, menu) keep their own friction, if any.
          assertThat(s.friction())
              .as("the fixed session orders without checkout friction")
              .doesNotContain(Touchpoint.CHECKOUT);
          assertThat(s.touched()).contains(Touchpoint.CHECKOUT);
        }
        if (!s.start().isBefore(fixFrom)
            && (s.kind().equals("order_abandoned_server_error")
                || s.kind().equals("order_server_error_then_ordered"))) {
          candidatesAfter++;
        }
      }
    }
    assertThat(candidatesAfter).isGreaterThan(40);
    // Half of them, within a binomial tolerance (4 standard deviations).
    double sd = Math.sqrt(candidatesAfter * 0.25);
    assertThat((double) fixed)
        .isBetween(candidatesAfter / 2.0 - 4 * sd, candidatesAfter / 2.0 + 4 * sd);
    // The fixed sessions' events hold no payment error: no 5xx on /checkout/payment after the
    // start.
    for (SimulatedCustomer c : simulateAll(42)) {
      Set<String> fixedIds = new HashSet<>();
      c.sessions().stream().filter(PlacedSession::fixed).forEach(s -> fixedIds.add(s.sessionId()));
      c.events().stream()
          .filter(e -> e.sessionId() != null && fixedIds.contains(e.sessionId()))
          .forEach(e -> assertThat(e.statusCode() == null ? 0 : e.statusCode()).isLessThan(500));
    }
  }

  @Test
  void simulatingInAnotherOrderChangesNothing() {
    CustomerSimulator simulator = new CustomerSimulator(options(42));
    SimulatedCustomer alone = simulator.simulate(250);
    for (long i = 0; i < 50; i++) {
      simulator.simulate(i);
    }
    assertThat(simulator.simulate(250).events()).isEqualTo(alone.events());
  }

  @Test
  void differentSeedsGiveDifferentCustomers() {
    CustomerSimulator a = new CustomerSimulator(options(1));
    CustomerSimulator b = new CustomerSimulator(options(2));
    int different = 0;
    for (long i = 0; i < 20; i++) {
      if (!a.simulate(i).crmRows().equals(b.simulate(i).crmRows())) {
        different++;
      }
      assertThat(a.simulate(i).events()).isNotEqualTo(b.simulate(i).events());
    }
    assertThat(different).isGreaterThan(15);
  }

  @Test
  void churnedCustomersHaveNoEventsAfterTheChurnDateExceptTheCancellationThatDay() {
    int churned = 0;
    for (SimulatedCustomer c : simulateAll(42)) {
      CustomerProfile p = c.profile();
      if (!p.churned()) {
        continue;
      }
      churned++;
      Instant churnDay = p.churnDate().atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant nextDay = churnDay.plus(Duration.ofDays(1));
      PlacedSession cancellation =
          c.sessions().stream()
              .filter(s -> s.kind().equals("cancellation"))
              .findFirst()
              .orElseThrow();
      assertThat(cancellation.start()).isBetween(churnDay, nextDay);
      List<ClickEvent> late =
          customerEvents(c).stream().filter(e -> !e.eventTime().isBefore(churnDay)).toList();
      assertThat(late).as("events on or after the churn date of " + p.customerId()).isNotEmpty();
      for (ClickEvent e : late) {
        assertThat(e.eventTime())
            .isBefore(nextDay)
            .isBetween(cancellation.start(), cancellation.end());
      }
      assertThat(late).anyMatch(e -> e.eventType().equals("cancel_confirmed"));
      for (PlacedSession s : c.sessions()) {
        if (!s.kind().equals("cancellation")) {
          assertThat(s.end()).isBefore(churnDay);
        }
      }
      for (FeedbackRecord f : c.feedback()) {
        if (f.customerId() != null) {
          assertThat(f.createdAt()).isBefore(churnDay);
        }
      }
    }
    assertThat(churned).isGreaterThan(40);
  }

  @Test
  void everyPainShowsAsFrictionOrAComplaintBeforeAnyChurn() {
    for (SimulatedCustomer c : simulateAll(42)) {
      CustomerProfile p = c.profile();
      for (Touchpoint t : p.pain()) {
        boolean friction = c.sessions().stream().anyMatch(s -> s.friction().contains(t));
        assertThat(friction || p.complaints().contains(t))
            .as(p.customerId() + " pain at " + t.id)
            .isTrue();
      }
      for (Touchpoint t : p.complaints()) {
        assertThat(c.feedback())
            .as(p.customerId() + " complaint about " + t.id)
            .anyMatch(
                f ->
                    f.customerId() != null
                        && f.sentences().stream()
                            .anyMatch(s -> s.theme() != null && s.theme().touchpoint() == t));
      }
    }
  }

  @Test
  void reservedBadRowCustomersCarryNoPlantedEffects() {
    BadRowPlan plan = new BadRowPlan(CUSTOMERS, true);
    CustomerSimulator simulator = new CustomerSimulator(options(42));
    int reserved = 0;
    for (long i = 0; i < CUSTOMERS; i++) {
      if (plan.roleOf(i) != null) {
        reserved++;
        CustomerProfile p = simulator.simulate(i).profile();
        assertThat(p.pain()).isEmpty();
        assertThat(p.churned()).isFalse();
      }
    }
    assertThat(reserved).isEqualTo(BadRowPlan.Role.values().length);
  }

  @Test
  void eventIdsAreUniqueExceptThePlantedDuplicates() {
    Set<String> ids = new HashSet<>();
    int duplicates = 0;
    for (SimulatedCustomer c : simulateAll(42)) {
      for (ClickEvent e : c.events()) {
        if (!ids.add(e.eventId())) {
          duplicates++;
        }
      }
    }
    assertThat(duplicates).isEqualTo(BadRowPlan.Role.CLICK_DUPLICATE.rows);
  }

  @Test
  void plantedFrictionIsExactlyWhatTheEngineDefinitionsFind() {
    for (SimulatedCustomer c : simulateAll(42)) {
      List<ClickEvent> events = customerEvents(c);
      for (PlacedSession s : c.sessions()) {
        List<ClickEvent> in =
            events.stream()
                .filter(e -> !e.eventTime().isBefore(s.start()) && !e.eventTime().isAfter(s.end()))
                .toList();
        EnumSet<Touchpoint> found = frictionByDefinition(in);
        assertThat(found)
            .as(c.profile().customerId() + " session " + s.kind())
            .isEqualTo(s.friction());
      }
    }
  }

  @Test
  void sessionsAreSeparatedByMoreThanTheInactivityGap() {
    for (SimulatedCustomer c : simulateAll(42)) {
      List<PlacedSession> sessions = new ArrayList<>(c.sessions());
      sessions.sort((a, b) -> a.start().compareTo(b.start()));
      for (int i = 1; i < sessions.size(); i++) {
        assertThat(Duration.between(sessions.get(i - 1).end(), sessions.get(i).start()))
            .isGreaterThan(Duration.ofMinutes(30));
      }
    }
  }

  @Test
  void feedbackTextsAreVariedAndReadLikeCustomers() {
    List<FeedbackRecord> rows = new ArrayList<>();
    for (SimulatedCustomer c : simulateAll(42)) {
      for (FeedbackRecord f : c.feedback()) {
        if (!f.text().isEmpty()) {
          rows.add(f);
        }
      }
    }
    List<String> texts = rows.stream().map(FeedbackRecord::text).toList();
    List<String> sentences =
        rows.stream()
            .flatMap(f -> f.sentences().stream())
            .map(FeedbackComposer.Sentence::text)
            .toList();
    assertThat(texts).hasSizeGreaterThan(450);
    assertThat(new HashSet<>(texts).size()).isGreaterThan((int) (texts.size() * 0.97));
    assertThat(new HashSet<>(sentences).size()).isGreaterThan((int) (sentences.size() * 0.8));
    for (FeedbackRecord f : rows) {
      assertThat(f.sentences()).as(f.text()).hasSizeBetween(1, 6);
      // The text is its sentences, as written.
      assertThat(f.text().replace('\n', ' '))
          .isEqualTo(
              String.join(
                  " ", f.sentences().stream().map(FeedbackComposer.Sentence::text).toList()));
    }
    assertThat(rows).anyMatch(f -> f.sentences().size() >= 5);
    assertThat(texts).anyMatch(t -> t.contains("😡") || t.contains("👎") || t.contains("😤"));
    assertThat(texts).anyMatch(t -> t.contains("🙂") || t.contains("👍"));
    assertThat(texts).anyMatch(t -> t.contains("?"));
    assertThat(texts).anyMatch(t -> t.equals(t.toLowerCase(Locale.ROOT)) && t.length() > 40);
    assertThat(texts)
        .anyMatch(t -> FeedbackText.TYPOS.stream().anyMatch(typo -> t.contains(typo[1])));
    assertThat(texts).anyMatch(t -> t.contains("@example.") || t.contains("7700 900"));
    assertThat(texts)
        .anyMatch(
            t ->
                t.contains("Lieferung")
                    || t.contains("pedido")
                    || t.contains("livraison")
                    || t.contains("Rezepte")
                    || t.contains("recettes")
                    || t.contains("recetas")
                    || t.contains("Kundenservice")
                    || t.contains("facturé")
                    || t.contains("cobraron")
                    || t.contains("abgebucht")
                    || t.contains("joindre")
                    || t.contains("caja"));
  }

  private static boolean mentions(String text, Touchpoint t) {
    String lower = text.toLowerCase(Locale.ROOT);
    return t.keywords.stream()
        .anyMatch(k -> Pattern.compile("\\b" + Pattern.quote(k) + "\\b").matcher(lower).find());
  }

  private static List<ClickEvent> customerEvents(SimulatedCustomer c) {
    String id = c.profile().customerId().toLowerCase(Locale.ROOT);
    return c.events().stream()
        .filter(e -> e.customerId() != null && e.eventTime() != null)
        .filter(e -> e.customerId().trim().toLowerCase(Locale.ROOT).equals(id))
        .filter(e -> e.eventTime().getEpochSecond() < 1_900_000_000L)
        .distinct()
        .toList();
  }

  /** The engine's friction definitions on one session (slowness by slow_ms only). */
  private static EnumSet<Touchpoint> frictionByDefinition(List<ClickEvent> session) {
    EnumSet<Touchpoint> found = EnumSet.noneOf(Touchpoint.class);
    Map<Touchpoint, Integer> visits = new HashMap<>();
    Map<Touchpoint, Set<String>> types = new HashMap<>();
    Map<String, List<Instant>> clicks = new HashMap<>();
    Touchpoint previous = null;
    for (ClickEvent e : session) {
      Touchpoint t = TaxonomyYamlTest.map(e.eventType(), e.url());
      assertThat(t).as(e.url()).isNotNull();
      if (t != previous) {
        visits.merge(t, 1, Integer::sum);
      }
      previous = t;
      types.computeIfAbsent(t, k -> new HashSet<>()).add(e.eventType());
      if (e.eventType().equals("error") || (e.statusCode() != null && e.statusCode() >= 500)) {
        found.add(t);
      }
      if (e.eventType().equals("page_view")
          && t.slowMs != null
          && e.durationMs() != null
          && e.durationMs() > t.slowMs) {
        found.add(t);
      }
      if (e.eventType().equals("click")) {
        List<Instant> times =
            clicks.computeIfAbsent(t.id + "|" + e.target(), k -> new ArrayList<>());
        times.add(e.eventTime());
        int n = times.size();
        if (n >= 3 && Duration.between(times.get(n - 3), times.get(n - 1)).toMillis() <= 2000) {
          found.add(t);
        }
      }
    }
    visits.forEach(
        (t, n) -> {
          if (n >= 3) {
            found.add(t);
          }
        });
    types.forEach(
        (t, ts) -> {
          if (t.startEvents.stream().anyMatch(ts::contains)
              && t.successEvents.stream().noneMatch(ts::contains)) {
            found.add(t);
          }
        });
    return found;
  }
}

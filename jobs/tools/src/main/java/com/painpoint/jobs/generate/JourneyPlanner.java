package com.painpoint.jobs.generate;

import static com.painpoint.jobs.generate.Touchpoint.ACCOUNT;
import static com.painpoint.jobs.generate.Touchpoint.BILLING;
import static com.painpoint.jobs.generate.Touchpoint.CHECKOUT;
import static com.painpoint.jobs.generate.Touchpoint.DELIVERY;
import static com.painpoint.jobs.generate.Touchpoint.ONBOARDING;
import static com.painpoint.jobs.generate.Touchpoint.SEARCH;
import static com.painpoint.jobs.generate.Touchpoint.SUPPORT;

import com.painpoint.jobs.generate.Visits.CheckoutOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans the sessions of one customer (not yet placed in time): the sessions its pain requires, the
 * visits its profile promises, then routine sessions until it reaches its event budget.
 */
final class JourneyPlanner {

  /** Where a session must go in the customer's timeline. */
  enum Slot {
    /** The sign-up session, on the sign-up date before everything else. */
    SIGNUP,
    /** Anywhere in the active span. */
    ANY,
    /** The cancellation on the churn date, after everything else. */
    CHURN_DATE
  }

  /**
   * A planned session: its events on a relative clock and the friction planted in it.
   *
   * @param fixed for a checkout session whose payment call fails: the same session where the
   *     planted initiative's fix worked and the order went through; null otherwise
   */
  record PlannedSession(
      String kind, Slot slot, boolean app, SessionBuilder built, SessionBuilder fixed) {}

  private final CustomerProfile p;
  private final SplittableRandom r;
  private final SplittableRandom fix;
  private final SplittableRandom escalation;
  private final List<PlannedSession> sessions = new ArrayList<>();
  private int events;

  /** The session kind of a billing failure the customer takes to support right after. */
  static final String BILLING_ESCALATED = "billing_friction_then_support";

  private JourneyPlanner(
      CustomerProfile p, SplittableRandom r, SplittableRandom fix, SplittableRandom escalation) {
    this.p = p;
    this.r = r;
    this.fix = fix;
    this.escalation = escalation;
  }

  /**
   * Plans the customer's sessions.
   *
   * @param eventBudget the number of events routine sessions fill up to
   * @param maxSessions how many sessions fit in the customer's active span
   * @param fix the planted initiative's stream: builds the fixed variant of failing payments
   * @param escalation the planted path effect's stream: which billing failures go on to support
   */
  static List<PlannedSession> plan(
      CustomerProfile p,
      SplittableRandom r,
      SplittableRandom fix,
      SplittableRandom escalation,
      double eventBudget,
      int maxSessions) {
    JourneyPlanner planner = new JourneyPlanner(p, r, fix, escalation);
    planner.required();
    while (planner.events < eventBudget && planner.sessions.size() < maxSessions) {
      planner.routine();
    }
    return planner.sessions;
  }

  private void required() {
    if (p.signupInWindow()) {
      SessionBuilder b = builder();
      Visits.discovery(b);
      if (r.nextBoolean()) {
        Visits.search(b, false, false);
      }
      Visits.signup(b, r.nextDouble() < 0.05);
      Visits.onboarding(b);
      add("signup", Slot.SIGNUP, false, b);
      if (p.quiet()) {
        return;
      }
    }
    int orders = 1 + (r.nextDouble() < 0.4 ? 1 : 0);
    for (int i = 0; i < orders; i++) {
      order(CheckoutOutcome.ORDERED);
    }
    if (p.pain().contains(CHECKOUT)) {
      int failing = PlantedEffects.CHECKOUT_FRICTION_SESSIONS_MIN + r.nextInt(2);
      for (int i = 0; i < failing; i++) {
        double u = r.nextDouble();
        CheckoutOutcome outcome =
            u < 0.40
                ? CheckoutOutcome.ABANDONED
                : u < 0.65
                    ? CheckoutOutcome.ABANDONED_SERVER_ERROR
                    : u < 0.85
                        ? CheckoutOutcome.ABANDONED_PROMO
                        : CheckoutOutcome.SERVER_ERROR_THEN_ORDERED;
        order(outcome);
      }
    }
    if (p.visits().contains(DELIVERY)) {
      delivery(false);
      if (needsFrictionSession(DELIVERY)) {
        delivery(true);
      }
    }
    if (p.visits().contains(BILLING)) {
      billing(false);
      if (needsFrictionSession(BILLING)) {
        billing(true);
      }
    }
    if (p.visits().contains(SUPPORT)) {
      support(false);
      if (p.segment() == Segment.ENTERPRISE) {
        support(false);
      }
      if (needsFrictionSession(SUPPORT)) {
        support(true);
      }
    }
    if (p.visits().contains(ACCOUNT)) {
      account(false);
      if (p.pain().contains(ACCOUNT)) {
        account(true);
      }
    }
    if (p.pain().contains(SEARCH)) {
      browse(true);
    }
    if (p.visits().contains(Touchpoint.CANCELLATION)) {
      SessionBuilder b = builder();
      boolean loop = r.nextDouble() < PlantedEffects.CANCELLATION_LOOP;
      Visits.cancellation(b, loop, p.churned());
      add(
          p.churned() ? "cancellation" : "retention_offer",
          p.churned() ? Slot.CHURN_DATE : Slot.ANY,
          app(),
          b);
    }
  }

  /**
   * Pain at billing, delivery or support shows as a failing session with some probability, and
   * always when the customer does not complain about it, so that every pained customer is visible.
   */
  private boolean needsFrictionSession(Touchpoint t) {
    double die = r.nextDouble();
    return p.pain().contains(t)
        && (die < PlantedEffects.frictionSessionProbability(t) || !p.complaints().contains(t));
  }

  private void routine() {
    double u = r.nextDouble();
    double support =
        switch (p.segment()) {
          case CONSUMER -> 0.04;
          case SMB -> 0.07;
          case ENTERPRISE -> 0.20;
        };
    if (u < 0.12) {
      order(CheckoutOutcome.ORDERED);
    } else if (u < 0.30 && p.visits().contains(DELIVERY)) {
      delivery(false);
    } else if (u < 0.40 && p.visits().contains(ACCOUNT)) {
      account(false);
    } else if (u < 0.47 && p.visits().contains(BILLING)) {
      billing(false);
    } else if (u < 0.47 + support && p.visits().contains(SUPPORT)) {
      support(false);
    } else if (u > 0.90 && p.visits().contains(ONBOARDING)) {
      SessionBuilder b = builder();
      Visits.onboarding(b);
      Visits.search(b, false, false);
      add("onboarding", Slot.ANY, app(), b);
    } else {
      browse(false);
    }
  }

  /** Menu browsing; forced friction plants at least one failing search visit. */
  private void browse(boolean forceFriction) {
    SessionBuilder b = builder();
    if (r.nextDouble() < 0.5) {
      Visits.discovery(b);
    }
    searchVisit(b, forceFriction);
    add(forceFriction ? "browse_friction" : "browse", Slot.ANY, app(), b);
  }

  private void order(CheckoutOutcome outcome) {
    SessionBuilder b = builder();
    if (r.nextDouble() < 0.3) {
      Visits.discovery(b);
    }
    maybeLogin(b);
    searchVisit(b, false);
    b.pause();
    SessionBuilder fixed = null;
    if (outcome == CheckoutOutcome.ABANDONED_SERVER_ERROR
        || outcome == CheckoutOutcome.SERVER_ERROR_THEN_ORDERED) {
      fixed = b.copy(fix);
      Visits.checkout(fixed, CheckoutOutcome.ORDERED);
    }
    Visits.checkout(b, outcome);
    add(
        outcome == CheckoutOutcome.ORDERED ? "order" : "order_" + outcome.name().toLowerCase(),
        Slot.ANY,
        app(),
        b,
        fixed);
  }

  private void delivery(boolean friction) {
    SessionBuilder b = builder();
    maybeLogin(b);
    Visits.delivery(b, friction);
    add(friction ? "delivery_friction" : "delivery", Slot.ANY, app(), b);
  }

  private void billing(boolean friction) {
    SessionBuilder b = builder();
    maybeLogin(b);
    Visits.billing(b, friction);
    boolean app = app();
    if (friction
        && p.visits().contains(SUPPORT)
        && escalation.nextDouble()
            < (p.churned()
                ? PlantedEffects.ESCALATION_IF_CHURNED
                : PlantedEffects.ESCALATION_IF_RETAINED)) {
      // The planted path effect: a customer who uses support goes from the failed billing page
      // to support in the same session (only support's own visitors, so that who visits support,
      // and support's planted confounding, stay as they were). The support visit draws from its own
      // stream, and the event budget
      // counts the session as without it, so the customer's other sessions stay as they were.
      SessionBuilder escalated = b.copy(escalation);
      Visits.support(escalated, false);
      escalated.pageView(SUPPORT, "/contact");
      sessions.add(new PlannedSession(BILLING_ESCALATED, Slot.ANY, app, escalated, null));
      events += b.events().size();
      return;
    }
    add(friction ? "billing_friction" : "billing", Slot.ANY, app, b);
  }

  private void support(boolean friction) {
    SessionBuilder b = builder();
    maybeLogin(b);
    Visits.support(b, friction);
    add(friction ? "support_friction" : "support", Slot.ANY, app(), b);
  }

  /** Account settings; the friction variant is a login loop or a failing login. */
  private void account(boolean friction) {
    SessionBuilder b = builder();
    if (friction && r.nextDouble() < 0.6) {
      Visits.loginLoop(b);
    } else {
      Visits.login(b, friction || loginFails());
      if (r.nextDouble() < 0.2) {
        Visits.passwordReset(b);
      } else {
        Visits.settings(b);
      }
    }
    add(friction ? "account_friction" : "account", Slot.ANY, app(), b);
  }

  private void maybeLogin(SessionBuilder b) {
    if (p.visits().contains(ACCOUNT) && r.nextDouble() < 0.25) {
      Visits.login(b, loginFails());
    }
  }

  /** Customers with account pain see many of their logins fail. */
  private boolean loginFails() {
    double die = r.nextDouble();
    return p.pain().contains(ACCOUNT) && die < PlantedEffects.ACCOUNT_FRICTION_PER_LOGIN;
  }

  /** A menu visit; customers with search pain hit slowness and/or rage clicks on many visits. */
  private void searchVisit(SessionBuilder b, boolean forceFriction) {
    boolean friction =
        forceFriction
            || (p.pain().contains(SEARCH)
                && r.nextDouble() < PlantedEffects.SEARCH_FRICTION_PER_VISIT);
    boolean slow = false;
    boolean rage = false;
    if (friction) {
      double u = r.nextDouble();
      slow = u < 0.7;
      rage = u >= 0.45;
    }
    Visits.search(b, slow, rage);
  }

  private SessionBuilder builder() {
    return new SessionBuilder(r);
  }

  /** A quarter of sessions come from the mobile app, which sends no session id. */
  private boolean app() {
    return r.nextDouble() < 0.25;
  }

  private void add(String kind, Slot slot, boolean app, SessionBuilder b) {
    add(kind, slot, app, b, null);
  }

  private void add(String kind, Slot slot, boolean app, SessionBuilder b, SessionBuilder fixed) {
    sessions.add(new PlannedSession(kind, slot, app, b, fixed));
    events += b.events().size();
  }
}

package com.painpoint.jobs.generate;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.SplittableRandom;

/**
 * The hidden state of one simulated customer: CRM attributes plus the planted truth (where the
 * customer visits, where it has pain, whether and when it churns).
 *
 * @param visits touchpoints the customer visits in the window (pain implies a visit)
 * @param pain touchpoints where the customer has pain, shown as friction and/or complaints
 * @param complaints pained touchpoints the customer writes a complaint about
 * @param activity relative activity level, mean 1, scaling the number of events
 * @param signupInWindow whether the sign-up itself happens inside the window
 * @param quiet signed up in the last days of the window: no pain, no churn, few events
 * @param role the bad-row role, or null for an ordinary customer
 */
record CustomerProfile(
    long index,
    String customerId,
    Segment segment,
    Plan plan,
    String region,
    LocalDate signupDate,
    long monthlyRevenueCents,
    TenureBand tenureBand,
    EnumSet<Touchpoint> visits,
    EnumSet<Touchpoint> pain,
    EnumSet<Touchpoint> complaints,
    boolean churned,
    LocalDate churnDate,
    double activity,
    boolean signupInWindow,
    boolean quiet,
    BadRowPlan.Role role) {

  static String customerId(long index) {
    return String.format("C%07d", index + 1);
  }

  /** Samples a profile; a pure function of the options, the bad-row plan and the index. */
  static CustomerProfile sample(GeneratorOptions o, BadRowPlan badRows, long index) {
    SplittableRandom r = new SplittableRandom(Seeds.of(o.seed(), index, Seeds.PROFILE));
    LocalDate snapshot = o.snapshotDate();
    LocalDate windowStart = o.windowStart();
    BadRowPlan.Role role = badRows.roleOf(index);

    Segment segment = pickSegment(r.nextDouble());
    Plan plan = pickPlan(segment, r.nextDouble());
    long revenue = revenueCents(segment, plan, r);
    String region = pickRegion(r.nextDouble());

    long tenureDays = tenureDays(r, o.days());
    LocalDate signup = snapshot.minusDays(tenureDays);
    boolean signupInWindow = !signup.isBefore(windowStart);
    boolean quiet = signupInWindow && tenureDays < 3;
    TenureBand band = TenureBand.of(tenureDays);

    EnumSet<Touchpoint> visits = EnumSet.of(Touchpoint.DISCOVERY, Touchpoint.SEARCH);
    EnumSet<Touchpoint> pain = EnumSet.noneOf(Touchpoint.class);
    if (signupInWindow) {
      visits.add(Touchpoint.SIGNUP);
      visits.add(Touchpoint.ONBOARDING);
    }
    // Draw every touchpoint's dice in a fixed order whether or not it is used, so that changing
    // one probability does not reshuffle everything after it.
    for (Touchpoint t :
        new Touchpoint[] {
          Touchpoint.CHECKOUT,
          Touchpoint.DELIVERY,
          Touchpoint.BILLING,
          Touchpoint.SUPPORT,
          Touchpoint.ACCOUNT,
          Touchpoint.SEARCH
        }) {
      double visitDie = r.nextDouble();
      double painDie = r.nextDouble();
      if (quiet && t != Touchpoint.SEARCH) {
        continue;
      }
      if (visitDie < PlantedEffects.visitProbability(t, segment)) {
        visits.add(t);
        if (!quiet && role == null && painDie < PlantedEffects.painProbability(t, segment, plan)) {
          pain.add(t);
        }
      }
    }

    double odds = odds(PlantedEffects.baseChurnProbability(segment));
    odds *= PlantedEffects.tenureOddsMultiplier(band);
    for (Touchpoint t : pain) {
      odds *= PlantedEffects.churnOddsMultiplier(t);
    }
    double churnDie = r.nextDouble();
    double dateDie = r.nextDouble();
    // A churn date leaves at least a few active days before it, so that exposure can precede it.
    LocalDate earliestChurn = max(windowStart.plusDays(5), signup.plusDays(7));
    boolean canChurn = role == null && !quiet && !earliestChurn.isAfter(snapshot);
    boolean churned = canChurn && churnDie < odds / (1 + odds);
    LocalDate churnDate = null;
    if (churned) {
      long span = snapshot.toEpochDay() - earliestChurn.toEpochDay() + 1;
      churnDate = earliestChurn.plusDays((long) (dateDie * span));
      visits.add(Touchpoint.CANCELLATION);
    } else if (!quiet && r.nextDouble() < PlantedEffects.RETENTION_VISIT) {
      visits.add(Touchpoint.CANCELLATION);
    }
    // Complaints scale down with a lower feedback volume than the default 1.5 per customer.
    double complaintScale = Math.min(1.0, o.feedbackPerCustomer() / 1.5);
    EnumSet<Touchpoint> complaints = EnumSet.noneOf(Touchpoint.class);
    for (Touchpoint t : Touchpoint.values()) {
      double die = r.nextDouble();
      if (pain.contains(t) && die < PlantedEffects.complaintProbability(t) * complaintScale) {
        complaints.add(t);
      }
    }
    // Log-normal activity with mean 1: a few heavy users, many light ones.
    double activity = Math.exp(0.5 * gaussian(r) - 0.125);
    return new CustomerProfile(
        index,
        customerId(index),
        segment,
        plan,
        region,
        signup,
        revenue,
        band,
        visits,
        pain,
        complaints,
        churned,
        churnDate,
        activity,
        signupInWindow,
        quiet,
        role);
  }

  private static Segment pickSegment(double u) {
    double acc = 0;
    for (Segment s : Segment.values()) {
      acc += s.share;
      if (u < acc) {
        return s;
      }
    }
    return Segment.ENTERPRISE;
  }

  private static Plan pickPlan(Segment s, double u) {
    return switch (s) {
      case CONSUMER -> u < 0.45 ? Plan.BASIC : u < 0.85 ? Plan.PLUS : Plan.PRO;
      case SMB -> u < 0.15 ? Plan.PLUS : u < 0.60 ? Plan.PRO : Plan.BUSINESS;
      case ENTERPRISE -> Plan.BUSINESS;
    };
  }

  /** List price, except enterprise contracts which are mostly negotiated between 499 and 1500. */
  private static long revenueCents(Segment s, Plan p, SplittableRandom r) {
    double u = r.nextDouble();
    int custom = 499 + r.nextInt(1002);
    if (s == Segment.ENTERPRISE && u < 0.75) {
      return custom * 100L;
    }
    return p.listPriceCents;
  }

  private static String pickRegion(double u) {
    return u < 0.28 ? "north" : u < 0.52 ? "south" : u < 0.74 ? "east" : "west";
  }

  /** Tenure 0 to 60 months: some sign up inside the window, most are long-standing. */
  private static long tenureDays(SplittableRandom r, int windowDays) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    if (u < 0.14) {
      return (long) (v * windowDays);
    } else if (u < 0.30) {
      return windowDays + (long) (v * Math.max(1, 182 - windowDays));
    } else if (u < 0.60) {
      return 183 + (long) (v * (730 - 183));
    }
    return 731 + (long) (v * (1826 - 731));
  }

  private static double odds(double p) {
    return p / (1 - p);
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  static double gaussian(SplittableRandom r) {
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}

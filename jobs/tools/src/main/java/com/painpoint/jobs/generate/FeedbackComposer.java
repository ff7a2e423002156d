package com.painpoint.jobs.generate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Composes the feedback texts of one customer (or anonymous visitor): complaints about the
 * touchpoints where it had pain, written after that pain and before any churn, and positive or
 * mixed texts about the rest, with channel, tagged touchpoint and score to match.
 */
final class FeedbackComposer {

  /** A feedback row before it gets its id. */
  record Draft(
      Instant createdAt,
      String channel,
      String touchpoint,
      Integer score,
      String scoreScale,
      String text) {}

  private enum Tone {
    NEGATIVE,
    MIXED,
    POSITIVE
  }

  /**
   * Mean complaint texts per customer at the default parameters; the positive texts make up the
   * rest of the requested feedback volume. Measured on generated data.
   */
  static final double COMPLAINT_TEXTS_PER_CUSTOMER = 0.75;

  /** Share of feedback rows that are anonymous (no customer id). */
  static final double ANONYMOUS_SHARE = 0.05;

  private static final List<Touchpoint> ANONYMOUS_COMPLAINTS =
      List.of(
          Touchpoint.BILLING,
          Touchpoint.BILLING,
          Touchpoint.DELIVERY,
          Touchpoint.DELIVERY,
          Touchpoint.SUPPORT,
          Touchpoint.CHECKOUT,
          Touchpoint.SEARCH,
          Touchpoint.ACCOUNT);

  private final SplittableRandom r;

  FeedbackComposer(SplittableRandom r) {
    this.r = r;
  }

  /**
   * The feedback of a customer.
   *
   * @param firstPain the first friction session per touchpoint; complaints come after it
   * @param start start of the customer's active span
   * @param end end of the active span (the churn date for churners), exclusive
   */
  List<Draft> forCustomer(
      CustomerProfile p,
      double feedbackPerCustomer,
      Map<Touchpoint, Instant> firstPain,
      Instant start,
      Instant end,
      boolean forceOne) {
    List<Draft> drafts = new ArrayList<>();
    if (feedbackPerCustomer <= 0 && !forceOne) {
      return drafts;
    }
    EnumSet<Touchpoint> praisable = EnumSet.copyOf(p.visits());
    praisable.removeAll(p.pain());
    List<Touchpoint> complaints = new ArrayList<>(p.complaints());
    shuffle(complaints);
    for (int i = 0; i < complaints.size(); ) {
      int n = i + 1 < complaints.size() && r.nextDouble() < 0.35 ? 2 : 1;
      List<Touchpoint> about = complaints.subList(i, i + n);
      i += n;
      Instant after = start;
      for (Touchpoint t : about) {
        Instant pain = firstPain.get(t);
        if (pain != null && pain.isAfter(after)) {
          after = pain.plusSeconds(600);
        }
      }
      drafts.add(complaint(about, praisable, between(after, end), false));
    }
    double extraMean =
        Math.max(0.05, feedbackPerCustomer * (1 - ANONYMOUS_SHARE) - COMPLAINT_TEXTS_PER_CUSTOMER);
    int extras = poisson(extraMean);
    if (forceOne && drafts.isEmpty() && extras == 0) {
      extras = 1;
    }
    for (int i = 0; i < extras; i++) {
      drafts.add(praise(praisable, between(start, end), false));
    }
    return drafts;
  }

  /** An anonymous text (app store, review) anywhere in the window, or null for none. */
  Draft anonymous(double feedbackPerCustomer, Instant start, Instant end) {
    if (r.nextDouble() >= feedbackPerCustomer * ANONYMOUS_SHARE) {
      return null;
    }
    Instant at = between(start, end);
    if (r.nextDouble() < 0.45) {
      return complaint(
          List.of(Visits.pick(r, ANONYMOUS_COMPLAINTS)),
          EnumSet.noneOf(Touchpoint.class),
          at,
          true);
    }
    EnumSet<Touchpoint> all = EnumSet.allOf(Touchpoint.class);
    all.remove(Touchpoint.CANCELLATION);
    return praise(all, at, true);
  }

  private Draft complaint(
      List<Touchpoint> about, EnumSet<Touchpoint> praisable, Instant at, boolean anonymous) {
    List<String> sentences = new ArrayList<>();
    for (Touchpoint t : about) {
      List<FeedbackText.Theme> themes =
          FeedbackText.THEMES.stream().filter(th -> th.touchpoint() == t).toList();
      FeedbackText.Theme theme = Visits.pick(r, themes);
      sentences.add(FeedbackText.fill(Visits.pick(r, theme.phrasings()), r));
      // Texts stay at four sentences at most: two complaints come without follow-ups.
      if (about.size() == 1 && r.nextDouble() < PlantedEffects.complaintFollowUpProbability(t)) {
        sentences.add(
            r.nextBoolean()
                ? Visits.pick(r, FeedbackText.NEGATIVE_FOLLOW_UP.get(t))
                : Visits.pick(r, FeedbackText.IMPLICIT_NEGATIVE));
      }
    }
    Tone tone = Tone.NEGATIVE;
    if (sentences.size() < 4 && !praisable.isEmpty() && r.nextDouble() < 0.35) {
      String praise = positiveMention(praisable);
      if (r.nextDouble() < 0.3) {
        sentences.add(0, praise);
      } else {
        sentences.add(praise);
      }
      tone = Tone.MIXED;
    }
    if (sentences.size() < 4
        && !about.contains(Touchpoint.SUPPORT)
        && praisable.contains(Touchpoint.SUPPORT)
        && r.nextDouble() < PlantedEffects.SUPPORT_PRAISE_IN_COMPLAINTS) {
      sentences.add(Visits.pick(r, FeedbackText.POSITIVE.get(Touchpoint.SUPPORT)));
      tone = Tone.MIXED;
    }
    if (sentences.size() < 4 && r.nextDouble() < 0.08) {
      sentences.add(Visits.pick(r, FeedbackText.IMPLICIT_NEGATIVE));
    }
    String channel =
        anonymous
            ? (r.nextBoolean() ? "app_store" : "review")
            : weighted(
                new String[] {"ticket", "chat", "survey", "nps", "review", "app_store"},
                new double[] {0.35, 0.25, 0.15, 0.15, 0.05, 0.05});
    return finish(sentences, about.get(0), channel, tone, at);
  }

  private Draft praise(EnumSet<Touchpoint> praisable, Instant at, boolean anonymous) {
    String channel =
        anonymous
            ? (r.nextBoolean() ? "app_store" : "review")
            : weighted(
                new String[] {"nps", "survey", "review", "app_store", "chat", "ticket"},
                new double[] {0.35, 0.28, 0.14, 0.13, 0.06, 0.04});
    // About 4 % of the positive texts, so about 2 % of all rows, are not in English.
    if (r.nextDouble() < 0.04) {
      // Non-English text: the engine cannot attribute it; it still counts as a row.
      String text = Visits.pick(r, FeedbackText.NON_ENGLISH);
      return finishText(text, null, channel, Tone.POSITIVE, at);
    }
    List<String> sentences = new ArrayList<>();
    Touchpoint main = null;
    Tone tone = Tone.POSITIVE;
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      if (praisable.isEmpty() || (i > 0 && u < 0.3)) {
        sentences.add(FeedbackText.fill(Visits.pick(r, FeedbackText.GENERIC_POSITIVE), r));
      } else if (i > 0 && u < 0.36) {
        sentences.add(Visits.pick(r, FeedbackText.NEUTRAL));
      } else {
        Touchpoint t = pickByWeight(praisable);
        if (r.nextDouble() < PlantedEffects.mildNegativeShare(t)) {
          sentences.add(Visits.pick(r, FeedbackText.MILD_NEGATIVE.get(t)));
          tone = Tone.MIXED;
        } else {
          sentences.add(Visits.pick(r, FeedbackText.POSITIVE.get(t)));
        }
        if (main == null) {
          main = t;
        }
      }
    }
    return finish(sentences, main, channel, tone, at);
  }

  private String positiveMention(EnumSet<Touchpoint> praisable) {
    Touchpoint t = pickByWeight(praisable);
    return Visits.pick(r, FeedbackText.POSITIVE.get(t));
  }

  private Draft finish(
      List<String> sentences, Touchpoint main, String channel, Tone tone, Instant at) {
    if (sentences.size() < 4 && r.nextDouble() < 0.02) {
      sentences.add(FeedbackText.contactDetails(r));
    }
    // A few people write one sentence per line.
    String text = String.join(r.nextDouble() < 0.05 ? "\n" : " ", sentences);
    return finishText(text, main, channel, tone, at);
  }

  private Draft finishText(String text, Touchpoint main, String channel, Tone tone, Instant at) {
    if (r.nextDouble() < 0.12) {
      text = FeedbackText.typo(text);
    }
    if (r.nextDouble() < 0.05) {
      text = FeedbackText.lowerCase(text);
    }
    if (tone == Tone.NEGATIVE && r.nextDouble() < 0.15) {
      text += " " + Visits.pick(r, FeedbackText.ANGRY_EMOJI);
    } else if (tone == Tone.POSITIVE && r.nextDouble() < 0.2) {
      text += " " + Visits.pick(r, FeedbackText.HAPPY_EMOJI);
    }
    double tagShare =
        switch (channel) {
          case "ticket" -> 0.9;
          case "chat" -> 0.7;
          case "survey" -> 0.35;
          case "nps" -> 0.12;
          default -> 0.05;
        };
    String touchpoint = main != null && r.nextDouble() < tagShare ? main.id : null;
    Integer score = null;
    String scale = null;
    switch (channel) {
      case "nps" -> {
        scale = "nps";
        score =
            switch (tone) {
              case NEGATIVE -> Math.min(r.nextInt(7), r.nextInt(7));
              case MIXED -> 5 + r.nextInt(4);
              case POSITIVE -> r.nextDouble() < 0.15 ? 7 + r.nextInt(2) : 9 + r.nextInt(2);
            };
      }
      case "survey", "app_store" -> {
        scale = "csat";
        score =
            switch (tone) {
              case NEGATIVE -> 1 + r.nextInt(2);
              case MIXED -> 2 + r.nextInt(3);
              case POSITIVE -> 4 + r.nextInt(2);
            };
      }
      default -> {}
    }
    return new Draft(at, channel, touchpoint, score, scale, text);
  }

  private Touchpoint pickByWeight(EnumSet<Touchpoint> candidates) {
    double total = 0;
    for (Touchpoint t : candidates) {
      total += PlantedEffects.positiveMentionWeight(t);
    }
    double u = r.nextDouble() * total;
    Touchpoint last = null;
    for (Touchpoint t : candidates) {
      u -= PlantedEffects.positiveMentionWeight(t);
      last = t;
      if (u < 0) {
        return t;
      }
    }
    return last;
  }

  private String weighted(String[] values, double[] weights) {
    double u = r.nextDouble();
    for (int i = 0; i < values.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  /** A second-precision instant in [from, to), or just before to when the range is empty. */
  private Instant between(Instant from, Instant to) {
    long lo = from.getEpochSecond();
    long hi = to.getEpochSecond();
    if (hi - lo < 120) {
      return Instant.ofEpochSecond(Math.max(lo, hi - 60));
    }
    return Instant.ofEpochSecond(lo + r.nextLong(hi - lo - 60));
  }

  private int poisson(double mean) {
    double limit = Math.exp(-mean);
    double product = r.nextDouble();
    int k = 0;
    while (product > limit) {
      product *= r.nextDouble();
      k++;
    }
    return k;
  }

  private <T> void shuffle(List<T> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      T tmp = list.get(i);
      list.set(i, list.get(j));
      list.set(j, tmp);
    }
  }
}

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
      String text,
      List<Sentence> sentences) {}

  /**
   * One written sentence and the planted theme it was written from (null for none): a line of
   * feedback_labels.jsonl.
   */
  /**
   * One written sentence: the planted theme it was written from, if any, and for a sentence that
   * only vents about a touchpoint (names it, says nothing concrete: "your billing is a joke") that
   * touchpoint.
   */
  record Sentence(String text, FeedbackText.Theme theme, Touchpoint vent) {
    static Sentence none(String text) {
      return new Sentence(text, null, null);
    }

    static Sentence planted(String text, FeedbackText.Theme theme) {
      return new Sentence(text, theme, null);
    }

    static Sentence vent(String text, Touchpoint about) {
      return new Sentence(text, null, about);
    }

    Sentence withText(String t) {
      return new Sentence(t, theme, vent);
    }
  }

  /** A follow-up remark: venting about the touchpoint it names, or a remark that names none. */
  private record FollowUp(String text, Touchpoint vent) {}

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
    List<Sentence> sentences = new ArrayList<>();
    // A long tail of long texts: some customers tell the whole story.
    boolean story = r.nextDouble() < 0.08;
    int contexts = story ? 1 + r.nextInt(3) : r.nextDouble() < 0.2 ? 1 : 0;
    for (int i = 0; i < contexts; i++) {
      sentences.add(Sentence.none(statement(Visits.pick(r, FeedbackText.CONTEXT), null)));
    }
    for (Touchpoint t : about) {
      List<FeedbackText.Theme> themes =
          FeedbackText.THEMES.stream().filter(th -> th.touchpoint() == t).toList();
      FeedbackText.Theme theme = Visits.pick(r, themes);
      String core = complaintSentence(theme);
      boolean followUp =
          about.size() == 1 && r.nextDouble() < PlantedEffects.complaintFollowUpProbability(t);
      if (followUp && r.nextDouble() < 0.3) {
        // A run-on: the follow-up joined to the complaint in one sentence.
        core = runOn(core, followUp(t).text());
        followUp = false;
      }
      if (story && r.nextDouble() < 0.6) {
        // The whole story in one breath.
        core =
            FeedbackText.expand(Visits.pick(r, FeedbackText.LONG_CONTEXT), r, null)
                + ", and "
                + FeedbackText.decapitalize(core);
        if (followUp && r.nextBoolean()) {
          core = runOn(core, followUp(t).text());
          followUp = false;
        }
      }
      sentences.add(Sentence.planted(core, theme));
      if (followUp || (story && sentences.size() < 4 && r.nextDouble() < 0.7)) {
        FollowUp f = followUp(t);
        String text = statement(f.text(), null);
        sentences.add(f.vent() == null ? Sentence.none(text) : Sentence.vent(text, f.vent()));
      }
    }
    Tone tone = Tone.NEGATIVE;
    if (sentences.size() < 5 && !praisable.isEmpty() && r.nextDouble() < 0.35) {
      Sentence praise = Sentence.none(positiveMention(praisable));
      if (r.nextDouble() < 0.3) {
        sentences.add(contexts, praise);
      } else {
        sentences.add(praise);
      }
      tone = Tone.MIXED;
    }
    if (sentences.size() < 5
        && !about.contains(Touchpoint.SUPPORT)
        && praisable.contains(Touchpoint.SUPPORT)
        && r.nextDouble() < PlantedEffects.SUPPORT_PRAISE_IN_COMPLAINTS) {
      sentences.add(Sentence.none(praiseSentence(Touchpoint.SUPPORT)));
      tone = Tone.MIXED;
    }
    if (sentences.size() < 5 && r.nextDouble() < 0.08) {
      sentences.add(Sentence.none(statement(Visits.pick(r, FeedbackText.IMPLICIT_NEGATIVE), null)));
    }
    if (sentences.size() < 6 && r.nextDouble() < (story ? 0.6 : 0.12)) {
      sentences.add(Sentence.none(statement(Visits.pick(r, FeedbackText.CLOSER), null)));
    }
    String channel =
        anonymous
            ? (r.nextBoolean() ? "app_store" : "review")
            : weighted(
                new String[] {"ticket", "chat", "survey", "nps", "review", "app_store"},
                new double[] {0.35, 0.25, 0.15, 0.15, 0.05, 0.05});
    return finish(sentences, about.get(0), channel, tone, at);
  }

  /** A planted complaint: one of the theme's wordings, with an evaluation or a hedge at times. */
  private String complaintSentence(FeedbackText.Theme theme) {
    String core =
        FeedbackText.capitalize(
            FeedbackText.expand(Visits.pick(r, theme.wordings()), r, theme.touchpoint()));
    core = aside(core);
    if (core.endsWith("?")) {
      return r.nextDouble() < 0.15 ? core + "?" : core;
    }
    if (r.nextDouble() < 0.4) {
      core += FeedbackText.expand(Visits.pick(r, FeedbackText.EVALUATION), r, null);
    } else if (r.nextDouble() < 0.12) {
      core =
          Visits.pick(
                  r,
                  List.of(
                      "I think ",
                      "It seems ",
                      "I'm pretty sure ",
                      "Apparently ",
                      "Basically ",
                      "Just so you know, ",
                      "As far as I can tell, ",
                      "FYI ",
                      "Once again ",
                      "Not sure why but "))
              + FeedbackText.decapitalize(core);
    }
    return core + ending();
  }

  /** Venting about the touchpoint, or a remark that names none. */
  private FollowUp followUp(Touchpoint t) {
    return r.nextBoolean()
        ? new FollowUp(FeedbackText.expand(Visits.pick(r, FeedbackText.VENT), r, t), t)
        : new FollowUp(
            FeedbackText.expand(Visits.pick(r, FeedbackText.IMPLICIT_NEGATIVE), r, null), null);
  }

  /** Two sentences written as one: "…, and …", "… so …", "… - …". */
  private String runOn(String first, String second) {
    String head = first.replaceAll("[.!?]+$", "");
    String join = Visits.pick(r, List.of(", and ", " and ", " so ", ", ", " - ", " and honestly "));
    boolean question = second.endsWith("?");
    String tail =
        FeedbackText.decapitalize(FeedbackText.capitalize(second)).replaceAll("[.!?]+$", "");
    if (r.nextDouble() < 0.3) {
      // A rant: a third clause on top.
      String third = FeedbackText.expand(Visits.pick(r, FeedbackText.IMPLICIT_NEGATIVE), r, null);
      question = third.endsWith("?");
      tail += ", and " + FeedbackText.decapitalize(third).replaceAll("[.!?]+$", "");
    }
    return head + join + tail + (question ? "?" : ending());
  }

  /** A template as a sentence with its end mark (questions keep theirs). */
  private String statement(String template, Touchpoint noun) {
    String s = aside(FeedbackText.capitalize(FeedbackText.expand(template, r, noun)));
    if (s.endsWith("?")
        || s.endsWith("!")
        || s.endsWith(".")
        || s.endsWith("🙂")
        || s.endsWith("👍")) {
      return s;
    }
    return s + ending();
  }

  /**
   * What people add at the end of a sentence: when ("this week", "on Friday", "again") and to whom
   * or how ("guys", "to be honest"), before its end mark.
   */
  private String aside(String sentence) {
    boolean when = r.nextDouble() < 0.3;
    boolean how = r.nextDouble() < 0.12;
    if (!when && !how) {
      return sentence;
    }
    int end = sentence.length();
    while (end > 0 && ".!?".indexOf(sentence.charAt(end - 1)) >= 0) {
      end--;
    }
    StringBuilder b = new StringBuilder(sentence.substring(0, end));
    if (when) {
      b.append(FeedbackText.expand(Visits.pick(r, FeedbackText.WHEN), r, null));
    }
    if (how) {
      b.append(FeedbackText.expand(Visits.pick(r, FeedbackText.HOW), r, null));
    }
    return b.append(sentence.substring(end)).toString();
  }

  private String ending() {
    double u = r.nextDouble();
    return u < 0.8 ? "." : u < 0.93 ? "!" : u < 0.97 ? "!!" : "...";
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
      Sentence s = Sentence.none(statement(Visits.pick(r, FeedbackText.NON_ENGLISH), null));
      return finishText(new ArrayList<>(List.of(s)), null, channel, Tone.POSITIVE, at);
    }
    List<Sentence> sentences = new ArrayList<>();
    Touchpoint main = null;
    Tone tone = Tone.POSITIVE;
    int n = 1 + r.nextInt(3) + (r.nextDouble() < 0.06 ? 2 + r.nextInt(2) : 0);
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      if (praisable.isEmpty() || (i > 0 && u < 0.3)) {
        sentences.add(
            Sentence.none(statement(Visits.pick(r, FeedbackText.GENERIC_POSITIVE), null)));
      } else if (i > 0 && u < 0.38) {
        sentences.add(Sentence.none(statement(Visits.pick(r, FeedbackText.NEUTRAL), null)));
      } else {
        Touchpoint t = pickByWeight(praisable);
        if (r.nextDouble() < PlantedEffects.mildNegativeShare(t)) {
          if (t == Touchpoint.CANCELLATION) {
            // The planted cancellation theme: customers who stay mention how hard leaving was.
            FeedbackText.Theme theme =
                FeedbackText.THEMES.stream()
                    .filter(th -> th.touchpoint() == Touchpoint.CANCELLATION)
                    .findFirst()
                    .orElseThrow();
            sentences.add(Sentence.planted(complaintSentence(theme), theme));
          } else {
            sentences.add(
                Sentence.none(statement(Visits.pick(r, FeedbackText.MILD_NEGATIVE.get(t)), null)));
          }
          tone = Tone.MIXED;
        } else {
          sentences.add(Sentence.none(praiseSentence(t)));
        }
        if (main == null) {
          main = t;
        }
      }
    }
    return finish(sentences, main, channel, tone, at);
  }

  /** Praise of a touchpoint, with a warm tail at times. */
  private String praiseSentence(Touchpoint t) {
    String s =
        FeedbackText.capitalize(
            FeedbackText.expand(Visits.pick(r, FeedbackText.POSITIVE.get(t)), r, null));
    if (r.nextDouble() < 0.3) {
      s =
          FeedbackText.expand(Visits.pick(r, FeedbackText.PRAISE_PREFIX), r, null)
              + " "
              + FeedbackText.decapitalize(s);
    }
    if (r.nextDouble() < 0.45) {
      s += FeedbackText.expand(Visits.pick(r, FeedbackText.PRAISE_TAIL), r, null);
    } else {
      s = aside(s);
    }
    return s + (r.nextDouble() < 0.75 ? "." : "!");
  }

  private String positiveMention(EnumSet<Touchpoint> praisable) {
    Touchpoint t = pickByWeight(praisable);
    String s = praiseSentence(t);
    if (r.nextDouble() < 0.3) {
      // "On the plus side, …", "At least …"
      s =
          Visits.pick(r, List.of("On the plus side, ", "At least ", "To be fair, ", "That said, "))
              + FeedbackText.decapitalize(s);
    }
    return s;
  }

  private Draft finish(
      List<Sentence> sentences, Touchpoint main, String channel, Tone tone, Instant at) {
    if (sentences.size() < 6 && r.nextDouble() < 0.02) {
      sentences.add(Sentence.none(FeedbackText.contactDetails(r)));
    }
    if (r.nextDouble() < (tone == Tone.POSITIVE ? 0.1 : 0.15)) {
      Sentence first = sentences.get(0);
      String opener =
          FeedbackText.expand(
              Visits.pick(
                  r, tone == Tone.POSITIVE ? FeedbackText.POSITIVE_OPENER : FeedbackText.OPENER),
              r,
              null);
      sentences.set(0, first.withText(opener + " " + FeedbackText.decapitalize(first.text())));
    }
    return finishText(sentences, main, channel, tone, at);
  }

  private Draft finishText(
      List<Sentence> sentences, Touchpoint main, String channel, Tone tone, Instant at) {
    // Noise, sentence by sentence so the labels keep each sentence's written text.
    int typos = r.nextDouble() < 0.15 ? 1 : 0;
    if (r.nextDouble() < 0.03) {
      typos += 2;
    }
    for (int i = 0; i < typos; i++) {
      int k = r.nextInt(sentences.size());
      sentences.set(k, sentences.get(k).withText(FeedbackText.typo(sentences.get(k).text(), r)));
    }
    if (r.nextDouble() < 0.06) {
      sentences.replaceAll(s -> s.withText(FeedbackText.lowerCase(s.text())));
    } else if (tone == Tone.NEGATIVE && r.nextDouble() < 0.03) {
      int k = r.nextInt(sentences.size());
      sentences.set(
          k, sentences.get(k).withText(sentences.get(k).text().toUpperCase(java.util.Locale.ROOT)));
    }
    int last = sentences.size() - 1;
    if (tone == Tone.NEGATIVE && r.nextDouble() < 0.15) {
      sentences.set(
          last,
          sentences
              .get(last)
              .withText(withEmoji(sentences.get(last).text(), FeedbackText.ANGRY_EMOJI)));
    } else if (tone == Tone.POSITIVE && r.nextDouble() < 0.2) {
      sentences.set(
          last,
          sentences
              .get(last)
              .withText(withEmoji(sentences.get(last).text(), FeedbackText.HAPPY_EMOJI)));
    }
    if (r.nextDouble() < 0.06) {
      // No end mark on the last sentence, as in quick app-store reviews.
      sentences.set(
          last, sentences.get(last).withText(sentences.get(last).text().replaceAll("[.!]+$", "")));
    }
    // A few people write one sentence per line.
    String sep = r.nextDouble() < 0.05 ? "\n" : " ";
    StringBuilder text = new StringBuilder();
    for (Sentence s : sentences) {
      if (text.length() > 0) {
        text.append(sep);
      }
      text.append(s.text());
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
    return new Draft(
        at, channel, touchpoint, score, scale, text.toString(), List.copyOf(sentences));
  }

  private String withEmoji(String text, List<String> emoji) {
    String e = Visits.pick(r, emoji);
    if (r.nextDouble() < 0.25) {
      e = e + e;
    }
    // Mostly in place of the full stop ("Love it 😍"), sometimes after it ("Love it. 😍").
    if (text.endsWith(".") && !text.endsWith("...") && r.nextDouble() < 0.85) {
      return text.substring(0, text.length() - 1) + " " + e;
    }
    return text + " " + e;
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

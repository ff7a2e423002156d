package com.painpoint.models.themes;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives tonight's themes stable ids: each is matched to the previous run's theme of the same
 * touchpoint whose distinctive terms are most alike (cosine of the term weights, one-to-one, best
 * pairs first, above a threshold). Matched themes keep the id and first-seen date; the rest are new
 * and get an id of their touchpoint, tonight's date and a number.
 *
 * <p>Term weights are compared rather than centroids because each night's vector space (its
 * vocabulary and Word2Vec) is fitted afresh; terms mean the same thing on every night.
 */
public final class ThemeMatcher {
  /** Growth of a theme's share of its touchpoint's negative sentences that counts as change. */
  static final double CHANGE = 1.25;

  /** A theme found tonight. */
  public record Current(
      String touchpoint, int cluster, Map<String, Double> weights, long size, double share) {}

  /** A theme of the previous run. */
  public record Previous(
      String themeId,
      String touchpoint,
      Map<String, Double> weights,
      LocalDate firstSeen,
      long size,
      double share) {}

  /** The identity of a current theme. */
  public record Identity(
      String themeId, LocalDate firstSeen, String status, Previous previous, Double similarity) {}

  private ThemeMatcher() {}

  /**
   * Identities for {@code current}, keyed by touchpoint and cluster ({@link #key}).
   *
   * @param previous the previous run's themes (empty on the first run: every theme is new)
   */
  public static Map<String, Identity> match(
      List<Current> current, List<Previous> previous, LocalDate runDate, double threshold) {
    record Pair(Current c, Previous p, double sim) {}
    List<Pair> pairs = new ArrayList<>();
    for (Current c : current) {
      for (Previous p : previous) {
        if (p.touchpoint().equals(c.touchpoint())) {
          double s = cosine(c.weights(), p.weights());
          if (s >= threshold) {
            pairs.add(new Pair(c, p, s));
          }
        }
      }
    }
    pairs.sort(
        Comparator.comparingDouble((Pair x) -> -x.sim())
            .thenComparing(x -> x.p().themeId())
            .thenComparing(x -> key(x.c().touchpoint(), x.c().cluster())));
    Map<String, Identity> out = new HashMap<>();
    Set<String> taken = new HashSet<>();
    for (Pair pair : pairs) {
      String k = key(pair.c().touchpoint(), pair.c().cluster());
      if (out.containsKey(k) || taken.contains(pair.p().themeId())) {
        continue;
      }
      taken.add(pair.p().themeId());
      out.put(
          k,
          new Identity(
              pair.p().themeId(),
              pair.p().firstSeen(),
              status(pair.c(), pair.p()),
              pair.p(),
              pair.sim()));
    }
    List<Current> unmatched = new ArrayList<>();
    for (Current c : current) {
      if (!out.containsKey(key(c.touchpoint(), c.cluster()))) {
        unmatched.add(c);
      }
    }
    unmatched.sort(
        Comparator.comparing(Current::touchpoint)
            .thenComparingLong(c -> -c.size())
            .thenComparingInt(Current::cluster));
    Map<String, Integer> numbers = new HashMap<>();
    String day = runDate.format(DateTimeFormatter.BASIC_ISO_DATE);
    for (Current c : unmatched) {
      int n = numbers.merge(c.touchpoint(), 1, Integer::sum);
      out.put(
          key(c.touchpoint(), c.cluster()),
          new Identity(
              c.touchpoint() + "-" + day + "-" + n, runDate, ThemeColumns.STATUS_NEW, null, null));
    }
    return out;
  }

  /** Growing or shrinking when the share moved by a quarter and the count moved the same way. */
  static String status(Current c, Previous p) {
    if (c.share() >= p.share() * CHANGE && c.size() > p.size()) {
      return ThemeColumns.STATUS_GROWING;
    }
    if (c.share() * CHANGE <= p.share() && c.size() < p.size()) {
      return ThemeColumns.STATUS_SHRINKING;
    }
    return ThemeColumns.STATUS_PERSISTING;
  }

  public static String key(String touchpoint, int cluster) {
    return touchpoint + "#" + cluster;
  }

  static double cosine(Map<String, Double> a, Map<String, Double> b) {
    double dot = 0;
    for (Map.Entry<String, Double> e : a.entrySet()) {
      Double w = b.get(e.getKey());
      if (w != null) {
        dot += e.getValue() * w;
      }
    }
    double na = norm(a);
    double nb = norm(b);
    return na == 0 || nb == 0 ? 0 : dot / (na * nb);
  }

  private static double norm(Map<String, Double> m) {
    double s = 0;
    for (double v : m.values()) {
      s += v * v;
    }
    return Math.sqrt(s);
  }
}

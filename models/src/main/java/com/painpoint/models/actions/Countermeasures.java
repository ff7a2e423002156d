package com.painpoint.models.actions;

import com.painpoint.features.config.Playbook;
import com.painpoint.features.journeys.JourneyColumns;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * From pain to action: for each ranked touchpoint, the playbook's rules that fire on the night's
 * evidence, with that evidence attached. Pure Java over the night's small tables (a row per
 * touchpoint, a few per touchpoint and friction kind or theme), so it is tested without Spark.
 */
public final class Countermeasures {
  private Countermeasures() {}

  /**
   * What the night knows about one ranked touchpoint.
   *
   * @param frictionRates session rate per friction kind ({@link JourneyColumns#KINDS}); a kind
   *     without a rate is absent
   * @param negativeShare negative sentences over its sentences (null without feedback)
   * @param riskRatio stratified risk ratio of churn for customers who met it (null when too few
   *     were exposed)
   * @param revenue excess churned monthly revenue (null when unknown)
   */
  public record TouchpointFacts(
      String touchpoint,
      int painRank,
      double painScore,
      String owner,
      java.util.Map<String, Double> frictionRates,
      Double negativeShare,
      Long sentences,
      Double riskRatio,
      Double riskRatioLower,
      Double riskRatioUpper,
      Double revenue,
      Double revenueLower,
      Double revenueUpper)
      implements Serializable {}

  /** One row of the friction evidence ({@code friction_evidence}). */
  public record FrictionFact(
      String touchpoint,
      String kind,
      int rank,
      String url,
      Integer statusCode,
      String eventType,
      long events,
      long customers,
      double share,
      Long p95Ms,
      Long thresholdMs)
      implements Serializable {}

  /** One pain theme (never the other or general buckets). */
  public record ThemeFact(
      String touchpoint,
      String themeId,
      int themeRank,
      String label,
      List<String> topTerms,
      long size,
      String status,
      List<String> quotes)
      implements Serializable {}

  /** One action for one touchpoint, with the evidence that made its rule fire. */
  public record Countermeasure(
      TouchpointFacts at,
      int actionRank,
      Playbook.Rule rule,
      String owner,
      Double rate,
      FrictionFact friction,
      ThemeFact theme,
      String evidence)
      implements Serializable {}

  /**
   * The actions per touchpoint, touchpoints in pain-rank order, at most {@link
   * Playbook#maxActions()} each: the first rules that fire, in playbook order.
   */
  public static List<Countermeasure> derive(
      Playbook playbook,
      List<TouchpointFacts> touchpoints,
      List<FrictionFact> friction,
      List<ThemeFact> themes) {
    List<Countermeasure> out = new ArrayList<>();
    List<TouchpointFacts> ranked = new ArrayList<>(touchpoints);
    ranked.sort(Comparator.comparingInt(TouchpointFacts::painRank));
    for (TouchpointFacts tp : ranked) {
      int n = 0;
      for (Playbook.Rule rule : playbook.rules()) {
        if (n == playbook.maxActions()) {
          break;
        }
        if (!rule.appliesTo(tp.touchpoint())) {
          continue;
        }
        Optional<Countermeasure> fired = fire(rule, tp, friction, themes, n + 1);
        if (fired.isPresent()) {
          out.add(fired.get());
          n++;
        }
      }
    }
    return out;
  }

  private static Optional<Countermeasure> fire(
      Playbook.Rule rule,
      TouchpointFacts tp,
      List<FrictionFact> friction,
      List<ThemeFact> themes,
      int actionRank) {
    String owner = rule.owner() != null ? rule.owner() : tp.owner();
    switch (rule.kind()) {
      case Playbook.FRICTION -> {
        Double rate = tp.frictionRates().get(rule.friction());
        if (rate == null || rate <= 0 || rate < rule.minRate()) {
          return Optional.empty();
        }
        FrictionFact top =
            friction.stream()
                .filter(f -> f.touchpoint().equals(tp.touchpoint()))
                .filter(f -> f.kind().equals(rule.friction()))
                .min(Comparator.comparingInt(FrictionFact::rank))
                .orElse(null);
        return Optional.of(
            new Countermeasure(
                tp, actionRank, rule, owner, rate, top, null, frictionText(rule, rate, top)));
      }
      case Playbook.THEME -> {
        ThemeFact theme =
            themes.stream()
                .filter(t -> t.touchpoint().equals(tp.touchpoint()))
                .filter(t -> matches(t, rule.theme()))
                .min(Comparator.comparingInt(ThemeFact::themeRank))
                .orElse(null);
        if (theme == null || theme.size() < rule.minSize()) {
          return Optional.empty();
        }
        return Optional.of(
            new Countermeasure(tp, actionRank, rule, owner, null, null, theme, themeText(theme)));
      }
      case Playbook.NEGATIVITY -> {
        if (tp.negativeShare() == null || tp.negativeShare() < rule.negativity()) {
          return Optional.empty();
        }
        String text =
            String.format(
                Locale.ROOT,
                "%.1f%% of %s sentences about it are negative",
                100 * tp.negativeShare(),
                tp.sentences() == null ? "its" : String.format(Locale.ROOT, "%,d", tp.sentences()));
        return Optional.of(
            new Countermeasure(tp, actionRank, rule, owner, tp.negativeShare(), null, null, text));
      }
      default -> {
        if (tp.riskRatioLower() == null || tp.riskRatioLower() < rule.churn()) {
          return Optional.empty();
        }
        String text =
            String.format(
                Locale.ROOT,
                "customers who met it churn %.2fx as often [95%% %.2f-%.2f]",
                tp.riskRatio(),
                tp.riskRatioLower(),
                tp.riskRatioUpper());
        if (tp.revenue() != null) {
          text +=
              String.format(
                  Locale.ROOT,
                  "; excess churned revenue %,.0f [%,.0f-%,.0f] a month",
                  tp.revenue(),
                  tp.revenueLower(),
                  tp.revenueUpper());
        }
        return Optional.of(new Countermeasure(tp, actionRank, rule, owner, null, null, null, text));
      }
    }
  }

  /** A theme matches {@code any}, its id, or a word of its label or top terms. */
  public static boolean matches(ThemeFact t, String wanted) {
    if (Playbook.ANY_THEME.equals(wanted) || wanted.equals(t.themeId())) {
      return true;
    }
    List<String> words = new ArrayList<>();
    for (String w : t.label().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      words.add(w);
    }
    t.topTerms().forEach(w -> words.add(w.toLowerCase(Locale.ROOT)));
    return words.contains(wanted) || t.label().toLowerCase(Locale.ROOT).contains(wanted);
  }

  private static String frictionText(Playbook.Rule rule, double rate, FrictionFact f) {
    String kind = rule.friction().replace('_', ' ');
    String text = String.format(Locale.ROOT, "%s in %.1f%% of sessions", kind, 100 * rate);
    if (f == null) {
      return text;
    }
    String url = f.url() == null ? "(no url)" : f.url();
    switch (f.kind()) {
      case JourneyColumns.KIND_ERROR -> {
        String status =
            (f.statusCode() == null ? "a client-side error" : "HTTP " + f.statusCode())
                + (f.eventType() == null || f.eventType().equals("error")
                    ? ""
                    : " on " + f.eventType());
        return text
            + String.format(
                Locale.ROOT,
                "; most failing: %s, mostly %s (%,d failing events, %.0f%% of its errors, %,d customers)",
                url,
                status,
                f.events(),
                100 * f.share(),
                f.customers());
      }
      case JourneyColumns.KIND_SLOWNESS -> {
        return text
            + String.format(
                Locale.ROOT,
                "; slowest: %s, %,d views over %,d ms (%,d customers; p95 of all its views %,d ms)",
                url,
                f.events(),
                f.thresholdMs(),
                f.customers(),
                f.p95Ms());
      }
      case JourneyColumns.KIND_ABANDONMENT -> {
        return text
            + String.format(
                Locale.ROOT,
                "; sessions stop after %s (%.0f%% of abandoned sessions, %,d customers)",
                url,
                100 * f.share(),
                f.customers());
      }
      default -> {
        return text;
      }
    }
  }

  private static String themeText(ThemeFact t) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "theme '%s': %,d negative sentences%s",
                t.label(),
                t.size(),
                t.status() == null ? "" : ", " + t.status()));
    for (String q : t.quotes().subList(0, Math.min(2, t.quotes().size()))) {
      b.append("; \"").append(q).append('"');
    }
    return b.toString();
  }

  /** The {@code countermeasures} table's schema. */
  public static StructType schema() {
    return new StructType()
        .add(CountermeasureColumns.TOUCHPOINT, DataTypes.StringType, false)
        .add(CountermeasureColumns.PAIN_RANK, DataTypes.IntegerType, false)
        .add(CountermeasureColumns.PAIN_SCORE, DataTypes.DoubleType, false)
        .add(CountermeasureColumns.ACTION_RANK, DataTypes.IntegerType, false)
        .add(CountermeasureColumns.RULE_ID, DataTypes.StringType, false)
        .add(CountermeasureColumns.ACTION, DataTypes.StringType, false)
        .add(CountermeasureColumns.OWNER, DataTypes.StringType, true)
        .add(CountermeasureColumns.EVIDENCE_KIND, DataTypes.StringType, false)
        .add(CountermeasureColumns.FRICTION_KIND, DataTypes.StringType, true)
        .add(CountermeasureColumns.RATE, DataTypes.DoubleType, true)
        .add(CountermeasureColumns.URL, DataTypes.StringType, true)
        .add(CountermeasureColumns.STATUS_CODE, DataTypes.IntegerType, true)
        .add(CountermeasureColumns.EVENT_TYPE, DataTypes.StringType, true)
        .add(CountermeasureColumns.URL_EVENTS, DataTypes.LongType, true)
        .add(CountermeasureColumns.URL_CUSTOMERS, DataTypes.LongType, true)
        .add(CountermeasureColumns.URL_SHARE, DataTypes.DoubleType, true)
        .add(CountermeasureColumns.P95_MS, DataTypes.LongType, true)
        .add(CountermeasureColumns.THRESHOLD_MS, DataTypes.LongType, true)
        .add(CountermeasureColumns.THEME_ID, DataTypes.StringType, true)
        .add(CountermeasureColumns.THEME_LABEL, DataTypes.StringType, true)
        .add(CountermeasureColumns.THEME_SIZE, DataTypes.LongType, true)
        .add(CountermeasureColumns.THEME_STATUS, DataTypes.StringType, true)
        .add(CountermeasureColumns.QUOTE_1, DataTypes.StringType, true)
        .add(CountermeasureColumns.QUOTE_2, DataTypes.StringType, true)
        .add(CountermeasureColumns.RISK_RATIO, DataTypes.DoubleType, true)
        .add(CountermeasureColumns.RISK_RATIO_LOWER, DataTypes.DoubleType, true)
        .add(CountermeasureColumns.RISK_RATIO_UPPER, DataTypes.DoubleType, true)
        .add(CountermeasureColumns.REVENUE_AT_STAKE, DataTypes.DoubleType, true)
        .add(CountermeasureColumns.REVENUE_AT_STAKE_LOWER, DataTypes.DoubleType, true)
        .add(CountermeasureColumns.REVENUE_AT_STAKE_UPPER, DataTypes.DoubleType, true)
        .add(CountermeasureColumns.EVIDENCE, DataTypes.StringType, false);
  }

  /** One table row. */
  public static Row toRow(Countermeasure c) {
    TouchpointFacts t = c.at();
    FrictionFact f = c.friction();
    ThemeFact th = c.theme();
    List<String> quotes = th == null ? List.of() : th.quotes();
    return RowFactory.create(
        t.touchpoint(),
        t.painRank(),
        t.painScore(),
        c.actionRank(),
        c.rule().id(),
        c.rule().action(),
        c.owner(),
        c.rule().kind(),
        c.rule().friction(),
        c.rate(),
        f == null ? null : f.url(),
        f == null ? null : f.statusCode(),
        f == null ? null : f.eventType(),
        f == null ? null : f.events(),
        f == null ? null : f.customers(),
        f == null ? null : f.share(),
        f == null ? null : f.p95Ms(),
        f == null ? null : f.thresholdMs(),
        th == null ? null : th.themeId(),
        th == null ? null : th.label(),
        th == null ? null : th.size(),
        th == null ? null : th.status(),
        quotes.size() > 0 ? quotes.get(0) : null,
        quotes.size() > 1 ? quotes.get(1) : null,
        t.riskRatio(),
        t.riskRatioLower(),
        t.riskRatioUpper(),
        t.revenue(),
        t.revenueLower(),
        t.revenueUpper(),
        c.evidence());
  }
}

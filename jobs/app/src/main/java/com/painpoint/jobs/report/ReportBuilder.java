package com.painpoint.jobs.report;

import com.painpoint.features.config.RankingOptions;
import com.painpoint.features.journeys.JourneyColumns;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.taxonomy.Touchpoint;
import com.painpoint.jobs.report.ReportModel.ActionView;
import com.painpoint.jobs.report.ReportModel.Card;
import com.painpoint.jobs.report.ReportModel.FrictionKind;
import com.painpoint.jobs.report.ReportModel.Headline;
import com.painpoint.jobs.report.ReportModel.InitiativeView;
import com.painpoint.jobs.report.ReportModel.Method;
import com.painpoint.jobs.report.ReportModel.Quality;
import com.painpoint.jobs.report.ReportModel.Ranked;
import com.painpoint.jobs.report.ReportModel.SourceRow;
import com.painpoint.jobs.report.ReportModel.Stop;
import com.painpoint.jobs.report.ReportModel.Team;
import com.painpoint.jobs.report.ReportModel.TeamActions;
import com.painpoint.jobs.report.ReportModel.ThemeView;
import com.painpoint.jobs.report.ReportModel.TopPain;
import com.painpoint.jobs.results.ChurnFigures;
import com.painpoint.jobs.results.SentimentFigures;
import com.painpoint.jobs.results.SourceFigures;
import com.painpoint.jobs.results.Versions;
import com.painpoint.models.actions.CountermeasureColumns;
import com.painpoint.models.impact.ImpactColumns;
import com.painpoint.models.initiatives.InitiativeEffects;
import com.painpoint.models.paths.PathEffects;
import com.painpoint.models.ranking.RankingColumns;
import com.painpoint.models.sentiment.SentimentColumns;
import com.painpoint.models.themes.ThemeColumns;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Turns a run's small tables (ranking, sentiment, friction, themes) and its stages' figures into
 * the {@link ReportModel}. Customer text arrives redacted (the sentiment stage redacts it where it
 * splits sentences); the renderer escapes it.
 */
public final class ReportBuilder {
  /** Touchpoints that get a card, and that the headline names. */
  public static final int TOP = 3;

  /** Themes with quotes on a card, and quotes shown per theme. */
  static final int QUOTED_THEMES = 3;

  static final int QUOTES_PER_THEME = 2;

  /** Pain ranks whose counter-measures the per-team view lists. */
  static final int TEAM_VIEW_RANKS = 5;

  /** Themes listed on a card. */
  static final int CARD_THEMES = 6;

  /** What the report is built from. */
  public record Inputs(
      String runDate,
      String generatedAt,
      String window,
      Taxonomy taxonomy,
      RankingOptions ranking,
      List<Row> touchpointRanking,
      List<Row> touchpointSentiment,
      List<Row> touchpointFriction,
      List<Row> painThemes,
      List<Row> countermeasures,
      List<Row> initiativeEffects,
      List<Row> pathEffects,
      List<Row> churnPaths,
      Run run) {}

  /**
   * The run's figures the report shows: per source counts (in source order), the churn model and
   * its test, the runs that themes and ranking were compared with (null on a first night), the
   * versions and the config hash.
   */
  public record Run(
      Map<String, SourceFigures> sources,
      SentimentFigures sentiment,
      ChurnFigures churn,
      String themesMatchedAgainst,
      String rankingComparedWith,
      Versions versions,
      String configHash) {}

  private ReportBuilder() {}

  public static ReportModel build(Inputs in) {
    List<Row> ranked = in.touchpointRanking();
    List<Row> painful =
        ranked.stream().filter(r -> positive(d(r, RankingColumns.PAIN_SCORE))).toList();
    Map<String, Row> sentiment = byTouchpoint(in.touchpointSentiment());
    Map<String, Row> friction = byTouchpoint(in.touchpointFriction());
    Map<String, Row> ranking = byTouchpoint(ranked);
    Object matchedAgainst = in.run().themesMatchedAgainst();
    Object comparedWith = in.run().rankingComparedWith();

    List<Stop> journey = new ArrayList<>();
    List<ReportCharts.JourneyPoint> points = new ArrayList<>();
    for (Touchpoint t : in.taxonomy().inJourneyOrder()) {
      Row s = sentiment.get(t.name());
      Row r = ranking.get(t.name());
      Double mean = s == null ? null : d(s, SentimentColumns.MEAN_SCORE);
      double revenue = r == null ? 0 : revenueAtRisk(r);
      journey.add(
          new Stop(
              t.position(),
              t.name(),
              t.owner(),
              t.outcome(),
              ReportFormat.signed(mean, 2),
              r == null ? "outcome" : "#" + lz(r, RankingColumns.RANK),
              ReportFormat.money(revenue)));
      points.add(new ReportCharts.JourneyPoint(t.name(), mean, revenue));
    }

    List<Ranked> rows = new ArrayList<>();
    List<ReportCharts.RiskInterval> intervals = new ArrayList<>();
    List<ReportCharts.ScoreParts> parts = new ArrayList<>();
    RankingOptions w = in.ranking();
    double total = w.totalWeight();
    for (Row r : ranked) {
      String tp = r.getAs(RankingColumns.TOUCHPOINT);
      rows.add(
          new Ranked(
              (int) lz(r, RankingColumns.RANK),
              tp,
              r.getAs(RankingColumns.OWNER),
              ReportFormat.score(d(r, RankingColumns.PAIN_SCORE)),
              riskRatio(r),
              enough(r),
              revenueWithInterval(r),
              evidence(r),
              trend(r, comparedWith != null),
              trendClass(r)));
      Double rr = d(r, ImpactColumns.MH_RR);
      if (rr != null && enough(r) && d(r, ImpactColumns.MH_RR_LOWER) != null) {
        intervals.add(
            new ReportCharts.RiskInterval(
                tp, rr, d(r, ImpactColumns.MH_RR_LOWER), d(r, ImpactColumns.MH_RR_UPPER)));
      }
      parts.add(
          new ReportCharts.ScoreParts(
              tp,
              points(r, RankingColumns.NEGATIVITY_COMPONENT, w.negativityWeight(), total),
              points(r, RankingColumns.FRICTION_COMPONENT, w.frictionWeight(), total),
              points(r, RankingColumns.CHURN_COMPONENT, w.churnWeight(), total),
              points(r, RankingColumns.REVENUE_COMPONENT, w.revenueWeight(), total)));
    }

    Map<String, List<ActionView>> actions = new LinkedHashMap<>();
    Map<String, List<ActionView>> byTeam = new LinkedHashMap<>();
    for (Row a : in.countermeasures()) {
      ActionView v =
          new ActionView(
              (int) lz(a, CountermeasureColumns.PAIN_RANK),
              a.getAs(CountermeasureColumns.TOUCHPOINT),
              a.getAs(CountermeasureColumns.ACTION),
              a.getAs(CountermeasureColumns.OWNER),
              a.getAs(CountermeasureColumns.EVIDENCE));
      actions.computeIfAbsent(v.touchpoint(), k -> new ArrayList<>()).add(v);
      // The team view covers the painful touchpoints among the first TEAM_VIEW_RANKS.
      if (v.painRank() <= TEAM_VIEW_RANKS
          && painful.stream()
              .anyMatch(r -> v.touchpoint().equals(r.getAs(RankingColumns.TOUCHPOINT)))) {
        byTeam
            .computeIfAbsent(v.owner() == null ? "(no owner)" : v.owner(), k -> new ArrayList<>())
            .add(v);
      }
    }
    List<TeamActions> teamActions = new ArrayList<>();
    byTeam.forEach((team, list) -> teamActions.add(new TeamActions(team, list)));

    List<Card> cards = new ArrayList<>();
    for (Row r : painful.subList(0, Math.min(TOP, painful.size()))) {
      String tp = r.getAs(RankingColumns.TOUCHPOINT);
      cards.add(
          card(
              r,
              in.painThemes(),
              friction.get(tp),
              matchedAgainst,
              actions.getOrDefault(tp, List.of())));
    }

    return new ReportModel(
        in.runDate(),
        ReportFormat.timestamp(in.generatedAt()),
        in.window(),
        quality(in.run().sources()),
        headline(painful, comparedWith),
        journey,
        rows,
        cards,
        teams(painful),
        teamActions,
        initiatives(in.initiativeEffects()),
        paths(in.pathEffects(), in.churnPaths()),
        method(in.run(), w),
        new ReportModel.Charts(
            ReportCharts.journeyMap(points),
            ReportCharts.riskRatios(intervals),
            ReportCharts.scoreComponents(parts),
            ReportCharts.churnPaths(churnPathBars(in.churnPaths()))));
  }

  private static Headline headline(List<Row> painful, Object comparedWith) {
    List<TopPain> top = new ArrayList<>();
    for (Row r : painful.subList(0, Math.min(TOP, painful.size()))) {
      top.add(
          new TopPain(
              (int) lz(r, RankingColumns.RANK),
              r.getAs(RankingColumns.TOUCHPOINT),
              r.getAs(RankingColumns.OWNER),
              ReportFormat.score(d(r, RankingColumns.PAIN_SCORE)),
              riskRatio(r),
              ReportFormat.money(revenueAtRisk(r)),
              topThemes(r).stream().findFirst().orElse(ReportFormat.NONE)));
    }
    double sum = 0;
    double lo = 0;
    double hi = 0;
    int counted = 0;
    for (Row r : painful) {
      if (revenueAtRisk(r) > 0) {
        sum += revenueAtRisk(r);
        lo += nz(d(r, ImpactColumns.EXCESS_CHURNED_REVENUE_LOWER));
        hi += nz(d(r, ImpactColumns.EXCESS_CHURNED_REVENUE_UPPER));
        counted++;
      }
    }
    return new Headline(
        top,
        ReportFormat.money(sum),
        "95% interval " + ReportFormat.money(lo) + "–" + ReportFormat.money(hi),
        counted
            + " touchpoint(s) whose churn association is measurable (interval above 1);"
            + " a customer hurt at several of them counts at each",
        comparedWith == null ? null : String.valueOf(comparedWith));
  }

  private static Card card(
      Row r, List<Row> allThemes, Row friction, Object matchedAgainst, List<ActionView> actions) {
    String tp = r.getAs(RankingColumns.TOUCHPOINT);
    List<Row> themes =
        allThemes.stream()
            .filter(t -> tp.equals(t.getAs(ThemeColumns.TOUCHPOINT)))
            .sorted(
                Comparator.comparing((Row t) -> -lz(t, ThemeColumns.SIZE))
                    .thenComparing(t -> t.<String>getAs(ThemeColumns.THEME_ID)))
            .toList();
    List<ThemeView> views = new ArrayList<>();
    List<ThemeView> emerging = new ArrayList<>();
    long other = 0;
    long general = 0;
    for (Row t : themes) {
      if (Boolean.TRUE.equals(t.getAs(ThemeColumns.IS_OTHER))) {
        if (ThemeColumns.generalId(tp).equals(t.getAs(ThemeColumns.THEME_ID))) {
          general += lz(t, ThemeColumns.SIZE);
        } else {
          other += lz(t, ThemeColumns.SIZE);
        }
        continue;
      }
      boolean quoted = views.size() < QUOTED_THEMES;
      ThemeView v = theme(t, quoted ? QUOTES_PER_THEME : 0);
      if (views.size() < CARD_THEMES) {
        views.add(v);
      }
      if (matchedAgainst != null && ThemeColumns.STATUS_NEW.equals(t.getAs(ThemeColumns.STATUS))) {
        emerging.add(theme(t, 1));
      }
    }
    List<FrictionKind> kinds = new ArrayList<>();
    if (friction != null) {
      for (String kind : JourneyColumns.KINDS) {
        kinds.add(
            new FrictionKind(
                kind.replace('_', ' '),
                ReportFormat.percent(d(friction, JourneyColumns.rateOf(kind)))));
      }
    }
    String emergingNote =
        matchedAgainst == null
            ? "First themed run: no earlier run to compare with, so nothing is called emerging."
            : emerging.isEmpty() ? "No new theme since the previous run." : null;
    return new Card(
        (int) lz(r, RankingColumns.RANK),
        tp,
        r.getAs(RankingColumns.OWNER),
        ReportFormat.score(d(r, RankingColumns.PAIN_SCORE)),
        cardSummary(r),
        views,
        general == 0 ? null : ReportFormat.count(general),
        other == 0 ? null : ReportFormat.count(other),
        kinds,
        emerging,
        emergingNote,
        actions);
  }

  private static String cardSummary(Row r) {
    return String.format(
        Locale.ROOT,
        "%s of its feedback sentences are negative; %s of sessions meet friction; customers who met"
            + " pain here churned %s as often as those who visited without it.",
        ReportFormat.percent0(d(r, ImpactColumns.NEGATIVE_SHARE)),
        ReportFormat.percent0(d(r, JourneyColumns.FRICTION_RATE)),
        d(r, ImpactColumns.MH_RR) == null
            ? "(not measured)"
            : ReportFormat.fixed(d(r, ImpactColumns.MH_RR), 2) + "×");
  }

  private static ThemeView theme(Row t, int quotes) {
    List<String> q = new ArrayList<>();
    List<String> all = t.getList(t.fieldIndex(ThemeColumns.QUOTES));
    for (String s : all == null ? List.<String>of() : all) {
      if (q.size() < quotes && s != null) {
        q.add(s);
      }
    }
    return new ThemeView(
        t.<String>getAs(ThemeColumns.LABEL),
        lz(t, ThemeColumns.SIZE),
        ReportFormat.percent0(d(t, ThemeColumns.SHARE)),
        t.getAs(ThemeColumns.STATUS),
        ReportFormat.signed(d(t, ThemeColumns.MEAN_SCORE), 2),
        lz(t, ThemeColumns.CUSTOMERS),
        q);
  }

  private static List<Team> teams(List<Row> painful) {
    Map<String, List<Row>> byOwner = new LinkedHashMap<>();
    for (Row r : painful) {
      String owner = r.getAs(RankingColumns.OWNER);
      byOwner.computeIfAbsent(owner == null ? "(no owner)" : owner, k -> new ArrayList<>()).add(r);
    }
    List<Team> teams = new ArrayList<>();
    byOwner.forEach(
        (owner, rows) -> {
          List<String> tps = new ArrayList<>();
          List<String> themes = new ArrayList<>();
          double revenue = 0;
          for (Row r : rows) {
            tps.add(
                "#"
                    + lz(r, RankingColumns.RANK)
                    + " "
                    + r.getAs(RankingColumns.TOUCHPOINT)
                    + " ("
                    + ReportFormat.score(d(r, RankingColumns.PAIN_SCORE))
                    + ")");
            topThemes(r).stream().findFirst().ifPresent(themes::add);
            revenue += revenueAtRisk(r);
          }
          teams.add(
              new Team(
                  owner,
                  tps,
                  ReportFormat.money(revenue),
                  String.join("; ", themes),
                  ReportFormat.score(d(rows.get(0), RankingColumns.PAIN_SCORE))));
        });
    return teams;
  }

  private static Quality quality(Map<String, SourceFigures> sources) {
    List<SourceRow> rows = new ArrayList<>();
    long read = 0;
    long rejected = 0;
    boolean reconciles = true;
    for (Map.Entry<String, SourceFigures> e : sources.entrySet()) {
      SourceFigures s = e.getValue();
      read += s.rowsRead();
      rejected += s.rejected();
      reconciles &= s.reconciles();
      List<String> reasons = new ArrayList<>();
      s.rejectedByReason().forEach((k, v) -> reasons.add(k.replace('_', ' ') + " " + v));
      rows.add(
          new SourceRow(
              e.getKey(),
              ReportFormat.count(s.rowsRead()),
              accepted(s),
              ReportFormat.count(s.rejected()),
              reasons.isEmpty() ? "none" : String.join(", ", reasons)));
    }
    double share = read == 0 ? 0 : (double) rejected / read;
    String level = !reconciles || share > 0.05 ? "poor" : share > 0.01 ? "fair" : "good";
    String summary =
        String.format(
            Locale.ROOT,
            "%s of %s input rows quarantined (%s)%s",
            ReportFormat.count(rejected),
            ReportFormat.count(read),
            share < 0.001 && rejected > 0 ? "<0.1%" : ReportFormat.percent(share),
            reconciles ? "; every count reconciles" : "; counts do NOT reconcile");
    return new Quality(level, summary, rows);
  }

  /**
   * "2,933", or under a lookback window "2,933 (1,010 in window)": rows outside the window are
   * accepted but left out of the night.
   */
  private static String accepted(SourceFigures source) {
    String accepted = ReportFormat.count(source.accepted());
    return source.inWindow() == null
        ? accepted
        : accepted + " (" + ReportFormat.count(source.inWindow()) + " in window)";
  }

  private static Method method(Run run, RankingOptions w) {
    ChurnFigures churn = run.churn();
    ChurnFigures.Test test = churn == null ? null : churn.test();
    String calibration = ReportFormat.NONE;
    if (test != null && !test.calibration().isEmpty()) {
      ChurnFigures.Bin topBin = test.calibration().get(test.calibration().size() - 1);
      calibration =
          String.format(
              Locale.ROOT,
              "riskiest tenth: predicted %s, observed %s; expected calibration error %s, where"
                  + " a perfectly calibrated model would show about %s on these customers"
                  + " (probabilities rescaled on the validation split)",
              ReportFormat.percent0(topBin.meanPredicted()),
              ReportFormat.percent0(topBin.observedRate()),
              ReportFormat.fixed(test.ece(), 3),
              ReportFormat.fixed(test.eceNoiseFloor(), 3));
    }
    return new Method(
        sentimentModel(run.sentiment()),
        scoreAgreement(run.sentiment()),
        churn == null ? ReportFormat.NONE : churn.model().replace('_', ' '),
        test == null ? ReportFormat.NONE : ReportFormat.fixed(test.rocAuc(), 3),
        test == null ? ReportFormat.NONE : ReportFormat.fixed(test.prAuc(), 3),
        test == null ? ReportFormat.NONE : ReportFormat.fixed(test.brier(), 3),
        test == null
            ? ReportFormat.NONE
            : ReportFormat.count(test.n())
                + " held-out customers, "
                + ReportFormat.count(test.churned())
                + " churned",
        calibration,
        String.format(
            Locale.ROOT,
            "negativity %.2f · friction %.2f · churn effect %.2f · revenue at risk %.2f",
            w.negativityWeight(),
            w.frictionWeight(),
            w.churnWeight(),
            w.revenueWeight()),
        String.valueOf(w.minExposed()),
        run.configHash(),
        run.versions().toString());
  }

  private static String sentimentModel(SentimentFigures s) {
    if (s == null) {
      return ReportFormat.NONE;
    }
    return s.model().startsWith("encoder")
        ? "a sentence encoder (bge-small-en-v1.5) with a three-class sentiment head"
        : "Stanford CoreNLP's sentiment model";
  }

  /** "on 1,234 texts with an NPS or CSAT score: correlation 0.61; 2.0% contradict it outright". */
  private static String scoreAgreement(SentimentFigures s) {
    if (s == null || s.scoreAgreement() == null || s.scoreAgreement().isEmpty()) {
      return "no feedback came with an NPS or CSAT score";
    }
    SentimentFigures.ScoreAgreement all = s.scoreAgreement().get(0);
    String corr =
        all.correlation() == null
            ? "too few to correlate"
            : "correlation " + ReportFormat.fixed(all.correlation(), 2);
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "on %s texts that came with an NPS or CSAT score: %s; %s contradict their score"
                    + " outright",
                ReportFormat.count(all.texts()),
                corr,
                ReportFormat.percent(all.contradicting())));
    List<String> weakest = new ArrayList<>();
    s.scoreAgreement().stream()
        .skip(1)
        .filter(a -> a.correlation() != null && a.texts() >= 30)
        .sorted(java.util.Comparator.comparingDouble(SentimentFigures.ScoreAgreement::correlation))
        .limit(2)
        .forEach(a -> weakest.add(a.touchpoint() + " " + ReportFormat.fixed(a.correlation(), 2)));
    if (!weakest.isEmpty()) {
      b.append("; least agreement at ").append(String.join(", ", weakest));
    }
    return b.toString();
  }

  private static String riskRatio(Row r) {
    String s =
        ReportFormat.ratio(
            d(r, ImpactColumns.MH_RR),
            d(r, ImpactColumns.MH_RR_LOWER),
            d(r, ImpactColumns.MH_RR_UPPER));
    if (d(r, ImpactColumns.MH_RR) != null && !enough(r)) {
      s += " (only " + lz(r, ImpactColumns.EXPOSED_CUSTOMERS) + " exposed)";
    }
    return s;
  }

  private static String revenueWithInterval(Row r) {
    if (!enough(r) || d(r, ImpactColumns.EXCESS_CHURNED_REVENUE) == null) {
      return ReportFormat.NONE;
    }
    return ReportFormat.money(d(r, ImpactColumns.EXCESS_CHURNED_REVENUE))
        + " ["
        + ReportFormat.money(d(r, ImpactColumns.EXCESS_CHURNED_REVENUE_LOWER))
        + "–"
        + ReportFormat.money(d(r, ImpactColumns.EXCESS_CHURNED_REVENUE_UPPER))
        + "]";
  }

  private static String evidence(Row r) {
    return String.format(
        Locale.ROOT,
        "%s negative sentences · %s friction sessions · %s customers exposed",
        ReportFormat.count(lz(r, ImpactColumns.NEGATIVE_SENTENCES)),
        ReportFormat.count(lz(r, JourneyColumns.FRICTION_SESSIONS)),
        ReportFormat.count(lz(r, ImpactColumns.EXPOSED_CUSTOMERS)));
  }

  private static String trend(Row r, boolean hasPrevious) {
    Double changed = d(r, RankingColumns.RANK_CHANGE);
    if (changed == null) {
      return hasPrevious ? "new" : "first run";
    }
    int change = changed.intValue();
    String places = change > 0 ? "▲ " + change : change < 0 ? "▼ " + -change : "=";
    return places + " (" + ReportFormat.signed(d(r, RankingColumns.SCORE_DELTA), 1) + ")";
  }

  private static String trendClass(Row r) {
    Double delta = d(r, RankingColumns.SCORE_DELTA);
    if (delta == null || Math.abs(delta) < 0.05) {
      return "flat";
    }
    return delta > 0 ? "worse" : "better";
  }

  /**
   * Excess churned revenue per year, counted only where the churn association is measurable: enough
   * exposed customers and a risk ratio interval entirely above 1.
   */
  static double revenueAtRisk(Row r) {
    Double v = d(r, ImpactColumns.EXCESS_CHURNED_REVENUE);
    Double lower = d(r, ImpactColumns.MH_RR_LOWER);
    return enough(r) && lower != null && lower > 1 && v != null && v > 0 ? v : 0;
  }

  private static List<String> topThemes(Row r) {
    String s = r.getAs(RankingColumns.TOP_THEMES);
    List<String> out = new ArrayList<>();
    if (s != null) {
      for (String t : s.split("; ")) {
        if (!t.isBlank()) {
          out.add(t);
        }
      }
    }
    return out;
  }

  private static double points(Row r, String component, double weight, double total) {
    return 100 * nz(d(r, component)) * weight / total;
  }

  private static boolean enough(Row r) {
    return Boolean.TRUE.equals(r.getAs(ImpactColumns.ENOUGH_EXPOSED));
  }

  private static Map<String, Row> byTouchpoint(List<Row> rows) {
    Map<String, Row> m = new LinkedHashMap<>();
    for (Row r : rows) {
      m.put(r.getAs(JourneyColumns.TOUCHPOINT), r);
    }
    return m;
  }

  static Double d(Row r, String col) {
    Object v = r.isNullAt(r.fieldIndex(col)) ? null : r.get(r.fieldIndex(col));
    return v == null ? null : ((Number) v).doubleValue();
  }

  private static long lz(Row r, String col) {
    Double v = d(r, col);
    return v == null ? 0 : v.longValue();
  }

  private static boolean positive(Double v) {
    return v != null && v > 0;
  }

  private static double nz(Double v) {
    return v == null || v.isNaN() ? 0 : v;
  }

  /**
   * Per initiative (rows in file order, one per metric): its verdict and findings. It worked when
   * the metric it targets (its theme's share when it names a theme, else the friction rate) fell
   * with an interval below zero.
   */
  /** Steps the report lists under "Paths to churn". */
  static final int PATH_STEPS = 6;

  /**
   * The paths section: the steps with the largest net effects (journey states and step pairs seen
   * by at least 30 customers), and the top paths into churn.
   */
  static ReportModel.Paths paths(List<Row> effects, List<Row> churnPaths) {
    List<ReportModel.PathStep> steps = new ArrayList<>();
    String chain = "";
    for (Row r : effects) {
      chain =
          String.format(
              Locale.ROOT,
              "order-%d chain over %s customers' journeys; churn probability from the start %s;"
                  + " intervals from %d bootstrap replicates over customers",
              r.<Integer>getAs(PathEffects.ORDER),
              ReportFormat.count(
                  effects.stream()
                      .filter(x -> !PathEffects.KIND_PAIR.equals(x.getAs(PathEffects.KIND)))
                      .mapToLong(x -> x.<Long>getAs(PathEffects.CUSTOMERS))
                      .max()
                      .orElse(0)),
              ReportFormat.percent(r.<Double>getAs(PathEffects.CHURN_PROBABILITY)),
              r.<Integer>getAs(PathEffects.REPLICATES));
      if (steps.size() < PATH_STEPS && r.<Long>getAs(PathEffects.CUSTOMERS) >= 30) {
        double low = r.getAs(PathEffects.NET_LOW);
        double high = r.getAs(PathEffects.NET_HIGH);
        steps.add(
            new ReportModel.PathStep(
                r.getAs(PathEffects.STATE),
                r.getAs(PathEffects.KIND),
                points(r.getAs(PathEffects.NET_EFFECT)),
                "[" + points(low) + " to " + points(high) + "]",
                points(r.getAs(PathEffects.REMOVAL_EFFECT)),
                ReportFormat.count(r.<Long>getAs(PathEffects.CUSTOMERS)),
                ReportFormat.percent0(r.getAs(PathEffects.CHURN_SHARE)),
                low > 0 ? "worse" : high < 0 ? "better" : "flat"));
      }
    }
    String lead =
        steps.isEmpty() || !"worse".equals(steps.get(0).netClass())
            ? "No step of the journey carries clearly more of the churn than of the retention."
            : String.format(
                Locale.ROOT,
                "%s carries %s points more of the churn than of the retention %s: %s of its %s"
                    + " customers churned.",
                steps.get(0).state(),
                steps.get(0).netEffect(),
                steps.get(0).netInterval(),
                steps.get(0).churnShare(),
                steps.get(0).customers());
    List<ReportModel.ChurnPath> top = new ArrayList<>();
    for (Row r : churnPaths) {
      top.add(
          new ReportModel.ChurnPath(
              r.<Integer>getAs(PathEffects.RANK),
              r.getAs(PathEffects.PATH),
              ReportFormat.count(r.<Long>getAs(PathEffects.CUSTOMERS)),
              ReportFormat.count(r.<Long>getAs(PathEffects.CHURNED)),
              ReportFormat.percent0(r.getAs(PathEffects.CHURN_SHARE))));
    }
    return new ReportModel.Paths(chain, lead, steps, top);
  }

  /** A share of the chain's churn in signed percentage points: 0.1234 -> "+12.3". */
  private static String points(double share) {
    return String.format(Locale.ROOT, "%+.1f", 100 * share);
  }

  private static List<ReportCharts.PathBar> churnPathBars(List<Row> churnPaths) {
    List<ReportCharts.PathBar> bars = new ArrayList<>();
    for (Row r : churnPaths) {
      bars.add(
          new ReportCharts.PathBar(
              r.getAs(PathEffects.PATH),
              r.<Long>getAs(PathEffects.CHURNED),
              r.<Long>getAs(PathEffects.CUSTOMERS) - r.<Long>getAs(PathEffects.CHURNED)));
    }
    return bars;
  }

  static List<InitiativeView> initiatives(List<Row> effects) {
    Map<String, List<Row>> byId = new LinkedHashMap<>();
    for (Row r : effects) {
      byId.computeIfAbsent(r.getAs(InitiativeEffects.INITIATIVE_ID), k -> new ArrayList<>()).add(r);
    }
    List<InitiativeView> out = new ArrayList<>();
    byId.forEach(
        (id, rows) -> {
          Row first = rows.get(0);
          String target =
              first.getAs(InitiativeEffects.THEME) != null
                  ? InitiativeEffects.THEME_SHARE
                  : InitiativeEffects.FRICTION_RATE;
          Row main =
              rows.stream()
                  .filter(r -> target.equals(r.getAs(InitiativeEffects.METRIC)))
                  .findFirst()
                  .orElse(first);
          String verdict;
          String verdictClass;
          if (!InitiativeEffects.MEASURED.equals(main.getAs(InitiativeEffects.STATUS))) {
            verdict = "too little data to tell yet";
            verdictClass = "flat";
          } else if (main.<Double>getAs(InitiativeEffects.CI_HIGH) < 0) {
            verdict = "worked";
            verdictClass = "better";
          } else if (main.<Double>getAs(InitiativeEffects.CI_LOW) > 0) {
            verdict = "made it worse";
            verdictClass = "worse";
          } else {
            verdict = "no measurable effect";
            verdictClass = "flat";
          }
          List<String> findings = new ArrayList<>();
          rows.forEach(r -> findings.add(r.getAs(InitiativeEffects.VERDICT)));
          out.add(
              new InitiativeView(
                  id,
                  first.getAs(InitiativeEffects.TOUCHPOINT),
                  first.getAs(InitiativeEffects.OWNER),
                  first.getAs(InitiativeEffects.START_DATE),
                  first.getAs(InitiativeEffects.DESCRIPTION),
                  "before "
                      + first.getAs(InitiativeEffects.BEFORE_FROM)
                      + " to "
                      + first.getAs(InitiativeEffects.BEFORE_TO)
                      + ", after "
                      + first.getAs(InitiativeEffects.AFTER_FROM)
                      + " to "
                      + first.getAs(InitiativeEffects.AFTER_TO),
                  verdict,
                  verdictClass,
                  findings));
        });
    return out;
  }
}

package com.painpoint.models.initiatives;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.arrays_overlap;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.config.Initiatives;
import com.painpoint.features.config.Initiatives.Initiative;
import com.painpoint.features.contracts.ClickstreamSchema;
import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.journeys.JourneyColumns;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.models.sentiment.SentimentColumns;
import com.painpoint.models.themes.ThemeColumns;
import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Did the fix work? For each declared initiative, the change of three rates at its touchpoint from
 * the window before its start date to the window after, minus the same change at the touchpoints
 * without an initiative, outcome touchpoints left out (difference in differences, {@link
 * DiffInDiff}), with a 95 % interval from a bootstrap over customers:
 *
 * <ul>
 *   <li>{@code friction_rate}: session × touchpoint rows with friction (of the initiative's kind
 *       when it names one) over all rows, by the session's start day;
 *   <li>{@code negative_share}: negative sentences (class 0 or 1) over scored sentences attributed
 *       to the touchpoint, by the feedback's day;
 *   <li>{@code churn_rate}: customers exposed at the touchpoint in the window who churned within
 *       the follow-up days after their first exposure there; customers whose follow-up would run
 *       past the run date are left out (censored) and counted;
 *   <li>{@code theme_share}, when the initiative names a theme: the share of the touchpoint's
 *       sentences in the matching themes, after minus before (no control: a theme belongs to its
 *       touchpoint).
 * </ul>
 *
 * <p>Windows: before is {@code [start − guard − window, start − guard)}, after is {@code [start +
 * guard, start + guard + window)}, both cut to the data (the first session day to the run date). A
 * metric whose four cells do not each hold {@code min_rows} rows gets status {@value
 * #TOO_LITTLE_DATA} and the reason instead of a number.
 */
public final class InitiativeEffects {

  public static final String INITIATIVE_ID = "initiative_id";
  public static final String TOUCHPOINT = "touchpoint";
  public static final String DESCRIPTION = "description";
  public static final String OWNER = "owner";
  public static final String START_DATE = "start_date";
  public static final String FRICTION_KIND = "friction_kind";
  public static final String THEME = "theme";
  public static final String METRIC = "metric";
  public static final String METHOD = "method";
  public static final String BEFORE_FROM = "before_from";
  public static final String BEFORE_TO = "before_to";
  public static final String AFTER_FROM = "after_from";
  public static final String AFTER_TO = "after_to";
  public static final String TP_BEFORE_ROWS = "tp_before_rows";
  public static final String TP_BEFORE_RATE = "tp_before_rate";
  public static final String TP_AFTER_ROWS = "tp_after_rows";
  public static final String TP_AFTER_RATE = "tp_after_rate";
  public static final String CONTROL_BEFORE_ROWS = "control_before_rows";
  public static final String CONTROL_BEFORE_RATE = "control_before_rate";
  public static final String CONTROL_AFTER_ROWS = "control_after_rows";
  public static final String CONTROL_AFTER_RATE = "control_after_rate";
  public static final String CENSORED = "censored";
  public static final String EFFECT = "effect";
  public static final String CI_LOW = "ci_low";
  public static final String CI_HIGH = "ci_high";
  public static final String STATUS = "status";
  public static final String VERDICT = "verdict";

  public static final String FRICTION_RATE = "friction_rate";
  public static final String NEGATIVE_SHARE = "negative_share";
  public static final String CHURN_RATE = "churn_rate";
  public static final String THEME_SHARE = "theme_share";

  public static final String DIFF_IN_DIFF = "diff_in_diff";
  public static final String BEFORE_AFTER = "before_after";

  public static final String MEASURED = "measured";
  public static final String TOO_LITTLE_DATA = "too_little_data";

  private static final String CELL = "cell";
  private static final String CLUSTER = "cluster";
  private static final String ROWS = "rows";
  private static final String HITS = "hits";
  private static final String DAY = "day";
  private static final String FOLLOWED_UP = "followed_up";

  private InitiativeEffects() {}

  /** The windows of one initiative, cut to the data; {@code to} days are inclusive. */
  public record Windows(
      LocalDate beforeFrom, LocalDate beforeTo, LocalDate afterFrom, LocalDate afterTo) {

    /** Whether both windows hold at least one day. */
    public boolean open() {
      return !beforeTo.isBefore(beforeFrom) && !afterTo.isBefore(afterFrom);
    }

    static Windows of(Initiatives cfg, LocalDate start, LocalDate dataFrom, LocalDate dataTo) {
      LocalDate beforeTo = start.minusDays(cfg.guardDays() + 1L);
      LocalDate beforeFrom = beforeTo.minusDays(cfg.windowDays() - 1L);
      LocalDate afterFrom = start.plusDays(cfg.guardDays());
      LocalDate afterTo = afterFrom.plusDays(cfg.windowDays() - 1L);
      return new Windows(
          beforeFrom.isBefore(dataFrom) ? dataFrom : beforeFrom,
          beforeTo,
          afterFrom,
          afterTo.isAfter(dataTo) ? dataTo : afterTo);
    }
  }

  /**
   * One initiative × metric.
   *
   * @param estimate null when the status is {@value #TOO_LITTLE_DATA}
   * @param censored customers left out of the churn rate because their follow-up runs past the run
   *     date (0 for other metrics)
   * @param reason why there is no number; null when measured
   */
  public record Effect(
      Initiative initiative,
      String owner,
      String metric,
      String method,
      Windows windows,
      long[] rows,
      double[] rates,
      long censored,
      DiffInDiff.Estimate estimate,
      String reason)
      implements Serializable {

    public boolean measured() {
      return estimate != null;
    }

    /** The effect in words, for the report and the summary. */
    public String verdict() {
      String what = subject();
      if (estimate == null) {
        return what + ": too little data to tell (" + reason + ")";
      }
      double e = 100 * estimate.effect();
      String interval =
          String.format(Locale.ROOT, "[%.1f to %.1f]", 100 * estimate.low(), 100 * estimate.high());
      if (!estimate.excludesZero()) {
        return String.format(
            Locale.ROOT, "%s did not measurably change (%+.1f points %s)", what, e, interval);
      }
      double lo = 100 * Math.min(Math.abs(estimate.low()), Math.abs(estimate.high()));
      double hi = 100 * Math.max(Math.abs(estimate.low()), Math.abs(estimate.high()));
      return String.format(
          Locale.ROOT,
          "%s %s %.1f points [%.1f to %.1f]",
          what,
          e < 0 ? "fell" : "rose",
          Math.abs(e),
          lo,
          hi);
    }

    private String subject() {
      String tp = initiative.touchpoint();
      return switch (metric) {
        case FRICTION_RATE ->
            "friction at "
                + tp
                + (initiative.friction() == null
                    ? ""
                    : " (" + initiative.friction().replace('_', ' ') + ")");
        case NEGATIVE_SHARE -> "the negative share of feedback about " + tp;
        case CHURN_RATE -> "churn among customers exposed at " + tp;
        default -> "the share of " + tp + " feedback in theme '" + initiative.theme() + "'";
      };
    }
  }

  /**
   * Measures every initiative.
   *
   * @param sessions session × touchpoint rows (journeys)
   * @param scored scored sentences with theme ids
   * @param customers customer features (churned, churn date)
   * @param themeIds per initiative id with a theme: the ids of the night's matching themes at its
   *     touchpoint
   */
  public static List<Effect> measure(
      Initiatives cfg,
      Taxonomy taxonomy,
      LocalDate runDate,
      Dataset<Row> sessions,
      Dataset<Row> scored,
      Dataset<Row> customers,
      Map<String, List<String>> themeIds) {
    Row span =
        sessions
            .agg(
                min(to_date(col(JourneyColumns.START_TIME))),
                max(to_date(col(JourneyColumns.START_TIME))))
            .first();
    List<Effect> out = new ArrayList<>();
    if (span.isNullAt(0)) {
      for (Initiative in : cfg.initiatives()) {
        Windows w = Windows.of(cfg, in.start(), in.start(), in.start().minusDays(1));
        for (String m : metrics(in)) {
          out.add(tooLittle(in, taxonomy, m, w, new long[4], 0, "no sessions at all"));
        }
      }
      return out;
    }
    LocalDate dataFrom = span.getDate(0).toLocalDate();
    LocalDate dataTo = runDate;
    // The control group: touchpoints without an initiative, outcome touchpoints (cancellation)
    // left out too, since customers meet them because they churn.
    Set<String> withInitiative = new java.util.HashSet<>(cfg.touchpoints());
    taxonomy.touchpoints().stream()
        .filter(t -> t.outcome())
        .forEach(t -> withInitiative.add(t.name()));
    Dataset<Row> dayed =
        sessions
            .select(
                col(JourneyColumns.ACTOR_ID),
                col(ClickstreamSchema.CUSTOMER_ID),
                col(JourneyColumns.TOUCHPOINT),
                to_date(col(JourneyColumns.START_TIME)).as(DAY),
                col(JourneyColumns.HAS_FRICTION),
                col(JourneyColumns.HAS_ERROR),
                col(JourneyColumns.HAS_RAGE_CLICK),
                col(JourneyColumns.HAS_LOOP),
                col(JourneyColumns.HAS_ABANDONMENT),
                col(JourneyColumns.HAS_SLOWNESS))
            .cache();
    Dataset<Row> sentences =
        scored
            .filter(col(SentimentColumns.SENTIMENT_CLASS).geq(0))
            .select(
                coalesce(col(FeedbackSchema.CUSTOMER_ID), col(FeedbackSchema.FEEDBACK_ID))
                    .as(CLUSTER),
                to_date(col(FeedbackSchema.CREATED_AT)).as(DAY),
                col(SentimentColumns.TOUCHPOINTS),
                col(SentimentColumns.SENTIMENT_CLASS),
                col(ThemeColumns.THEME_IDS))
            .cache();
    try {
      for (Initiative in : cfg.initiatives()) {
        Windows w = Windows.of(cfg, in.start(), dataFrom, dataTo);
        Column group =
            when(col(JourneyColumns.TOUCHPOINT).equalTo(in.touchpoint()), lit(0))
                .when(not(col(JourneyColumns.TOUCHPOINT).isin(withInitiative.toArray())), lit(1));
        out.add(friction(cfg, taxonomy, in, w, dayed, group));
        out.add(negativity(cfg, taxonomy, in, w, sentences, withInitiative));
        out.add(churn(cfg, taxonomy, in, w, runDate, dayed, customers, group));
        if (in.theme() != null) {
          out.add(
              themeShare(
                  cfg, taxonomy, in, w, sentences, themeIds.getOrDefault(in.id(), List.of())));
        }
      }
    } finally {
      dayed.unpersist();
      sentences.unpersist();
    }
    return out;
  }

  private static List<String> metrics(Initiative in) {
    return in.theme() == null
        ? List.of(FRICTION_RATE, NEGATIVE_SHARE, CHURN_RATE)
        : List.of(FRICTION_RATE, NEGATIVE_SHARE, CHURN_RATE, THEME_SHARE);
  }

  /** 0 before, 1 after, null outside both windows. */
  private static Column period(Column day, Windows w) {
    return when(day.between(Date.valueOf(w.beforeFrom()), Date.valueOf(w.beforeTo())), lit(0))
        .when(day.between(Date.valueOf(w.afterFrom()), Date.valueOf(w.afterTo())), lit(1));
  }

  private static Effect friction(
      Initiatives cfg,
      Taxonomy taxonomy,
      Initiative in,
      Windows w,
      Dataset<Row> dayed,
      Column group) {
    String flag =
        in.friction() == null
            ? JourneyColumns.HAS_FRICTION
            : switch (in.friction()) {
              case JourneyColumns.KIND_ERROR -> JourneyColumns.HAS_ERROR;
              case JourneyColumns.KIND_RAGE_CLICK -> JourneyColumns.HAS_RAGE_CLICK;
              case JourneyColumns.KIND_LOOP -> JourneyColumns.HAS_LOOP;
              case JourneyColumns.KIND_ABANDONMENT -> JourneyColumns.HAS_ABANDONMENT;
              default -> JourneyColumns.HAS_SLOWNESS;
            };
    Dataset<Row> cells =
        dayed
            .select(
                col(JourneyColumns.ACTOR_ID).as(CLUSTER),
                group.multiply(2).plus(period(col(DAY), w)).as(CELL),
                when(col(flag), 1L).otherwise(0L).as(HITS))
            .filter(col(CELL).isNotNull())
            .groupBy(CLUSTER, CELL)
            .agg(count(lit(1)).as(ROWS), sum(col(HITS)).as(HITS));
    return estimate(cfg, taxonomy, in, FRICTION_RATE, w, clusters(cells), 0, true);
  }

  private static Effect negativity(
      Initiatives cfg,
      Taxonomy taxonomy,
      Initiative in,
      Windows w,
      Dataset<Row> sentences,
      Set<String> withInitiative) {
    Column period = period(col(DAY), w);
    Column negative = when(col(SentimentColumns.SENTIMENT_CLASS).leq(1), 1L).otherwise(0L);
    List<String> others = new ArrayList<>(withInitiative);
    Dataset<Row> atTp =
        sentences
            .filter(array_contains(col(SentimentColumns.TOUCHPOINTS), in.touchpoint()))
            .select(col(CLUSTER), period.as(CELL), negative.as(HITS));
    Dataset<Row> atControl =
        sentences
            .filter(size(array_except(col(SentimentColumns.TOUCHPOINTS), literals(others))).gt(0))
            .select(col(CLUSTER), period.plus(2).as(CELL), negative.as(HITS));
    Dataset<Row> cells =
        atTp.unionByName(atControl)
            .filter(col(CELL).isNotNull())
            .groupBy(CLUSTER, CELL)
            .agg(count(lit(1)).as(ROWS), sum(col(HITS)).as(HITS));
    return estimate(cfg, taxonomy, in, NEGATIVE_SHARE, w, clusters(cells), 0, true);
  }

  private static Effect churn(
      Initiatives cfg,
      Taxonomy taxonomy,
      Initiative in,
      Windows w,
      LocalDate runDate,
      Dataset<Row> dayed,
      Dataset<Row> customers,
      Column group) {
    Dataset<Row> firstExposure =
        dayed
            .filter(col(ClickstreamSchema.CUSTOMER_ID).isNotNull())
            .select(
                col(ClickstreamSchema.CUSTOMER_ID),
                group.multiply(2).plus(period(col(DAY), w)).as(CELL),
                col(DAY))
            .filter(col(CELL).isNotNull())
            .groupBy(ClickstreamSchema.CUSTOMER_ID, CELL)
            .agg(min(col(DAY)).as(DAY));
    // Only customers whose whole follow-up lies before the run date: for a later exposure nobody
    // knows yet whether they churn within it (censored, counted).
    Column followUpEnd = date_add(col(DAY), cfg.churnFollowUpDays());
    Dataset<Row> joined =
        firstExposure
            .join(
                customers.select(
                    col(CrmSchema.CUSTOMER_ID), col(CrmSchema.CHURNED), col(CrmSchema.CHURN_DATE)),
                ClickstreamSchema.CUSTOMER_ID)
            .withColumn(FOLLOWED_UP, followUpEnd.leq(lit(Date.valueOf(runDate))))
            .cache();
    long censored = joined.filter(not(col(FOLLOWED_UP))).count();
    Column churnedInFollowUp =
        coalesce(col(CrmSchema.CHURNED), lit(false))
            .and(col(CrmSchema.CHURN_DATE).geq(col(DAY)))
            .and(col(CrmSchema.CHURN_DATE).leq(followUpEnd));
    Dataset<Row> cells =
        joined
            .filter(col(FOLLOWED_UP))
            .select(
                col(ClickstreamSchema.CUSTOMER_ID).as(CLUSTER),
                col(CELL),
                lit(1L).as(ROWS),
                when(churnedInFollowUp, 1L).otherwise(0L).as(HITS));
    List<DiffInDiff.Cluster> clusters = clusters(cells);
    joined.unpersist();
    return estimate(cfg, taxonomy, in, CHURN_RATE, w, clusters, censored, true);
  }

  private static Effect themeShare(
      Initiatives cfg,
      Taxonomy taxonomy,
      Initiative in,
      Windows w,
      Dataset<Row> sentences,
      List<String> themeIds) {
    if (themeIds.isEmpty()) {
      return tooLittle(
          in,
          taxonomy,
          THEME_SHARE,
          w,
          new long[4],
          0,
          "no theme at " + in.touchpoint() + " tonight matches '" + in.theme() + "'");
    }
    Column inTheme =
        coalesce(arrays_overlap(col(ThemeColumns.THEME_IDS), literals(themeIds)), lit(false));
    Dataset<Row> cells =
        sentences
            .filter(array_contains(col(SentimentColumns.TOUCHPOINTS), in.touchpoint()))
            .select(
                col(CLUSTER),
                period(col(DAY), w).as(CELL),
                when(inTheme, 1L).otherwise(0L).as(HITS))
            .filter(col(CELL).isNotNull())
            .groupBy(CLUSTER, CELL)
            .agg(count(lit(1)).as(ROWS), sum(col(HITS)).as(HITS));
    return estimate(cfg, taxonomy, in, THEME_SHARE, w, clusters(cells), 0, false);
  }

  /** A string array literal (typed even when empty). */
  private static Column literals(List<String> values) {
    return values.isEmpty()
        ? array().cast("array<string>")
        : array(values.stream().map(v -> lit(v)).toArray(Column[]::new));
  }

  /** Collects (cluster, cell, rows, hits) into clusters, in cluster order (deterministic). */
  static List<DiffInDiff.Cluster> clusters(Dataset<Row> cells) {
    Map<String, DiffInDiff.Cluster> byCluster = new TreeMap<>();
    for (Row r :
        cells
            .select(col(CLUSTER).cast("string"), col(CELL), col(ROWS), col(HITS))
            .collectAsList()) {
      String key = r.isNullAt(0) ? "" : r.getString(0);
      DiffInDiff.Cluster c =
          byCluster.computeIfAbsent(key, k -> new DiffInDiff.Cluster(new long[4], new long[4]));
      int cell = r.getInt(1);
      c.rows()[cell] += r.getLong(2);
      c.hits()[cell] += r.getLong(3);
    }
    return new ArrayList<>(byCluster.values());
  }

  private static Effect estimate(
      Initiatives cfg,
      Taxonomy taxonomy,
      Initiative in,
      String metric,
      Windows w,
      List<DiffInDiff.Cluster> clusters,
      long censored,
      boolean withControl) {
    long[] rows = new long[4];
    clusters.forEach(
        c -> {
          for (int i = 0; i < 4; i++) {
            rows[i] += c.rows()[i];
          }
        });
    String[] names = {
      in.touchpoint() + " before", in.touchpoint() + " after", "control before", "control after"
    };
    List<String> short_ = new ArrayList<>();
    if (!w.open()) {
      short_.add(
          "the windows "
              + w.beforeFrom()
              + ".."
              + w.beforeTo()
              + " and "
              + w.afterFrom()
              + ".."
              + w.afterTo()
              + " fall outside the data");
    } else {
      for (int i = 0; i < (withControl ? 4 : 2); i++) {
        if (rows[i] < cfg.minRows()) {
          short_.add(names[i] + " has " + rows[i] + " rows, fewer than " + cfg.minRows());
        }
      }
    }
    if (!short_.isEmpty()) {
      return tooLittle(in, taxonomy, metric, w, rows, censored, String.join("; ", short_));
    }
    long seed = (in.id() + "/" + metric).hashCode();
    DiffInDiff.Estimate e = DiffInDiff.estimate(clusters, withControl, seed);
    return new Effect(
        in,
        owner(in, taxonomy),
        metric,
        withControl ? DIFF_IN_DIFF : BEFORE_AFTER,
        w,
        e.rows(),
        e.rates(),
        censored,
        e,
        null);
  }

  private static Effect tooLittle(
      Initiative in,
      Taxonomy taxonomy,
      String metric,
      Windows w,
      long[] rows,
      long censored,
      String reason) {
    double[] rates = new double[4];
    java.util.Arrays.fill(rates, Double.NaN);
    return new Effect(
        in,
        owner(in, taxonomy),
        metric,
        THEME_SHARE.equals(metric) ? BEFORE_AFTER : DIFF_IN_DIFF,
        w,
        rows,
        rates,
        censored,
        null,
        reason);
  }

  private static String owner(Initiative in, Taxonomy taxonomy) {
    if (in.owner() != null) {
      return in.owner();
    }
    return taxonomy.touchpoints().stream()
        .filter(t -> t.name().equals(in.touchpoint()))
        .map(t -> t.owner())
        .findFirst()
        .orElse(null);
  }

  /** The output table's schema. */
  public static StructType schema() {
    StructType s = new StructType();
    for (String c :
        List.of(
            INITIATIVE_ID,
            TOUCHPOINT,
            DESCRIPTION,
            OWNER,
            START_DATE,
            FRICTION_KIND,
            THEME,
            METRIC,
            METHOD,
            BEFORE_FROM,
            BEFORE_TO,
            AFTER_FROM,
            AFTER_TO)) {
      s = s.add(c, DataTypes.StringType, !c.equals(INITIATIVE_ID));
    }
    for (String c : List.of(TP_BEFORE_ROWS, TP_BEFORE_RATE)) {
      s = s.add(c, c.endsWith("rows") ? DataTypes.LongType : DataTypes.DoubleType, true);
    }
    s =
        s.add(TP_AFTER_ROWS, DataTypes.LongType, true)
            .add(TP_AFTER_RATE, DataTypes.DoubleType, true)
            .add(CONTROL_BEFORE_ROWS, DataTypes.LongType, true)
            .add(CONTROL_BEFORE_RATE, DataTypes.DoubleType, true)
            .add(CONTROL_AFTER_ROWS, DataTypes.LongType, true)
            .add(CONTROL_AFTER_RATE, DataTypes.DoubleType, true)
            .add(CENSORED, DataTypes.LongType, true)
            .add(EFFECT, DataTypes.DoubleType, true)
            .add(CI_LOW, DataTypes.DoubleType, true)
            .add(CI_HIGH, DataTypes.DoubleType, true)
            .add(STATUS, DataTypes.StringType, false)
            .add(VERDICT, DataTypes.StringType, false);
    return s;
  }

  /** One output row, with its schema (so fields can be read by name). */
  public static Row toRow(Effect e) {
    Initiative in = e.initiative();
    DiffInDiff.Estimate est = e.estimate();
    boolean control = DIFF_IN_DIFF.equals(e.method());
    return new GenericRowWithSchema(
        new Object[] {
          in.id(),
          in.touchpoint(),
          in.description(),
          e.owner(),
          in.start().toString(),
          in.friction(),
          in.theme(),
          e.metric(),
          e.method(),
          e.windows().beforeFrom().toString(),
          e.windows().beforeTo().toString(),
          e.windows().afterFrom().toString(),
          e.windows().afterTo().toString(),
          e.rows()[0],
          rate(e.rates()[0]),
          e.rows()[1],
          rate(e.rates()[1]),
          control ? e.rows()[2] : null,
          control ? rate(e.rates()[2]) : null,
          control ? e.rows()[3] : null,
          control ? rate(e.rates()[3]) : null,
          e.censored(),
          est == null ? null : est.effect(),
          est == null ? null : est.low(),
          est == null ? null : est.high(),
          est == null ? TOO_LITTLE_DATA : MEASURED,
          e.verdict()
        },
        schema());
  }

  private static Double rate(double v) {
    return Double.isNaN(v) ? null : v;
  }
}

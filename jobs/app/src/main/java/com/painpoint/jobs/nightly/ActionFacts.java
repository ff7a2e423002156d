package com.painpoint.jobs.nightly;

import static org.apache.spark.sql.functions.col;

import com.painpoint.features.journeys.FrictionEvidence;
import com.painpoint.features.journeys.JourneyColumns;
import com.painpoint.models.actions.Countermeasures;
import com.painpoint.models.impact.ImpactColumns;
import com.painpoint.models.ranking.RankingColumns;
import com.painpoint.models.sentiment.SentimentColumns;
import com.painpoint.models.themes.ThemeColumns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The night's small tables as the counter-measures read them ({@link Countermeasures}). */
final class ActionFacts {
  private ActionFacts() {}

  /** A row per ranked touchpoint, with its friction rates from the friction table. */
  static List<Countermeasures.TouchpointFacts> touchpoints(
      List<Row> ranking, List<Row> frictionTable) {
    Map<String, Row> frictionByTouchpoint = new HashMap<>();
    for (Row r : frictionTable) {
      frictionByTouchpoint.put(r.getAs(JourneyColumns.TOUCHPOINT), r);
    }
    List<Countermeasures.TouchpointFacts> out = new ArrayList<>();
    for (Row r : ranking) {
      String tp = r.getAs(RankingColumns.TOUCHPOINT);
      Map<String, Double> rates = new LinkedHashMap<>();
      Row f = frictionByTouchpoint.get(tp);
      if (f != null) {
        for (String kind : JourneyColumns.KINDS) {
          Double rate = dbl(f, JourneyColumns.rateOf(kind));
          if (rate != null) {
            rates.put(kind, rate);
          }
        }
      }
      Boolean enough = r.getAs(ImpactColumns.ENOUGH_EXPOSED);
      boolean churnKnown = Boolean.TRUE.equals(enough);
      out.add(
          new Countermeasures.TouchpointFacts(
              tp,
              ((Number) r.getAs(RankingColumns.RANK)).intValue(),
              dbl(r, RankingColumns.PAIN_SCORE),
              r.getAs(RankingColumns.OWNER),
              rates,
              dbl(r, SentimentColumns.NEGATIVE_SHARE),
              lng(r, "sentences"),
              churnKnown ? dbl(r, ImpactColumns.MH_RR) : null,
              churnKnown ? dbl(r, ImpactColumns.MH_RR_LOWER) : null,
              churnKnown ? dbl(r, ImpactColumns.MH_RR_UPPER) : null,
              churnKnown ? dbl(r, ImpactColumns.EXCESS_CHURNED_REVENUE) : null,
              churnKnown ? dbl(r, ImpactColumns.EXCESS_CHURNED_REVENUE_LOWER) : null,
              churnKnown ? dbl(r, ImpactColumns.EXCESS_CHURNED_REVENUE_UPPER) : null));
    }
    return out;
  }

  /** The friction stage's evidence rows ({@code friction_evidence}). */
  static List<Countermeasures.FrictionFact> friction(List<Row> evidence) {
    List<Countermeasures.FrictionFact> out = new ArrayList<>();
    for (Row r : evidence) {
      out.add(
          new Countermeasures.FrictionFact(
              r.getAs(FrictionEvidence.TOUCHPOINT),
              r.getAs(FrictionEvidence.KIND),
              ((Number) r.getAs(FrictionEvidence.RANK)).intValue(),
              r.getAs(FrictionEvidence.URL),
              r.getAs(FrictionEvidence.STATUS_CODE),
              r.getAs(FrictionEvidence.EVENT_TYPE),
              lng(r, FrictionEvidence.EVENTS),
              lng(r, FrictionEvidence.CUSTOMERS),
              dbl(r, FrictionEvidence.SHARE),
              lng(r, FrictionEvidence.P95_MS),
              lng(r, FrictionEvidence.THRESHOLD_MS)));
    }
    return out;
  }

  /**
   * The night's pain themes, the other and general buckets left out; on a first themed night (no
   * earlier run to match against) every theme is "new" by construction, so no trend is given.
   */
  static List<Countermeasures.ThemeFact> themes(Dataset<Row> painThemes, boolean firstNight) {
    List<Countermeasures.ThemeFact> out = new ArrayList<>();
    for (Row r :
        painThemes
            .filter(col(ThemeColumns.IS_OTHER).equalTo(false))
            .select(
                ThemeColumns.TOUCHPOINT,
                ThemeColumns.THEME_ID,
                ThemeColumns.THEME_RANK,
                ThemeColumns.LABEL,
                ThemeColumns.TOP_TERMS,
                ThemeColumns.SIZE,
                ThemeColumns.STATUS,
                ThemeColumns.QUOTES)
            .collectAsList()) {
      List<String> terms = r.isNullAt(4) ? List.of() : r.getList(4);
      List<String> quotes = r.isNullAt(7) ? List.of() : r.getList(7);
      out.add(
          new Countermeasures.ThemeFact(
              r.getString(0),
              r.getString(1),
              ((Number) r.get(2)).intValue(),
              r.getString(3),
              terms,
              ((Number) r.get(5)).longValue(),
              firstNight || r.isNullAt(6) ? null : r.getString(6),
              quotes));
    }
    return out;
  }

  private static Double dbl(Row r, String column) {
    if (!List.of(r.schema().fieldNames()).contains(column)) {
      return null;
    }
    Object v = r.getAs(column);
    return v == null ? null : ((Number) v).doubleValue();
  }

  private static Long lng(Row r, String column) {
    if (!List.of(r.schema().fieldNames()).contains(column)) {
      return null;
    }
    Object v = r.getAs(column);
    return v == null ? null : ((Number) v).longValue();
  }
}

package com.painpoint.models.impact;

import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.taxonomy.Touchpoint;
import com.painpoint.models.impact.MantelHaenszel.Estimate;
import com.painpoint.models.impact.MantelHaenszel.Stratum;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The touchpoint impact table: per touchpoint and evidence kind, exposed vs baseline churn, the
 * crude and the Mantel-Haenszel risk ratio (stratified by segment x tenure band) with its 95%
 * interval, and the excess churned revenue per year with an interval.
 *
 * <p>Excess churned revenue per year = max(0, p_exposed - p_baseline) x 12 x the exposed customers'
 * monthly revenue, where p_baseline is the baseline rate standardised to the exposed customers'
 * strata (the crude baseline would credit support's enterprise-heavy exposed with the low
 * enterprise churn), and p_exposed - p_baseline is taken as (RR_MH - 1) x p_baseline so that the
 * point and its interval come from one ratio: the interval applies the RR interval's bounds to the
 * same standardised baseline rate. Revenue is the exposed customers' current monthly revenue, so
 * the figure reads "yearly revenue of the customers this pain drives away".
 *
 * <p>The input is a few hundred rows (touchpoints x strata x arms), so it is collected here and the
 * arithmetic runs in plain Java ({@link MantelHaenszel}).
 */
public final class TouchpointImpact {
  /** Default minimum exposed customers before a ratio is read as more than noise. */
  public static final int DEFAULT_MIN_EXPOSED = 30;

  public static final StructType SCHEMA =
      new StructType()
          .add(ImpactColumns.TOUCHPOINT, DataTypes.StringType, false)
          .add(ImpactColumns.POSITION, DataTypes.IntegerType, false)
          .add(ImpactColumns.EVIDENCE, DataTypes.StringType, false)
          .add(ImpactColumns.EXPOSED_CUSTOMERS, DataTypes.LongType, false)
          .add(ImpactColumns.EXPOSED_CHURNED, DataTypes.LongType, false)
          .add(ImpactColumns.BASELINE_CUSTOMERS, DataTypes.LongType, false)
          .add(ImpactColumns.BASELINE_CHURNED, DataTypes.LongType, false)
          .add(ImpactColumns.EXPOSED_CHURN_RATE, DataTypes.DoubleType, true)
          .add(ImpactColumns.BASELINE_CHURN_RATE, DataTypes.DoubleType, true)
          .add(ImpactColumns.BASELINE_CHURN_RATE_STANDARDISED, DataTypes.DoubleType, true)
          .add(ImpactColumns.CRUDE_RR, DataTypes.DoubleType, true)
          .add(ImpactColumns.MH_RR, DataTypes.DoubleType, true)
          .add(ImpactColumns.MH_RR_LOWER, DataTypes.DoubleType, true)
          .add(ImpactColumns.MH_RR_UPPER, DataTypes.DoubleType, true)
          .add(ImpactColumns.STRATA, DataTypes.IntegerType, false)
          .add(ImpactColumns.EXPOSED_MONTHLY_REVENUE, DataTypes.DoubleType, false)
          .add(ImpactColumns.EXCESS_CHURNED_REVENUE, DataTypes.DoubleType, true)
          .add(ImpactColumns.EXCESS_CHURNED_REVENUE_LOWER, DataTypes.DoubleType, true)
          .add(ImpactColumns.EXCESS_CHURNED_REVENUE_UPPER, DataTypes.DoubleType, true)
          .add(ImpactColumns.ENOUGH_EXPOSED, DataTypes.BooleanType, false);

  private TouchpointImpact() {}

  /**
   * @param strata {@link ImpactStrata#counts}
   * @param minExposed fewer exposed customers than this sets {@link ImpactColumns#ENOUGH_EXPOSED}
   *     false (the row stays, with its counts)
   * @return one row per non-outcome touchpoint x evidence kind, in journey order
   */
  public static Dataset<Row> table(Dataset<Row> strata, Taxonomy taxonomy, int minExposed) {
    if (minExposed < 1) {
      throw new IllegalArgumentException("minExposed must be at least 1, got " + minExposed);
    }
    // touchpoint -> arm -> stratum key -> (customers, churned), plus revenue per arm.
    Map<String, Map<String, Map<String, long[]>>> counts = new HashMap<>();
    Map<String, Map<String, Double>> revenue = new HashMap<>();
    for (Row r : strata.collectAsList()) {
      String tp = r.getAs(ImpactColumns.TOUCHPOINT);
      String arm = r.getAs(ImpactColumns.ARM);
      String key =
          r.<String>getAs(ImpactColumns.SEGMENT) + "|" + r.getAs(ImpactColumns.TENURE_BAND);
      long customers = r.<Long>getAs(ImpactColumns.CUSTOMERS);
      long churned = r.<Long>getAs(ImpactColumns.CHURNED);
      counts
          .computeIfAbsent(tp, k -> new HashMap<>())
          .computeIfAbsent(arm, k -> new TreeMap<>())
          .put(key, new long[] {customers, churned});
      revenue
          .computeIfAbsent(tp, k -> new HashMap<>())
          .merge(arm, r.<Double>getAs(ImpactColumns.MONTHLY_REVENUE), Double::sum);
    }
    List<Row> rows = new ArrayList<>();
    for (Touchpoint t : taxonomy.inJourneyOrder()) {
      if (t.outcome()) {
        continue;
      }
      Map<String, Map<String, long[]>> arms = counts.getOrDefault(t.name(), Map.of());
      Map<String, long[]> baseline = arms.getOrDefault(ImpactColumns.BASELINE, Map.of());
      for (String evidence : ImpactColumns.EVIDENCE_KINDS) {
        Map<String, long[]> exposed = arms.getOrDefault(evidence, Map.of());
        double exposedRevenue =
            revenue.getOrDefault(t.name(), Map.of()).getOrDefault(evidence, 0.0);
        rows.add(row(t, evidence, strata(exposed, baseline), exposedRevenue, minExposed));
      }
    }
    return strata.sparkSession().createDataFrame(rows, SCHEMA);
  }

  /** Pairs the exposed and baseline counts of every stratum either arm has. */
  static List<Stratum> strata(Map<String, long[]> exposed, Map<String, long[]> baseline) {
    TreeMap<String, Stratum> out = new TreeMap<>();
    for (String key : union(exposed, baseline)) {
      long[] e = exposed.getOrDefault(key, new long[2]);
      long[] b = baseline.getOrDefault(key, new long[2]);
      out.put(key, new Stratum(e[1], e[0], b[1], b[0]));
    }
    return new ArrayList<>(out.values());
  }

  private static List<String> union(Map<String, long[]> a, Map<String, long[]> b) {
    TreeMap<String, Boolean> keys = new TreeMap<>();
    a.keySet().forEach(k -> keys.put(k, true));
    b.keySet().forEach(k -> keys.put(k, true));
    return new ArrayList<>(keys.keySet());
  }

  private static Row row(
      Touchpoint t, String evidence, List<Stratum> strata, double exposedRevenue, int minExposed) {
    Estimate mh = MantelHaenszel.riskRatio(strata);
    Double pStd = MantelHaenszel.standardisedBaselineRate(strata);
    long exposed = strata.stream().mapToLong(Stratum::exposed).sum();
    return RowFactory.create(
        t.name(),
        t.position(),
        evidence,
        exposed,
        strata.stream().mapToLong(Stratum::exposedChurned).sum(),
        strata.stream().mapToLong(Stratum::baseline).sum(),
        strata.stream().mapToLong(Stratum::baselineChurned).sum(),
        MantelHaenszel.exposedRate(strata),
        MantelHaenszel.baselineRate(strata),
        pStd,
        MantelHaenszel.crudeRiskRatio(strata),
        mh.riskRatio(),
        mh.lower(),
        mh.upper(),
        mh.informativeStrata(),
        exposedRevenue,
        excess(mh.riskRatio(), pStd, exposedRevenue),
        excess(mh.lower(), pStd, exposedRevenue),
        excess(mh.upper(), pStd, exposedRevenue),
        exposed >= minExposed);
  }

  /** max(0, rr - 1) x p_baseline x 12 x monthly revenue; null when rr or p_baseline is. */
  static Double excess(Double rr, Double baselineRate, double monthlyRevenue) {
    if (rr == null || baselineRate == null) {
      return null;
    }
    return Math.max(0.0, rr - 1.0) * baselineRate * 12.0 * monthlyRevenue;
  }
}

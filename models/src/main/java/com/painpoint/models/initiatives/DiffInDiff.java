package com.painpoint.models.initiatives;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Difference in differences of two rates with a cluster bootstrap interval: how much a rate at a
 * touchpoint changed from before to after a date, minus how much the same rate changed at the
 * control touchpoints over the same days.
 *
 * <p>The data are clusters (customers; an anonymous session is its own cluster), each with counts
 * in four cells: touchpoint before, touchpoint after, control before, control after. A rate is the
 * cells' hits over their rows (sessions with friction over sessions, negative sentences over
 * sentences, churned customers over exposed customers). The interval resamples whole customers, so
 * a customer's many sessions or sentences are not taken as independent: a Poisson(1) bootstrap
 * (each customer's weight drawn from Poisson(1), the streaming form of resampling with replacement)
 * with {@value #REPLICATES} replicates and percentile bounds. It is deterministic for a seed, and
 * the clusters must come in a deterministic order (the caller sorts them).
 *
 * <p>Without a control group ({@code withControl} false) the effect is the plain change at the
 * touchpoint, after minus before.
 */
public final class DiffInDiff {

  /** Bootstrap replicates. */
  public static final int REPLICATES = 1000;

  /** Cell indices into a cluster's arrays. */
  public static final int TP_BEFORE = 0;

  public static final int TP_AFTER = 1;
  public static final int CONTROL_BEFORE = 2;
  public static final int CONTROL_AFTER = 3;

  private DiffInDiff() {}

  /**
   * One customer's counts.
   *
   * @param rows rows per cell (length 4)
   * @param hits hits per cell (length 4), each at most its rows
   */
  public record Cluster(long[] rows, long[] hits) {
    public Cluster {
      if (rows.length != 4 || hits.length != 4) {
        throw new IllegalArgumentException("a cluster has 4 cells");
      }
    }
  }

  /**
   * The estimate.
   *
   * @param rates the four cells' rates (NaN for an empty cell)
   * @param rows the four cells' rows
   * @param hits the four cells' hits
   * @param effect the difference in differences (or the plain change without control)
   * @param low lower 95 % bound (2.5th percentile of the replicates)
   * @param high upper 95 % bound (97.5th percentile)
   */
  public record Estimate(
      double[] rates, long[] rows, long[] hits, double effect, double low, double high) {

    /** Whether the interval lies entirely on one side of zero. */
    public boolean excludesZero() {
      return low > 0 || high < 0;
    }
  }

  /**
   * Estimates the effect and its interval. Every cell the estimate uses must hold rows (the caller
   * checks its minimum first).
   */
  public static Estimate estimate(List<Cluster> clusters, boolean withControl, long seed) {
    long[] rows = new long[4];
    long[] hits = new long[4];
    for (Cluster c : clusters) {
      for (int i = 0; i < 4; i++) {
        rows[i] += c.rows()[i];
        hits[i] += c.hits()[i];
      }
    }
    double[] rates = new double[4];
    for (int i = 0; i < 4; i++) {
      rates[i] = rows[i] == 0 ? Double.NaN : (double) hits[i] / rows[i];
    }
    double effect = effect(rates, withControl);
    double[] replicates = new double[REPLICATES];
    SplittableRandom r = new SplittableRandom(seed);
    double[] wr = new double[4];
    double[] wh = new double[4];
    int kept = 0;
    for (int b = 0; b < REPLICATES; b++) {
      Arrays.fill(wr, 0);
      Arrays.fill(wh, 0);
      for (Cluster c : clusters) {
        int w = poisson1(r);
        if (w == 0) {
          continue;
        }
        for (int i = 0; i < 4; i++) {
          wr[i] += w * c.rows()[i];
          wh[i] += w * c.hits()[i];
        }
      }
      double[] rr = new double[4];
      for (int i = 0; i < 4; i++) {
        rr[i] = wr[i] == 0 ? Double.NaN : wh[i] / wr[i];
      }
      double e = effect(rr, withControl);
      if (!Double.isNaN(e)) {
        replicates[kept++] = e;
      }
    }
    double[] sorted = Arrays.copyOf(replicates, kept);
    Arrays.sort(sorted);
    return new Estimate(
        rates, rows, hits, effect, percentile(sorted, 0.025), percentile(sorted, 0.975));
  }

  private static double effect(double[] rates, boolean withControl) {
    double change = rates[TP_AFTER] - rates[TP_BEFORE];
    return withControl ? change - (rates[CONTROL_AFTER] - rates[CONTROL_BEFORE]) : change;
  }

  /** The q-quantile of sorted values, linear between order statistics; NaN when empty. */
  public static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** Cumulative Poisson(1) probabilities for 0..11; the tail beyond is below 1e-9. */
  private static final double[] POISSON_1_CDF = new double[12];

  static {
    double p = Math.exp(-1);
    double c = 0;
    for (int k = 0; k < POISSON_1_CDF.length; k++) {
      c += p;
      POISSON_1_CDF[k] = c;
      p /= k + 1;
    }
  }

  /** A Poisson(1) draw by inversion. */
  public static int poisson1(SplittableRandom r) {
    double u = r.nextDouble();
    for (int k = 0; k < POISSON_1_CDF.length; k++) {
      if (u < POISSON_1_CDF[k]) {
        return k;
      }
    }
    return POISSON_1_CDF.length;
  }
}

package com.painpoint.models.impact;

import java.util.List;

/**
 * Mantel-Haenszel risk ratio over strata of 2x2 counts, with the Greenland-Robins (1985) variance
 * of its logarithm, the crude risk ratio, and the baseline risk standardised to the exposed.
 *
 * <p>For stratum i with a exposed churners out of n1 exposed, c baseline churners out of n0
 * baseline customers, N = n1 + n0 and M1 = a + c:
 *
 * <pre>
 *   RR_MH       = R / S,   R = sum a n0 / N,   S = sum c n1 / N
 *   Var ln RR   = sum (n1 n0 M1 - a c N) / N^2  /  (R S)
 *   95% CI      = RR_MH * exp(+-1.96 sqrt(Var))
 * </pre>
 *
 * A stratum without exposed or without baseline customers adds nothing to R, S or the variance, so
 * it drops out by itself. Undefined values (no baseline churner anywhere, no exposed churner) are
 * null rather than infinite or zero-width.
 */
public final class MantelHaenszel {
  /** The normal quantile of a two-sided 95% interval. */
  public static final double Z95 = 1.959963984540054;

  /** One stratum's counts. */
  public record Stratum(long exposedChurned, long exposed, long baselineChurned, long baseline) {
    public Stratum {
      if (exposedChurned < 0
          || baselineChurned < 0
          || exposedChurned > exposed
          || baselineChurned > baseline) {
        throw new IllegalArgumentException(
            "stratum counts out of range: exposed "
                + exposedChurned
                + "/"
                + exposed
                + ", baseline "
                + baselineChurned
                + "/"
                + baseline);
      }
    }

    /** True when both groups are present, so the stratum carries information. */
    boolean informative() {
      return exposed > 0 && baseline > 0;
    }
  }

  /**
   * A risk ratio and its interval; any of them null when undefined.
   *
   * @param informativeStrata strata with both exposed and baseline customers
   */
  public record Estimate(Double riskRatio, Double lower, Double upper, int informativeStrata) {}

  private MantelHaenszel() {}

  /** The stratified risk ratio with its 95% interval. */
  public static Estimate riskRatio(List<Stratum> strata) {
    return riskRatio(strata, Z95);
  }

  /** The stratified risk ratio with the interval of the given normal quantile. */
  public static Estimate riskRatio(List<Stratum> strata, double z) {
    double r = 0;
    double s = 0;
    double v = 0;
    int informative = 0;
    for (Stratum st : strata) {
      if (!st.informative()) {
        continue;
      }
      informative++;
      double a = st.exposedChurned();
      double c = st.baselineChurned();
      double n1 = st.exposed();
      double n0 = st.baseline();
      double n = n1 + n0;
      r += a * n0 / n;
      s += c * n1 / n;
      v += (n1 * n0 * (a + c) - a * c * n) / (n * n);
    }
    if (r == 0 || s == 0) {
      // RR is 0 or infinite: neither has a log-scale interval.
      return new Estimate(s > 0 ? 0.0 : null, null, null, informative);
    }
    double rr = r / s;
    double se = Math.sqrt(v / (r * s));
    return new Estimate(rr, rr * Math.exp(-z * se), rr * Math.exp(z * se), informative);
  }

  /** Churn rate of all exposed over churn rate of all baseline customers, ignoring strata. */
  public static Double crudeRiskRatio(List<Stratum> strata) {
    Double pe = exposedRate(strata);
    Double pb = baselineRate(strata);
    return pe == null || pb == null || pb == 0 ? null : pe / pb;
  }

  public static Double exposedRate(List<Stratum> strata) {
    long churned = strata.stream().mapToLong(Stratum::exposedChurned).sum();
    long n = strata.stream().mapToLong(Stratum::exposed).sum();
    return n == 0 ? null : (double) churned / n;
  }

  public static Double baselineRate(List<Stratum> strata) {
    long churned = strata.stream().mapToLong(Stratum::baselineChurned).sum();
    long n = strata.stream().mapToLong(Stratum::baseline).sum();
    return n == 0 ? null : (double) churned / n;
  }

  /**
   * The churn rate the exposed would have had at their strata's baseline rates: sum n1 (c / n0) /
   * sum n1 over informative strata. Unlike the crude baseline rate, it does not move when the
   * exposed sit in segments that churn less (support and enterprise).
   */
  public static Double standardisedBaselineRate(List<Stratum> strata) {
    double expected = 0;
    long exposed = 0;
    for (Stratum st : strata) {
      if (st.informative()) {
        expected += st.exposed() * (double) st.baselineChurned() / st.baseline();
        exposed += st.exposed();
      }
    }
    return exposed == 0 ? null : expected / exposed;
  }
}

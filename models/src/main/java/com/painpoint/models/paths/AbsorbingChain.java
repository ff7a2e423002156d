package com.painpoint.models.paths;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * A Markov chain over journey states estimated from transition counts, with two absorbing states,
 * {@value #CHURN} and {@value #RETAINED}, and a start state {@value #START}. It answers two
 * questions exactly, by absorbing-chain algebra rather than simulation:
 *
 * <ul>
 *   <li>the probability of reaching churn from the start: with Q the transitions among transient
 *       states and r each transient state's one-step probability into churn, the absorption
 *       probabilities solve {@code (I − Q) x = r};
 *   <li>the removal effect of a state s: the relative drop of that probability when s is removed,
 *       every transition into s redirected to {@value #RETAINED} ({@code 1 − P_without_s / P}), as
 *       in attribution's Markov removal effect;
 *   <li>the net effect of s: that removal effect minus the relative drop of the probability of
 *       being retained when the paths through s are cut off (they end in neither outcome). A state
 *       many paths pass carries much of the churn and as much of the retention, so its removal
 *       effect is large whatever it does; its net effect is near zero unless the customers who pass
 *       it churn more (positive) or less (negative) than the rest.
 * </ul>
 *
 * <p>With N = (I − Q)^-1, x = N r_churn and y = N r_retained, cutting off one state s changes the
 * outcome probabilities by the chance of ever reaching s, h = N[start][s] / N[s][s], times the
 * outcome probabilities from s: {@code P' = P − h x_s} (strong Markov property), so one inverse per
 * chain gives every state's effects, and a set's from a solve as small as the set.
 */
public final class AbsorbingChain {

  public static final String START = "(start)";
  public static final String CHURN = "(churn)";
  public static final String RETAINED = "(null)";

  private final List<String> transient_;
  private final Map<String, Integer> index;
  private final double[][] q;
  private final double[] toChurn;
  private final double[] toRetained;
  private RealMatrix fundamental;

  /**
   * What removing a state (or a set of states) does.
   *
   * @param removalEffect relative drop of the churn probability ({@code 1 − P'/P}; 0 without churn)
   * @param retainedDrop relative drop of the probability of being retained when the removed states'
   *     paths end in neither outcome
   * @param netEffect {@code removalEffect − retainedDrop}
   */
  public record Removal(double removalEffect, double retainedDrop, double netEffect) {}

  private AbsorbingChain(List<String> states, double[][] q, double[] toChurn, double[] toRetained) {
    this.transient_ = states;
    this.index = new LinkedHashMap<>();
    for (int i = 0; i < states.size(); i++) {
      index.put(states.get(i), i);
    }
    this.q = q;
    this.toChurn = toChurn;
    this.toRetained = toRetained;
  }

  /**
   * The chain estimated from transition counts {@code from -> (to -> count)}. Every state but the
   * two absorbing ones is transient; a transient state without outgoing counts moves to {@value
   * #RETAINED}.
   */
  public static AbsorbingChain fromCounts(Map<String, Map<String, Long>> counts) {
    Map<String, Map<String, Double>> weights = new LinkedHashMap<>();
    counts.forEach(
        (from, row) -> {
          Map<String, Double> w = new LinkedHashMap<>();
          row.forEach((to, n) -> w.put(to, n.doubleValue()));
          weights.put(from, w);
        });
    return fromWeights(weights);
  }

  /** The chain estimated from (possibly reweighted, fractional) transition counts. */
  public static AbsorbingChain fromWeights(Map<String, Map<String, Double>> counts) {
    List<String> states = new ArrayList<>();
    states.add(START);
    counts.forEach(
        (from, row) -> {
          addTransient(states, from);
          row.keySet().forEach(to -> addTransient(states, to));
        });
    int n = states.size();
    Map<String, Integer> at = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      at.put(states.get(i), i);
    }
    double[][] q = new double[n][n];
    double[] r = new double[n];
    double[] kept = new double[n];
    for (int i = 0; i < n; i++) {
      Map<String, Double> row = counts.getOrDefault(states.get(i), Map.of());
      double total = row.values().stream().mapToDouble(Double::doubleValue).sum();
      if (total == 0) {
        kept[i] = 1;
        continue;
      }
      for (Map.Entry<String, Double> e : row.entrySet()) {
        double p = e.getValue() / total;
        if (CHURN.equals(e.getKey())) {
          r[i] += p;
        } else if (RETAINED.equals(e.getKey())) {
          kept[i] += p;
        } else {
          q[i][at.get(e.getKey())] += p;
        }
      }
    }
    return new AbsorbingChain(List.copyOf(states), q, r, kept);
  }

  private static void addTransient(List<String> states, String s) {
    if (!CHURN.equals(s) && !RETAINED.equals(s) && !states.contains(s)) {
      states.add(s);
    }
  }

  /** The transient states, the start first. */
  public List<String> states() {
    return transient_;
  }

  /** The probability of ending in churn from the start. */
  public double churnProbability() {
    return outcome(toChurn)[0];
  }

  /** The probability of ending retained from the start. */
  public double retainedProbability() {
    return outcome(toRetained)[0];
  }

  /**
   * What removing {@code state} does: its removal effect and net effect, from the chain's one
   * inverse (see the class comment).
   */
  public Removal removal(String state) {
    int s = removable(state);
    RealMatrix n = fundamental();
    double[] x = outcome(toChurn);
    double[] y = outcome(toRetained);
    double reach = n.getEntry(0, s) / n.getEntry(s, s);
    return removal(x[0], y[0], x[0] - reach * x[s], y[0] - reach * y[s]);
  }

  /**
   * What removing every state of {@code states} at once does. The paths that reach the set R first
   * reach it at some s with probability F[start][s] = (N[start][R] N[R][R]^-1)_s, so {@code P' = P
   * − N[start][R] N[R][R]^-1 x_R}: the chain's one inverse and a solve as small as the set.
   */
  public Removal removal(Collection<String> states) {
    List<Integer> set = new ArrayList<>();
    for (String s : states) {
      int i = removable(s);
      if (!set.contains(i)) {
        set.add(i);
      }
    }
    RealMatrix n = fundamental();
    int k = set.size();
    RealMatrix nrr = new Array2DRowRealMatrix(k, k);
    RealVector n0r = new ArrayRealVector(k);
    RealVector xr = new ArrayRealVector(k);
    RealVector yr = new ArrayRealVector(k);
    double[] x = outcome(toChurn);
    double[] y = outcome(toRetained);
    for (int a = 0; a < k; a++) {
      n0r.setEntry(a, n.getEntry(0, set.get(a)));
      xr.setEntry(a, x[set.get(a)]);
      yr.setEntry(a, y[set.get(a)]);
      for (int b = 0; b < k; b++) {
        nrr.setEntry(a, b, n.getEntry(set.get(a), set.get(b)));
      }
    }
    // First-hit probabilities: F N[R][R] = N[start][R], i.e. N[R][R]^T F^T = N[start][R]^T.
    RealVector first = new LUDecomposition(nrr.transpose()).getSolver().solve(n0r);
    return removal(x[0], y[0], x[0] - first.dotProduct(xr), y[0] - first.dotProduct(yr));
  }

  private static Removal removal(double churn, double kept, double churnAfter, double keptAfter) {
    double effect = churn == 0 ? 0 : 1 - churnAfter / churn;
    double keptDrop = kept == 0 ? 0 : 1 - keptAfter / kept;
    return new Removal(effect, keptDrop, effect - keptDrop);
  }

  private int removable(String state) {
    Integer s = index.get(state);
    if (s == null || s == 0) {
      throw new IllegalArgumentException("no removable state '" + state + "' in " + transient_);
    }
    return s;
  }

  private double[] outcome(double[] r) {
    if (r == toChurn && churnAbsorption != null) {
      return churnAbsorption;
    }
    if (r == toRetained && retainedAbsorption != null) {
      return retainedAbsorption;
    }
    double[] out = fundamental().operate(r);
    if (r == toChurn) {
      churnAbsorption = out;
    } else if (r == toRetained) {
      retainedAbsorption = out;
    }
    return out;
  }

  private double[] churnAbsorption;
  private double[] retainedAbsorption;

  /** N = (I − Q)^-1, computed once. */
  private RealMatrix fundamental() {
    if (fundamental == null) {
      try {
        fundamental = new LUDecomposition(system(q, Set.of())).getSolver().getInverse();
      } catch (SingularMatrixException e) {
        throw closedLoop(e);
      }
    }
    return fundamental;
  }

  /**
   * The removal effect of {@code state}: {@code 1 − P(churn | state removed) / P(churn)}; 0 when
   * the chain never reaches churn or never visits the state.
   */
  public double removalEffect(String state) {
    return removal(state).removalEffect();
  }

  /**
   * The redirect effect of {@code state} towards {@code instead}: {@code 1 − P(churn | every
   * transition into state goes to instead) / P(churn)}. For a pain state ({@code billing:pain}
   * towards {@code billing}) it answers "how much churn would go away if that step stopped
   * hurting", which the removal effect does not: removing a state many paths pass also removes the
   * churn that merely flows through it.
   */
  public double redirectEffect(String state, String instead) {
    Integer s = index.get(state);
    Integer t = index.get(instead);
    if (s == null || s == 0 || t == null || t == 0 || s.equals(t)) {
      throw new IllegalArgumentException(
          "cannot redirect '" + state + "' to '" + instead + "' in " + transient_);
    }
    double full = churnProbability();
    if (full == 0) {
      return 0;
    }
    int n = transient_.size();
    double[][] moved = new double[n][];
    for (int i = 0; i < n; i++) {
      moved[i] = q[i].clone();
      moved[i][t] += moved[i][s];
      moved[i][s] = 0;
    }
    return 1 - solve(moved, toChurn, Set.of())[0] / full;
  }

  /** Every transient state's removal effect but the start's, in state order. */
  public Map<String, Double> removalEffects() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String s : transient_.subList(1, transient_.size())) {
      out.put(s, removalEffect(s));
    }
    return out;
  }

  /**
   * Outcome probabilities ({@code r}: one-step probabilities into that outcome) from every
   * transient state with the states {@code removed} made to lead nowhere.
   */
  private double[] solve(double[][] q, double[] r, Set<Integer> removed) {
    RealVector b = new ArrayRealVector(r.length);
    for (int i = 0; i < r.length; i++) {
      if (!removed.contains(i)) {
        b.setEntry(i, r[i]);
      }
    }
    try {
      return new LUDecomposition(system(q, removed)).getSolver().solve(b).toArray();
    } catch (SingularMatrixException e) {
      throw closedLoop(e);
    }
  }

  /** I − Q with the rows of {@code removed} cut off (identity rows). */
  private static RealMatrix system(double[][] q, Set<Integer> removed) {
    int n = q.length;
    RealMatrix a = new Array2DRowRealMatrix(n, n);
    for (int i = 0; i < n; i++) {
      a.setEntry(i, i, 1);
      if (removed.contains(i)) {
        continue;
      }
      for (int j = 0; j < n; j++) {
        if (q[i][j] != 0) {
          a.addToEntry(i, j, -q[i][j]);
        }
      }
    }
    return a;
  }

  private IllegalStateException closedLoop(SingularMatrixException e) {
    return new IllegalStateException(
        "the chain has a closed loop that never reaches churn or (null): " + transient_, e);
  }
}

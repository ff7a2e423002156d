package com.painpoint.models.paths;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *       in attribution's Markov removal effect.
 * </ul>
 */
public final class AbsorbingChain {

  public static final String START = "(start)";
  public static final String CHURN = "(churn)";
  public static final String RETAINED = "(null)";

  private final List<String> transient_;
  private final Map<String, Integer> index;
  private final double[][] q;
  private final double[] toChurn;

  private AbsorbingChain(List<String> states, double[][] q, double[] toChurn) {
    this.transient_ = states;
    this.index = new LinkedHashMap<>();
    for (int i = 0; i < states.size(); i++) {
      index.put(states.get(i), i);
    }
    this.q = q;
    this.toChurn = toChurn;
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
    double[][] q = new double[n][n];
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      Map<String, Double> row = counts.getOrDefault(states.get(i), Map.of());
      double total = row.values().stream().mapToDouble(Double::doubleValue).sum();
      if (total == 0) {
        continue;
      }
      for (Map.Entry<String, Double> e : row.entrySet()) {
        double p = e.getValue() / total;
        if (CHURN.equals(e.getKey())) {
          r[i] += p;
        } else if (!RETAINED.equals(e.getKey())) {
          q[i][states.indexOf(e.getKey())] += p;
        }
      }
    }
    return new AbsorbingChain(List.copyOf(states), q, r);
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
    return absorb(-1)[0];
  }

  /**
   * The removal effect of {@code state}: {@code 1 − P(churn | state removed) / P(churn)}; 0 when
   * the chain never reaches churn or never visits the state.
   */
  public double removalEffect(String state) {
    Integer s = index.get(state);
    if (s == null || s == 0) {
      throw new IllegalArgumentException("no removable state '" + state + "' in " + transient_);
    }
    double full = churnProbability();
    if (full == 0) {
      return 0;
    }
    return 1 - absorb(s)[0] / full;
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
    return 1 - solve(moved, -1)[0] / full;
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
   * Absorption probabilities into churn from every transient state, with state {@code removed} (≥
   * 1) made to lead nowhere but {@value #RETAINED} ({@code -1}: nothing removed). Redirecting every
   * transition into a state to {@value #RETAINED} is the same as that state absorbing into it,
   * which keeps the system square.
   */
  private double[] absorb(int removed) {
    return solve(q, removed);
  }

  private double[] solve(double[][] q, int removed) {
    int n = transient_.size();
    RealMatrix a = new Array2DRowRealMatrix(n, n);
    RealVector b = new ArrayRealVector(n);
    for (int i = 0; i < n; i++) {
      a.setEntry(i, i, 1);
      if (i == removed) {
        continue;
      }
      for (int j = 0; j < n; j++) {
        if (q[i][j] != 0) {
          a.addToEntry(i, j, -q[i][j]);
        }
      }
      b.setEntry(i, toChurn[i]);
    }
    try {
      return new LUDecomposition(a).getSolver().solve(b).toArray();
    } catch (SingularMatrixException e) {
      throw new IllegalStateException(
          "the chain has a closed loop that never reaches churn or (null): " + transient_, e);
    }
  }
}

package com.painpoint.models.themes;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges the sub-clusters of an over-clustered touchpoint into themes: average-linkage
 * agglomeration of the sub-cluster centroids (cosine, weighted by sub-cluster size), joining the
 * most similar pair of groups while it is at least {@code minSimilarity} alike. When more groups
 * remain than allowed, the smallest ones are left out (their sentences go to the touchpoint's
 * {@code other}) rather than forced into a theme they do not belong to.
 *
 * <p>k-means with a generous k separates every wording of a complaint; wordings of the same
 * complaint share words and neighbours, so their centroids sit closer to each other than to another
 * complaint's. Merging them recovers the complaint rather than its phrasings, and the threshold,
 * not a guessed k, decides how many themes there are.
 */
public final class CentroidMerge {
  /** One merge: the two groups joined and their similarity. */
  public record Step(int groups, double similarity) implements java.io.Serializable {}

  /**
   * The result: {@code groupOf[i]} is the theme index (0..k-1, largest theme first) of sub-cluster
   * i, or -1 when it was left out; {@code steps} every merge made.
   */
  public record Merged(int[] groupOf, int k, List<Step> steps) {}

  private CentroidMerge() {}

  public static Merged merge(
      double[][] centers, long[] sizes, double minSimilarity, int maxGroups) {
    int m = centers.length;
    List<Step> steps = new ArrayList<>();
    List<List<Integer>> groups = agglomerate(centers, sizes, minSimilarity, steps, g -> {});
    groups.sort(
        (x, y) -> {
          int c = Long.compare(total(y, sizes), total(x, sizes));
          return c != 0 ? c : Integer.compare(min(x), min(y));
        });
    int[] groupOf = new int[m];
    java.util.Arrays.fill(groupOf, -1);
    int kept = Math.min(maxGroups, groups.size());
    for (int g = 0; g < kept; g++) {
      for (int i : groups.get(g)) {
        groupOf[i] = g;
      }
    }
    return new Merged(groupOf, kept, steps);
  }

  /**
   * Average-linkage agglomeration of the non-empty sub-clusters: joins the most similar pair of
   * groups while it is at least {@code minSimilarity} alike, adding each merge to {@code steps} and
   * showing {@code onLevel} the groups before the first merge and after each one.
   */
  static List<List<Integer>> agglomerate(
      double[][] centers,
      long[] sizes,
      double minSimilarity,
      List<Step> steps,
      java.util.function.Consumer<List<List<Integer>>> onLevel) {
    int m = centers.length;
    double[][] sim = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        sim[i][j] = cosine(centers[i], centers[j]);
      }
    }
    List<List<Integer>> groups = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      if (sizes[i] > 0) {
        groups.add(new ArrayList<>(List.of(i)));
      }
    }
    onLevel.accept(groups);
    while (groups.size() > 1) {
      int bestA = -1;
      int bestB = -1;
      double best = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < groups.size(); a++) {
        for (int b = a + 1; b < groups.size(); b++) {
          double s = linkage(groups.get(a), groups.get(b), sim, sizes);
          if (s > best) {
            best = s;
            bestA = a;
            bestB = b;
          }
        }
      }
      if (best < minSimilarity) {
        break;
      }
      groups.get(bestA).addAll(groups.remove(bestB));
      steps.add(new Step(groups.size(), best));
      onLevel.accept(groups);
    }
    return groups;
  }

  private static double linkage(List<Integer> a, List<Integer> b, double[][] sim, long[] sizes) {
    double s = 0;
    double w = 0;
    for (int i : a) {
      for (int j : b) {
        double ww = (double) sizes[i] * sizes[j];
        s += ww * sim[i][j];
        w += ww;
      }
    }
    return w == 0 ? 0 : s / w;
  }

  private static long total(List<Integer> g, long[] sizes) {
    long t = 0;
    for (int i : g) {
      t += sizes[i];
    }
    return t;
  }

  private static int min(List<Integer> g) {
    int m = Integer.MAX_VALUE;
    for (int i : g) {
      m = Math.min(m, i);
    }
    return m;
  }

  static double cosine(double[] a, double[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}

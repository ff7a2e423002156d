package com.painpoint.models.themes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chooses how many themes a touchpoint has without a similarity threshold: the sub-clusters of an
 * over-clustered touchpoint are merged step by step (average linkage of their centroids, as {@link
 * CentroidMerge}), and the cut whose themes have the highest mean silhouette (cosine) over the
 * sentences wins. Sentences of a would-be theme smaller than the minimum theme size count 0 (they
 * would go to {@code other}), so a cut is not rewarded for splitting off specks.
 *
 * <p>The silhouette needs no pass over the sentences per cut: for unit vectors the mean cosine
 * distance from a sentence x to a group G is {@code 1 - x·S_G / |G|} (S_G the sum of G's vectors),
 * and {@code x·S_G} is the sum of x's dot products with the sums of G's sub-clusters, which one
 * Spark pass collects for every sentence.
 */
public final class SilhouetteCut {
  /**
   * The chosen cut.
   *
   * @param groupOf theme index (0..k-1, largest first) of each sub-cluster
   * @param k number of themes
   * @param silhouette mean silhouette of the chosen cut
   * @param byGroups mean silhouette per number of groups tried (index = groups; NaN where not
   *     tried)
   */
  public record Cut(int[] groupOf, int k, double silhouette, double[] byGroups) {}

  private SilhouetteCut() {}

  /**
   * @param centers unit centroids of the m sub-clusters
   * @param sizes sentences per sub-cluster
   * @param own each sentence's sub-cluster
   * @param dots each sentence's dot products with the m sub-clusters' vector sums
   * @param maxGroups most themes allowed
   * @param minGroupSize a theme smaller than this counts as dissolved
   */
  public static Cut choose(
      double[][] centers,
      long[] sizes,
      int[] own,
      double[][] dots,
      int maxGroups,
      int minGroupSize) {
    int m = centers.length;
    List<int[]> levels = hierarchy(centers, sizes);
    double[] byGroups = new double[m + 1];
    Arrays.fill(byGroups, Double.NaN);
    double best = Double.NEGATIVE_INFINITY;
    int[] bestLabels = null;
    for (int[] labels : levels) {
      int g = Arrays.stream(labels).max().orElse(-1) + 1;
      if (g < 2 || g > maxGroups) {
        continue;
      }
      double s = silhouette(labels, g, sizes, own, dots, minGroupSize);
      byGroups[g] = s;
      // Ties go to fewer themes (levels run from many groups to few).
      if (s >= best) {
        best = s;
        bestLabels = labels;
      }
    }
    if (bestLabels == null) {
      int[] one = new int[m];
      return new Cut(one, 1, 0, byGroups);
    }
    int[] groupOf = largestFirst(bestLabels, sizes, Integer.MAX_VALUE);
    int k = Arrays.stream(groupOf).max().orElse(-1) + 1;
    return new Cut(groupOf, k, best, byGroups);
  }

  /**
   * Every partition of the sub-clusters from the agglomeration ({@link CentroidMerge#agglomerate},
   * run down to one group), from each non-empty sub-cluster alone to one group: {@code labels[i]}
   * is the group of sub-cluster i (0..g-1), -1 for an empty one.
   */
  static List<int[]> hierarchy(double[][] centers, long[] sizes) {
    int m = centers.length;
    List<int[]> levels = new ArrayList<>();
    CentroidMerge.agglomerate(
        centers,
        sizes,
        Double.NEGATIVE_INFINITY,
        new ArrayList<>(),
        groups -> {
          int[] labels = new int[m];
          Arrays.fill(labels, -1);
          for (int g = 0; g < groups.size(); g++) {
            for (int i : groups.get(g)) {
              labels[i] = g;
            }
          }
          levels.add(labels);
        });
    return levels;
  }

  /** Mean silhouette (cosine distance) of the sentences under a grouping of the sub-clusters. */
  static double silhouette(
      int[] labels, int g, long[] sizes, int[] own, double[][] dots, int minGroupSize) {
    long[] groupSize = new long[g];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        groupSize[labels[i]] += sizes[i];
      }
    }
    double total = 0;
    double[] toGroup = new double[g];
    for (int p = 0; p < own.length; p++) {
      Arrays.fill(toGroup, 0);
      for (int j = 0; j < labels.length; j++) {
        if (labels[j] >= 0) {
          toGroup[labels[j]] += dots[p][j];
        }
      }
      int mine = labels[own[p]];
      long n = groupSize[mine];
      if (n < minGroupSize || n < 2) {
        continue; // dissolved or alone: silhouette 0
      }
      double a = 1 - (toGroup[mine] - 1) / (n - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int h = 0; h < g; h++) {
        if (h != mine && groupSize[h] > 0) {
          b = Math.min(b, 1 - toGroup[h] / groupSize[h]);
        }
      }
      double max = Math.max(a, b);
      if (max > 0 && b != Double.POSITIVE_INFINITY) {
        total += (b - a) / max;
      }
    }
    return own.length == 0 ? 0 : total / own.length;
  }

  /**
   * Relabels groups by size, largest first (ties: lowest sub-cluster index first); groups ranked
   * {@code max} or later, and sub-clusters labelled -1, get -1 (their sentences go to other).
   */
  static int[] largestFirst(int[] labels, long[] sizes, int max) {
    int g = Arrays.stream(labels).max().orElse(-1) + 1;
    long[] total = new long[g];
    int[] first = new int[g];
    Arrays.fill(first, Integer.MAX_VALUE);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        total[labels[i]] += sizes[i];
        first[labels[i]] = Math.min(first[labels[i]], i);
      }
    }
    Integer[] order = new Integer[g];
    for (int i = 0; i < g; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (x, y) -> {
          int c = Long.compare(total[y], total[x]);
          return c != 0 ? c : Integer.compare(first[x], first[y]);
        });
    int[] rank = new int[g];
    for (int r = 0; r < g; r++) {
      rank[order[r]] = r;
    }
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      // An empty sub-cluster belongs to no theme (a sentence nearest to it goes to other).
      out[i] = labels[i] < 0 || rank[labels[i]] >= max ? -1 : rank[labels[i]];
    }
    return out;
  }
}

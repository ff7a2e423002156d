package com.painpoint.models.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SilhouetteCutTest {

  /**
   * Points around three directions in 3-d, each over-clustered into two sub-clusters (six in all),
   * plus what the silhouette needs: every point's sub-cluster and dot products with the
   * sub-clusters' sums.
   */
  private record Fixture(double[][] centers, long[] sizes, int[] own, double[][] dots) {}

  private static Fixture threeTopicsInSixSubClusters() {
    double[][] axes = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    SplittableRandom r = new SplittableRandom(7);
    List<double[]> points = new ArrayList<>();
    List<Integer> sub = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      for (int half = 0; half < 2; half++) {
        for (int i = 0; i < 20; i++) {
          double[] p = axes[t].clone();
          // The two halves of a topic lean apart a little; topics are far apart.
          p[(t + 1) % 3] += (half == 0 ? 0.15 : -0.05) + 0.05 * r.nextGaussian();
          p[(t + 2) % 3] += (half == 0 ? -0.05 : 0.15) + 0.05 * r.nextGaussian();
          points.add(TouchpointClusters.unit(p));
          sub.add(2 * t + half);
        }
      }
    }
    int m = 6;
    double[][] sums = new double[m][3];
    long[] sizes = new long[m];
    for (int p = 0; p < points.size(); p++) {
      sizes[sub.get(p)]++;
      for (int d = 0; d < 3; d++) {
        sums[sub.get(p)][d] += points.get(p)[d];
      }
    }
    double[][] centers = new double[m][];
    for (int j = 0; j < m; j++) {
      centers[j] = TouchpointClusters.unit(sums[j]);
    }
    int[] own = sub.stream().mapToInt(i -> i).toArray();
    double[][] dots = new double[points.size()][m];
    for (int p = 0; p < points.size(); p++) {
      for (int j = 0; j < m; j++) {
        for (int d = 0; d < 3; d++) {
          dots[p][j] += points.get(p)[d] * sums[j][d];
        }
      }
    }
    return new Fixture(centers, sizes, own, dots);
  }

  @Test
  void theCutWithTheBestSilhouetteJoinsEachTopicsSubClusters() {
    Fixture f = threeTopicsInSixSubClusters();
    SilhouetteCut.Cut cut = SilhouetteCut.choose(f.centers(), f.sizes(), f.own(), f.dots(), 8, 5);
    assertThat(cut.k()).isEqualTo(3);
    int[] g = cut.groupOf();
    assertThat(g[0]).isEqualTo(g[1]);
    assertThat(g[2]).isEqualTo(g[3]);
    assertThat(g[4]).isEqualTo(g[5]);
    assertThat(new int[] {g[0], g[2], g[4]}).doesNotHaveDuplicates();
    assertThat(cut.silhouette()).isGreaterThan(cut.byGroups()[2]).isGreaterThan(cut.byGroups()[6]);
  }

  @Test
  void aBoundOnThemesIsKept() {
    Fixture f = threeTopicsInSixSubClusters();
    SilhouetteCut.Cut cut = SilhouetteCut.choose(f.centers(), f.sizes(), f.own(), f.dots(), 2, 5);
    assertThat(cut.k()).isEqualTo(2);
    assertThat(Double.isNaN(cut.byGroups()[3])).isTrue();
  }

  @Test
  void hierarchyRunsFromEverySubClusterAloneToOneGroup() {
    Fixture f = threeTopicsInSixSubClusters();
    List<int[]> levels = SilhouetteCut.hierarchy(f.centers(), f.sizes());
    assertThat(levels).hasSize(6);
    assertThat(levels.get(0)).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(levels.get(5)).containsOnly(0);
  }
}

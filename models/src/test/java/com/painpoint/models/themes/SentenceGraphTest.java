package com.painpoint.models.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.junit.jupiter.api.Test;

class SentenceGraphTest {
  /**
   * Three complaints, each written in five wordings of eight sentences (a direction of its own plus
   * one per wording, in a 20-d space), and k-means' sub-clusters each holding some of a complaint's
   * wordings. A sentence's 15 nearest neighbours are the 7 of its wording and 8 of the complaint's
   * other wordings, so a complaint's sub-clusters form one community, and the complaints three.
   */
  @Test
  void subClustersOfOneComplaintFormOneCommunity() {
    Random random = new Random(7);
    List<Vector> vectors = new ArrayList<>();
    List<Integer> atoms = new ArrayList<>();
    for (int complaint = 0; complaint < 3; complaint++) {
      for (int wording = 0; wording < 5; wording++) {
        for (int s = 0; s < 8; s++) {
          double[] v = new double[20];
          v[complaint] = 1.0;
          v[3 + 5 * complaint + wording] = 0.5;
          for (int d = 0; d < v.length; d++) {
            v[d] += 0.02 * random.nextGaussian();
          }
          vectors.add(unit(v));
          // Sub-clusters: wordings 0-2 and 3-4 of each complaint.
          atoms.add(2 * complaint + (wording < 3 ? 0 : 1));
        }
      }
    }
    int[] community =
        SentenceGraph.communities(
            vectors, atoms.stream().mapToInt(i -> i).toArray(), 7, SentenceGraph.NEIGHBOURS, 42L);

    assertThat(community).hasSize(7);
    assertThat(community[0]).isEqualTo(community[1]);
    assertThat(community[2]).isEqualTo(community[3]);
    assertThat(community[4]).isEqualTo(community[5]);
    assertThat(List.of(community[0], community[2], community[4])).doesNotHaveDuplicates();
    // Sub-cluster 6 holds no sentence of the graph: a community of its own.
    assertThat(community[6]).isNotIn(community[0], community[2], community[4]);
  }

  @Test
  void everySentenceIsLinkedToItsNearestNeighboursBothWays() {
    List<Vector> vectors =
        List.of(
            Vectors.dense(1, 0),
            Vectors.dense(0.99, 0.14),
            Vectors.dense(0, 1),
            Vectors.dense(0.14, 0.99));
    nl.cwts.networkanalysis.Network g = SentenceGraph.knnGraph(vectors, 1);
    // 0-1 and 2-3 are mutual nearest neighbours: two edges, each counted once.
    assertThat(g.getNEdges()).isEqualTo(2);
    assertThat(g.getNeighbors(0)).containsExactly(1);
    assertThat(g.getNeighbors(3)).containsExactly(2);
  }

  @Test
  void nearestNeighboursComeMostSimilarFirst() {
    // Unit vectors at 0, 10, 30 and 70 degrees.
    List<Vector> vectors = new ArrayList<>();
    for (double deg : new double[] {0, 10, 30, 70}) {
      vectors.add(Vectors.dense(Math.cos(Math.toRadians(deg)), Math.sin(Math.toRadians(deg))));
    }
    int[][] nearest = SentenceGraph.nearest(vectors, 2);
    assertThat(nearest[0]).containsExactly(1, 2);
    assertThat(nearest[2]).containsExactly(1, 0);
    assertThat(nearest[3]).containsExactly(2, 1);
    // Never more neighbours than there are other vectors.
    assertThat(SentenceGraph.nearest(vectors, 15)[0]).containsExactly(1, 2, 3);
  }

  @Test
  void communitiesAreNumberedLargestFirstAndThoseBeyondTheBoundGoToOther() {
    // Sub-clusters 0..4 in communities 2, 0, 2, 1, 0 with 10, 5, 10, 30, 1 sentences:
    // community 2 holds 20, community 1 30, community 0 6.
    int[] groupOf =
        SilhouetteCut.largestFirst(new int[] {2, 0, 2, 1, 0}, new long[] {10, 5, 10, 30, 1}, 2);
    assertThat(groupOf).containsExactly(1, -1, 1, 0, -1);
  }

  private static Vector unit(double[] v) {
    return Vectors.dense(TouchpointClusters.unit(v));
  }
}

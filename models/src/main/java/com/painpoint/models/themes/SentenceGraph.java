package com.painpoint.models.themes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import nl.cwts.networkanalysis.Clustering;
import nl.cwts.networkanalysis.LeidenAlgorithm;
import nl.cwts.networkanalysis.Network;
import nl.cwts.util.LargeDoubleArray;
import nl.cwts.util.LargeIntArray;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;

/**
 * How many themes a touchpoint has, read from its sentence graph rather than from a similarity
 * threshold: every sentence is linked to its {@code themes.graph_neighbours} (default {@link
 * #NEIGHBOURS}) most similar sentences (cosine), the k-means sub-clusters become the graph's nodes
 * (the links between and within them summed), and the Leiden algorithm (CWTS's implementation)
 * groups the sub-clusters into communities by modularity (resolution 1). Two wordings of one
 * complaint are each other's neighbours far more often than two complaints are, whatever the
 * absolute cosines; modularity compares the links with what the sub-clusters' sizes alone would
 * give. Chosen with {@code themes.theme_count: graph}; what it gains and loses against the merge
 * threshold is measured in the README ("Pain themes").
 */
public final class SentenceGraph {
  /** Neighbours per sentence by default (UMAP's and HDBSCAN's customary 15). */
  public static final int NEIGHBOURS = 15;

  /**
   * Sentences the graph is built on at most; a larger touchpoint is represented by a deterministic
   * subset (the sub-clusters still come from all its sentences).
   */
  public static final int MAX_SENTENCES = 2000;

  private SentenceGraph() {}

  /**
   * The community of every sub-cluster.
   *
   * @param vectors unit-length sentence vectors
   * @param atom the sub-cluster of each sentence (0..atoms-1)
   * @param atoms number of sub-clusters
   * @param neighbours nearest sentences each sentence is linked to
   * @param seed seed of the Leiden algorithm
   * @return community index of each sub-cluster (0..communities-1; a sub-cluster with no sentence
   *     in {@code vectors} is a community of its own)
   */
  public static int[] communities(
      List<Vector> vectors, int[] atom, int atoms, int neighbours, long seed) {
    Network sentences = knnGraph(vectors, Math.min(neighbours, vectors.size() - 1));
    Clustering byAtom = new Clustering(atom);
    Network reduced = sentences.createReducedNetwork(byAtom);
    Clustering c = modularity(reduced, seed);
    boolean[] present = new boolean[atoms];
    for (int a : atom) {
      present[a] = true;
    }
    int[] out = new int[atoms];
    int next = c.getNClusters();
    for (int a = 0; a < atoms; a++) {
      out[a] = present[a] ? c.getCluster(a) : next++;
    }
    return out;
  }

  /** Leiden on modularity (resolution 1), node weights being their degrees. */
  private static Clustering modularity(Network network, long seed) {
    if (network.getTotalEdgeWeight() == 0) {
      // No links (a single sentence): every node is a community of its own.
      Clustering alone = new Clustering(network.getNNodes());
      alone.initSingletonClusters();
      return alone;
    }
    // Modularity with resolution 1 in CWTS's CPM form: 1 / (2 * total edge weight + self links).
    double resolution =
        1.0 / (2 * network.getTotalEdgeWeight() + network.getTotalEdgeWeightSelfLinks());
    LeidenAlgorithm leiden =
        new LeidenAlgorithm(resolution, 50, LeidenAlgorithm.DEFAULT_RANDOMNESS, new Random(seed));
    Clustering c = leiden.findClustering(network);
    c.orderClustersByNNodes();
    return c;
  }

  /**
   * The symmetric k-nearest-neighbour graph of unit vectors (cosine = dot product), each edge of
   * weight 1, built on the driver.
   */
  static Network knnGraph(List<Vector> vectors, int k) {
    int n = vectors.size();
    int[][] nearest = nearest(vectors, k);
    Set<Long> edges = new HashSet<>();
    for (int i = 0; i < n; i++) {
      for (int j : nearest[i]) {
        edges.add(((long) Math.min(i, j) << 32) | Math.max(i, j));
      }
    }
    List<Long> sorted = new ArrayList<>(edges);
    sorted.sort(null);
    int[] from = new int[sorted.size()];
    int[] to = new int[sorted.size()];
    double[] w = new double[sorted.size()];
    for (int e = 0; e < sorted.size(); e++) {
      long key = sorted.get(e);
      from[e] = (int) (key >>> 32);
      to[e] = (int) (key & 0xffffffffL);
      w[e] = 1.0;
    }
    return new Network(
        n,
        true,
        new LargeIntArray[] {new LargeIntArray(from), new LargeIntArray(to)},
        new LargeDoubleArray(w),
        false,
        false);
  }

  /**
   * Each vector's {@code k} most similar other vectors (dot product; unit vectors give the cosine),
   * most similar first, ties to the lower index. Quadratic in the vectors: one vector is spread
   * into a dense array and every other one, sparse or dense, multiplied against it.
   */
  public static int[][] nearest(List<Vector> vectors, int k) {
    int n = vectors.size();
    int kk = Math.max(0, Math.min(k, n - 1));
    int[][] idx = new int[n][];
    double[][] val = new double[n][];
    int dim = 0;
    for (int i = 0; i < n; i++) {
      Vector v = vectors.get(i);
      dim = Math.max(dim, v.size());
      if (v instanceof SparseVector sv) {
        idx[i] = sv.indices();
        val[i] = sv.values();
      } else {
        double[] a = v.toArray();
        idx[i] = new int[a.length];
        for (int j = 0; j < a.length; j++) {
          idx[i][j] = j;
        }
        val[i] = a;
      }
    }
    double[] dense = new double[dim];
    int[][] out = new int[n][];
    int[] best = new int[Math.max(kk, 1)];
    double[] bestSim = new double[Math.max(kk, 1)];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < idx[i].length; p++) {
        dense[idx[i][p]] = val[i][p];
      }
      int found = 0;
      for (int j = 0; j < n && kk > 0; j++) {
        if (j == i) {
          continue;
        }
        double s = 0;
        int[] jx = idx[j];
        double[] jv = val[j];
        for (int p = 0; p < jx.length; p++) {
          s += jv[p] * dense[jx[p]];
        }
        if (found < kk || s > bestSim[found - 1]) {
          int pos = found < kk ? found++ : kk - 1;
          while (pos > 0 && bestSim[pos - 1] < s) {
            bestSim[pos] = bestSim[pos - 1];
            best[pos] = best[pos - 1];
            pos--;
          }
          bestSim[pos] = s;
          best[pos] = j;
        }
      }
      for (int p = 0; p < idx[i].length; p++) {
        dense[idx[i][p]] = 0;
      }
      out[i] = java.util.Arrays.copyOf(best, found);
    }
    return out;
  }
}

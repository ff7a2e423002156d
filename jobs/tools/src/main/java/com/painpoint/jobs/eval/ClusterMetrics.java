package com.painpoint.jobs.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** External clustering metrics against gold labels: NMI (arithmetic mean), ARI and purity. */
public final class ClusterMetrics {
  private ClusterMetrics() {}

  /** Contingency counts: gold label -> cluster -> n. */
  static Map<String, Map<Integer, Integer>> table(List<String> gold, List<Integer> cluster) {
    Map<String, Map<Integer, Integer>> t = new HashMap<>();
    for (int i = 0; i < gold.size(); i++) {
      t.computeIfAbsent(gold.get(i), k -> new HashMap<>()).merge(cluster.get(i), 1, Integer::sum);
    }
    return t;
  }

  /**
   * Labels recovered as clusters: a label is recovered when one cluster holds more than half of its
   * items and that cluster is the largest holder of no other label.
   */
  public static int recovered(List<String> gold, List<Integer> cluster) {
    Map<String, Map<Integer, Integer>> t = table(gold, cluster);
    Map<String, Integer> best = new HashMap<>();
    Map<Integer, Integer> owners = new HashMap<>();
    t.forEach(
        (label, row) -> {
          // The largest holder; ties go to the lowest cluster number.
          int b = -1;
          int most = -1;
          for (Map.Entry<Integer, Integer> c : new java.util.TreeMap<>(row).entrySet()) {
            if (c.getValue() > most) {
              most = c.getValue();
              b = c.getKey();
            }
          }
          best.put(label, b);
          owners.merge(b, 1, Integer::sum);
        });
    int n = 0;
    for (Map.Entry<String, Map<Integer, Integer>> e : t.entrySet()) {
      int b = best.get(e.getKey());
      int total = e.getValue().values().stream().mapToInt(i -> i).sum();
      if (2 * e.getValue().get(b) > total && owners.get(b) == 1) {
        n++;
      }
    }
    return n;
  }

  public static double nmi(List<String> gold, List<Integer> cluster) {
    int n = gold.size();
    Map<String, Integer> a = sizes(gold);
    Map<Integer, Integer> b = sizes(cluster);
    double mi = 0;
    for (Map.Entry<String, Map<Integer, Integer>> row : table(gold, cluster).entrySet()) {
      for (Map.Entry<Integer, Integer> cell : row.getValue().entrySet()) {
        double nij = cell.getValue();
        mi += nij / n * Math.log(n * nij / ((double) a.get(row.getKey()) * b.get(cell.getKey())));
      }
    }
    double ha = entropy(a.values(), n);
    double hb = entropy(b.values(), n);
    return ha + hb == 0 ? 1.0 : 2 * mi / (ha + hb);
  }

  private static double entropy(java.util.Collection<Integer> counts, int n) {
    double h = 0;
    for (int c : counts) {
      double p = (double) c / n;
      h -= p * Math.log(p);
    }
    return h;
  }

  public static double ari(List<String> gold, List<Integer> cluster) {
    int n = gold.size();
    Map<String, Integer> a = sizes(gold);
    Map<Integer, Integer> b = sizes(cluster);
    double index = 0;
    for (Map<Integer, Integer> row : table(gold, cluster).values()) {
      for (int nij : row.values()) {
        index += pairs(nij);
      }
    }
    double sa = a.values().stream().mapToDouble(ClusterMetrics::pairs).sum();
    double sb = b.values().stream().mapToDouble(ClusterMetrics::pairs).sum();
    double expected = sa * sb / pairs(n);
    double max = (sa + sb) / 2;
    return max == expected ? 1.0 : (index - expected) / (max - expected);
  }

  public static double purity(List<String> gold, List<Integer> cluster) {
    Map<Integer, Map<String, Integer>> byCluster = new HashMap<>();
    for (int i = 0; i < gold.size(); i++) {
      byCluster
          .computeIfAbsent(cluster.get(i), k -> new HashMap<>())
          .merge(gold.get(i), 1, Integer::sum);
    }
    int right = 0;
    for (Map<String, Integer> m : byCluster.values()) {
      right += m.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
    return (double) right / gold.size();
  }

  private static <T> Map<T, Integer> sizes(List<T> values) {
    Map<T, Integer> out = new HashMap<>();
    for (T v : values) {
      out.merge(v, 1, Integer::sum);
    }
    return out;
  }

  private static double pairs(int x) {
    return x * (x - 1) / 2.0;
  }
}

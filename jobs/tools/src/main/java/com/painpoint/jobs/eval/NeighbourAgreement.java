package com.painpoint.jobs.eval;

import com.painpoint.models.themes.SentenceGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.linalg.Vector;

/**
 * Whether the vectors can tell the labels apart at all, whatever the clustering: for each text, the
 * share of its {@link SentenceGraph#NEIGHBOURS} nearest texts (cosine, within its group) that carry
 * its label. A label whose texts mostly have neighbours of another label will split or merge under
 * any clustering of these vectors; chance is about the label's share of its group.
 */
final class NeighbourAgreement {
  /**
   * Texts looked at, at most, per group (the first ones given; the scan is quadratic, and
   * eval-themes collects no more than these).
   */
  static final int MAX_TEXTS = 4000;

  /**
   * One label: its texts, their mean agreement, and the label most of its foreign neighbours have.
   */
  record Label(String label, int texts, double agreement, String nearestOther, double otherShare) {}

  private NeighbourAgreement() {}

  /**
   * @param groups group -> its texts' labels and vectors (unit length), in a fixed order
   * @return per label, weakest agreement first
   */
  static List<Label> of(Map<String, List<Map.Entry<String, Vector>>> groups) {
    List<Label> out = new ArrayList<>();
    for (List<Map.Entry<String, Vector>> texts : groups.values()) {
      List<Map.Entry<String, Vector>> used = texts.subList(0, Math.min(MAX_TEXTS, texts.size()));
      List<Vector> vectors = new ArrayList<>();
      used.forEach(e -> vectors.add(e.getValue()));
      int[][] nearest = SentenceGraph.nearest(vectors, SentenceGraph.NEIGHBOURS);
      Map<String, double[]> sums = new LinkedHashMap<>();
      Map<String, Map<String, Integer>> foreign = new TreeMap<>();
      for (int i = 0; i < used.size(); i++) {
        String label = used.get(i).getKey();
        int same = 0;
        for (int j : nearest[i]) {
          String other = used.get(j).getKey();
          if (other.equals(label)) {
            same++;
          } else {
            foreign.computeIfAbsent(label, k -> new TreeMap<>()).merge(other, 1, Integer::sum);
          }
        }
        double[] s = sums.computeIfAbsent(label, k -> new double[2]);
        s[0] += nearest[i].length == 0 ? 1 : (double) same / nearest[i].length;
        s[1]++;
      }
      for (Map.Entry<String, double[]> e : sums.entrySet()) {
        Map<String, Integer> f = foreign.getOrDefault(e.getKey(), Map.of());
        String top = null;
        int topN = 0;
        int all = 0;
        for (Map.Entry<String, Integer> o : f.entrySet()) {
          all += o.getValue();
          if (o.getValue() > topN) {
            top = o.getKey();
            topN = o.getValue();
          }
        }
        out.add(
            new Label(
                e.getKey(),
                (int) e.getValue()[1],
                e.getValue()[0] / e.getValue()[1],
                top,
                all == 0 ? 0 : (double) topN / all));
      }
    }
    out.sort(
        (a, b) ->
            a.agreement() != b.agreement()
                ? Double.compare(a.agreement(), b.agreement())
                : a.label().compareTo(b.label()));
    return out;
  }

  /** Mean agreement over texts. */
  static double mean(List<Label> labels) {
    double s = 0;
    long n = 0;
    for (Label l : labels) {
      s += l.agreement() * l.texts();
      n += l.texts();
    }
    return n == 0 ? 0 : s / n;
  }

  /** The weakest labels, one line each. */
  static String describe(List<Label> labels, int lines) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "neighbour agreement %.4f (share of each text's %d nearest texts with its label;"
                    + " weakest labels:)%n",
                mean(labels),
                SentenceGraph.NEIGHBOURS));
    for (Label l : labels.subList(0, Math.min(lines, labels.size()))) {
      b.append(
          String.format(
              Locale.ROOT,
              "  %-52s %.2f over %d texts%s%n",
              l.label(),
              l.agreement(),
              l.texts(),
              l.nearestOther() == null
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      "; other neighbours mostly %s (%.0f%%)",
                      l.nearestOther(),
                      100 * l.otherShare())));
    }
    return b.toString();
  }
}

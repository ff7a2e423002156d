package com.painpoint.jobs.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.junit.jupiter.api.Test;

class NeighbourAgreementTest {
  /**
   * Two well-separated labels of 20 texts (A around one direction, B around another) and a small
   * label M of 4 texts close to A: A's and B's 15 nearest texts are their own, while M's are its 3
   * others and 12 of A's. A second group holds the same directions and must not count as neighbours
   * of the first.
   */
  @Test
  void eachLabelsShareOfNearestTextsWithItsOwnLabel() {
    Map<String, List<Map.Entry<String, Vector>>> groups = new TreeMap<>();
    List<Map.Entry<String, Vector>> billing = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      billing.add(Map.entry("A", unit(1, 0, 0.002 * i, 0)));
      billing.add(Map.entry("B", unit(0, 1, 0.002 * i, 0)));
    }
    for (int j = 0; j < 4; j++) {
      billing.add(Map.entry("M", unit(1, 0, 0.001 * j, 0.2)));
    }
    groups.put("billing", billing);
    List<Map.Entry<String, Vector>> other = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      other.add(Map.entry("C", unit(1, 0, 0.002 * i, 0)));
    }
    groups.put("other", other);

    List<NeighbourAgreement.Label> labels = NeighbourAgreement.of(groups);

    assertThat(labels)
        .extracting(NeighbourAgreement.Label::label)
        .containsExactly("M", "A", "B", "C");
    NeighbourAgreement.Label m = labels.get(0);
    assertThat(m.texts()).isEqualTo(4);
    assertThat(m.agreement()).isCloseTo(3.0 / 15, within(1e-9));
    assertThat(m.nearestOther()).isEqualTo("A");
    assertThat(m.otherShare()).isEqualTo(1.0);
    assertThat(labels.subList(1, 4)).allSatisfy(l -> assertThat(l.agreement()).isEqualTo(1.0));
    assertThat(NeighbourAgreement.mean(labels))
        .isCloseTo((20 + 20 + 20 + 4 * 0.2) / 64, within(1e-9));
    assertThat(NeighbourAgreement.describe(labels, 1))
        .contains("neighbour agreement 0.9500")
        .contains("M")
        .contains("0.20 over 4 texts; other neighbours mostly A (100%)")
        .doesNotContain("B ");
  }

  private static Vector unit(double... v) {
    double n = 0;
    for (double x : v) {
      n += x * x;
    }
    n = Math.sqrt(n);
    double[] u = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      u[i] = v[i] / n;
    }
    return Vectors.dense(u);
  }
}

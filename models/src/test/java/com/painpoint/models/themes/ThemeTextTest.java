package com.painpoint.models.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Labels, quotes, generic words and centroid merging: the themes stage's pure parts. */
class ThemeTextTest {
  @Test
  void labelJoinsTwoDistinctPhrasesPreferringBigrams() {
    List<String> ranked = List.of("charge", "twice", "charge twice", "plan change", "plan", "bill");
    Map<String, Double> w =
        Map.of(
            "charge",
            1.0,
            "twice",
            0.9,
            "charge twice",
            0.8,
            "plan change",
            0.7,
            "plan",
            0.6,
            "bill",
            0.2);
    assertThat(ThemeTerms.label(ranked, w)).isEqualTo("charge twice · plan change");
  }

  @Test
  void labelKeepsAUnigramWhenNoBigramIsNearlyAsDistinctive() {
    List<String> ranked = List.of("refund", "week", "refund take");
    Map<String, Double> w = Map.of("refund", 1.0, "week", 0.8, "refund take", 0.3);
    assertThat(ThemeTerms.label(ranked, w)).isEqualTo("refund · week");
    assertThat(ThemeTerms.label(List.of(), Map.of())).isEmpty();
  }

  @Test
  void quotesAreCutAtAWordBoundary() {
    String long1 = "The courier left my parcel at the wrong address again and again and again";
    assertThat(ThemeQuotes.cap(long1, 40)).isEqualTo("The courier left my parcel at the wrong…");
    assertThat(ThemeQuotes.cap("  short  ", 40)).isEqualTo("short");
    assertThat(ThemeQuotes.cap(long1, 40).length()).isLessThanOrEqualTo(40);
  }

  @Test
  void wordsSpreadEvenlyOverTouchpointsAreGeneric() {
    Map<String, Long> sizes = Map.of("billing", 100L, "delivery", 200L, "support", 50L);
    assertThat(
            GenericTerms.isGeneric(
                Map.of("awful", 10L, "delivery", 20L, "support", 5L).entrySet().stream()
                    .collect(
                        java.util.stream.Collectors.toMap(
                            e -> e.getKey().equals("awful") ? "billing" : e.getKey(),
                            Map.Entry::getValue)),
                sizes))
        .isTrue();
    assertThat(GenericTerms.isGeneric(Map.of("billing", 40L, "delivery", 1L, "support", 1L), sizes))
        .isFalse();
    assertThat(GenericTerms.isGeneric(Map.of("billing", 2L, "delivery", 1L), sizes)).isFalse();
  }

  @Test
  void similarSubClustersMergeAndTheCapLeavesTheSmallestOut() {
    double[][] centers = {{1, 0, 0}, {0.95, 0.31, 0}, {0, 0, 1}, {0, 0.2, 0.98}, {0, 1, 0}};
    long[] sizes = {10, 20, 5, 30, 8};
    CentroidMerge.Merged m = CentroidMerge.merge(centers, sizes, 0.9, 8);
    assertThat(m.k()).isEqualTo(3);
    assertThat(m.groupOf()[0]).isEqualTo(m.groupOf()[1]);
    assertThat(m.groupOf()[2]).isEqualTo(m.groupOf()[3]);
    assertThat(m.groupOf()[3]).isEqualTo(0); // the largest theme (35 sentences) comes first
    assertThat(m.groupOf()[4]).isEqualTo(2);
    CentroidMerge.Merged capped = CentroidMerge.merge(centers, sizes, 0.9, 2);
    assertThat(capped.k()).isEqualTo(2);
    assertThat(capped.groupOf()).containsExactly(1, 1, 0, 0, -1);
  }
}

package com.painpoint.models.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThemeMatcherTest {
  static final LocalDate DAY1 = LocalDate.of(2026, 6, 30);
  static final LocalDate DAY2 = LocalDate.of(2026, 7, 1);

  static final Map<String, Double> CHARGED = Map.of("charge twice", 1.0, "plan", 0.6, "bill", 0.3);
  static final Map<String, Double> REFUND = Map.of("refund", 1.0, "week", 0.8);
  static final Map<String, Double> MELTED = Map.of("ice pack", 1.0, "melt", 0.9, "warm", 0.5);

  @Test
  void firstRunMakesEveryThemeNewWithIdsByTouchpointDateAndSize() {
    var ids =
        ThemeMatcher.match(
            List.of(
                new ThemeMatcher.Current("billing", 0, REFUND, 40, 0.4),
                new ThemeMatcher.Current("billing", 1, CHARGED, 60, 0.6)),
            List.of(),
            DAY1,
            0.3);
    assertThat(ids.get("billing#1").themeId()).isEqualTo("billing-20260630-1");
    assertThat(ids.get("billing#0").themeId()).isEqualTo("billing-20260630-2");
    assertThat(ids.values()).allMatch(i -> i.status().equals("new") && i.firstSeen().equals(DAY1));
  }

  @Test
  void themesKeepTheirIdAcrossNightsEvenWhenClusterNumbersSwap() {
    List<ThemeMatcher.Previous> previous =
        List.of(
            new ThemeMatcher.Previous("billing-20260630-1", "billing", CHARGED, DAY1, 60, 0.6),
            new ThemeMatcher.Previous("billing-20260630-2", "billing", REFUND, DAY1, 40, 0.4));
    var ids =
        ThemeMatcher.match(
            List.of(
                new ThemeMatcher.Current(
                    "billing", 0, Map.of("charge twice", 0.9, "plan", 0.7), 30, 0.3),
                new ThemeMatcher.Current("billing", 1, REFUND, 45, 0.45),
                new ThemeMatcher.Current("billing", 2, MELTED, 25, 0.25)),
            previous,
            DAY2,
            0.3);
    assertThat(ids.get("billing#0").themeId()).isEqualTo("billing-20260630-1");
    assertThat(ids.get("billing#0").status()).isEqualTo("shrinking");
    assertThat(ids.get("billing#1").themeId()).isEqualTo("billing-20260630-2");
    assertThat(ids.get("billing#1").status()).isEqualTo("persisting");
    assertThat(ids.get("billing#1").firstSeen()).isEqualTo(DAY1);
    assertThat(ids.get("billing#2").themeId()).isEqualTo("billing-20260701-1");
    assertThat(ids.get("billing#2").status()).isEqualTo("new");
  }

  @Test
  void aPreviousThemeIsMatchedOnceAndOnlyWithinItsTouchpoint() {
    List<ThemeMatcher.Previous> previous =
        List.of(new ThemeMatcher.Previous("billing-20260630-1", "billing", REFUND, DAY1, 10, 0.1));
    var ids =
        ThemeMatcher.match(
            List.of(
                new ThemeMatcher.Current("billing", 0, REFUND, 30, 0.3),
                new ThemeMatcher.Current("billing", 1, Map.of("refund", 1.0), 20, 0.2),
                new ThemeMatcher.Current("support", 0, REFUND, 20, 0.2)),
            previous,
            DAY2,
            0.3);
    assertThat(ids.get("billing#0").themeId()).isEqualTo("billing-20260630-1");
    assertThat(ids.get("billing#0").status()).isEqualTo("growing");
    assertThat(ids.get("billing#1").status()).isEqualTo("new");
    assertThat(ids.get("support#0").status()).isEqualTo("new");
  }

  @Test
  void belowTheThresholdAThemeIsNew() {
    var ids =
        ThemeMatcher.match(
            List.of(new ThemeMatcher.Current("delivery", 0, MELTED, 30, 0.3)),
            List.of(
                new ThemeMatcher.Previous(
                    "delivery-20260630-1",
                    "delivery",
                    Map.of("late", 1.0, "warm", 0.1),
                    DAY1,
                    30,
                    0.3)),
            DAY2,
            0.3);
    assertThat(ids.get("delivery#0").status()).isEqualTo("new");
    assertThat(ThemeMatcher.cosine(MELTED, Map.of("late", 1.0, "warm", 0.1))).isLessThan(0.3);
  }
}

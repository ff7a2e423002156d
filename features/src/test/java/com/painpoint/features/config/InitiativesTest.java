package com.painpoint.features.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.painpoint.features.taxonomy.Taxonomy;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitiativesTest {
  static final Taxonomy TAXONOMY =
      Taxonomy.parse(
          "t.yaml",
          """
          touchpoints:
            - {name: checkout, position: 1, owner: sales, url_patterns: ['^/checkout']}
            - {name: delivery, position: 2, owner: logistics, url_patterns: ['^/tracking']}
          """);

  static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);

  @Test
  void anInitiativeBindsWithTheDefaultWindows() {
    Initiatives i =
        Initiatives.parse(
                "i.yaml",
                """
                initiatives:
                  - id: fix-promo
                    touchpoint: checkout
                    friction: Error
                    start: 2026-05-15
                    description: Fix promo codes
                  - id: tracking
                    touchpoint: delivery
                    theme: Courier
                    start: '2026-05-29'
                    description: New tracking page
                    owner: logistics-web
                """)
            .checkedAgainst(TAXONOMY, RUN_DATE, null, "i.yaml");
    assertThat(i.windowDays()).isEqualTo(28);
    assertThat(i.guardDays()).isEqualTo(3);
    assertThat(i.churnFollowUpDays()).isEqualTo(14);
    assertThat(i.minRows()).isEqualTo(30);
    Initiatives.Initiative fix = i.initiatives().get(0);
    assertThat(fix.friction()).isEqualTo("error");
    assertThat(fix.theme()).isNull();
    assertThat(fix.start()).isEqualTo(LocalDate.of(2026, 5, 15));
    assertThat(fix.owner()).as("the touchpoint's owner, filled in later").isNull();
    Initiatives.Initiative tracking = i.initiatives().get(1);
    assertThat(tracking.theme()).isEqualTo("courier");
    assertThat(tracking.owner()).isEqualTo("logistics-web");
    assertThat(i.touchpoints()).containsExactlyInAnyOrder("checkout", "delivery");
  }

  @Test
  void aBadInitiativesFileIsOneErrorNamingTheFileTheInitiativeAndTheField() {
    String ok = "start: 2026-05-15, description: d";
    List<String[]> cases =
        List.of(
            new String[] {
              "initiatives:\n  - {id: a, touchpoint: checkout, friction: crash, " + ok + "}",
              "i.yaml: field 'initiatives[0].friction' must be one of error, rage_click, loop,"
                  + " abandonment, slowness, got 'crash' (initiative 'a')"
            },
            new String[] {
              "initiatives:\n  - {id: b, touchpoint: checkout, start: 15/05/2026, description: d}",
              "i.yaml: field 'initiatives[0].start' must be a date yyyy-MM-dd, got '15/05/2026'"
                  + " (initiative 'b')"
            },
            new String[] {
              "initiatives:\n  - {id: c, touchpoint: checkout, start: 2026-05-15}",
              "i.yaml: field 'initiatives[0].description' is required (what was done)"
                  + " (initiative 'c')"
            },
            new String[] {
              "initiatives:\n  - {id: d, touchpoint: checkout, "
                  + ok
                  + "}\n  - {id: d, touchpoint: delivery, "
                  + ok
                  + "}",
              "i.yaml: field 'initiatives[1].id' 'd' is used by an earlier initiative"
            },
            new String[] {
              "window_days: 0\ninitiatives:\n  - {id: e, touchpoint: checkout, " + ok + "}",
              "i.yaml: field 'window_days' must be from 1 to 366, got 0"
            },
            new String[] {"initiatives: []", "i.yaml: field 'initiatives' must list at least one"});
    for (String[] c : cases) {
      assertThatThrownBy(() -> Initiatives.parse("i.yaml", c[0]))
          .as(c[0])
          .isInstanceOf(PainpointException.class)
          .hasMessageStartingWith(c[1]);
    }
    assertThatThrownBy(
            () ->
                Initiatives.parse(
                    "i.yaml",
                    "initiatives:\n  - {id: f, touchpoint: checkout, " + ok + ", stat: x}"))
        .hasMessageContaining("i.yaml")
        .hasMessageContaining("stat");
    assertThatThrownBy(() -> Initiatives.parse("i.yaml", ""))
        .hasMessageStartingWith("i.yaml: the initiatives file is empty");
  }

  @Test
  void anUnknownTouchpointOrAStartOutsideTheNightIsAConfigError() {
    Initiatives unknown =
        Initiatives.parse(
            "i.yaml",
            "initiatives:\n  - {id: g, touchpoint: chekout, start: 2026-05-15, description: d}");
    assertThatThrownBy(() -> unknown.checkedAgainst(TAXONOMY, RUN_DATE, null, "i.yaml"))
        .isInstanceOf(PainpointException.class)
        .hasMessage(
            "i.yaml: field 'initiatives[0].touchpoint' names 'chekout', not in the taxonomy"
                + " (initiative 'g'); touchpoints: checkout, delivery");
    Initiatives late =
        Initiatives.parse(
            "i.yaml",
            "initiatives:\n  - {id: h, touchpoint: checkout, start: 2026-07-02, description: d}");
    assertThatThrownBy(() -> late.checkedAgainst(TAXONOMY, RUN_DATE, null, "i.yaml"))
        .hasMessage(
            "i.yaml: field 'initiatives[0].start' is 2026-07-02, after the run date 2026-06-30:"
                + " there is no data after it yet (initiative 'h')");
    Initiatives early =
        Initiatives.parse(
            "i.yaml",
            "initiatives:\n  - {id: k, touchpoint: checkout, start: 2026-05-15, description: d}");
    assertThatThrownBy(
            () -> early.checkedAgainst(TAXONOMY, RUN_DATE, LocalDate.of(2026, 6, 1), "i.yaml"))
        .hasMessage(
            "i.yaml: field 'initiatives[0].start' is 2026-05-15, before the night's lookback"
                + " window (from 2026-06-01): there is no data before it (initiative 'k')");
    assertThat(early.checkedAgainst(TAXONOMY, RUN_DATE, null, "i.yaml")).isSameAs(early);
  }
}

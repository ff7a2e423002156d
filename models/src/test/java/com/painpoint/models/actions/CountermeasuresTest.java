package com.painpoint.models.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.painpoint.features.config.Playbook;
import com.painpoint.models.actions.Countermeasures.Countermeasure;
import com.painpoint.models.actions.Countermeasures.FrictionFact;
import com.painpoint.models.actions.Countermeasures.ThemeFact;
import com.painpoint.models.actions.Countermeasures.TouchpointFacts;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Counter-measures on named facts: a checkout with failing payments, abandonment and a rage-click
 * rate below its rule's threshold; a billing with a refunds theme, high negativity and a churn risk
 * ratio whose interval clears 1.2; a search that is only slow.
 */
class CountermeasuresTest {
  static final TouchpointFacts CHECKOUT =
      new TouchpointFacts(
          "checkout",
          2,
          62.7,
          "sales",
          Map.of("error", 0.236, "abandonment", 0.333, "rage_click", 0.02, "loop", 0.0),
          0.22,
          1013L,
          1.83,
          1.59,
          2.12,
          128_642.0,
          90_812.0,
          172_317.0);
  static final TouchpointFacts BILLING =
      new TouchpointFacts(
          "billing",
          1,
          79.9,
          "finance",
          Map.of("error", 0.03),
          0.60,
          638L,
          2.35,
          2.03,
          2.72,
          219_116.0,
          166_981.0,
          279_512.0);
  static final TouchpointFacts SEARCH =
      new TouchpointFacts(
          "search",
          3,
          20.0,
          "product",
          Map.of("slowness", 0.1),
          0.1,
          100L,
          null,
          null,
          null,
          null,
          null,
          null);

  static final List<FrictionFact> FRICTION =
      List.of(
          new FrictionFact(
              "checkout", "error", 2, "/cart", null, "error", 74, 51, 0.30, null, null),
          new FrictionFact(
              "checkout",
              "error",
              1,
              "/checkout/payment",
              502,
              "form_submit",
              172,
              63,
              0.70,
              null,
              null),
          new FrictionFact(
              "checkout",
              "abandonment",
              1,
              "/checkout/payment",
              null,
              null,
              253,
              84,
              1.0,
              null,
              null),
          new FrictionFact(
              "search", "slowness", 1, "/catalog/{id}", null, null, 72, 59, 0.22, 14_058L, 4_000L));

  static final List<ThemeFact> THEMES =
      List.of(
          new ThemeFact(
              "billing",
              "billing-t2",
              2,
              "refunds · still waiting",
              List.of("refund", "weeks"),
              98,
              "growing",
              List.of("Still waiting for my refund.", "Three weeks and no refund.", "x")),
          new ThemeFact(
              "billing",
              "billing-t1",
              1,
              "double · plan change",
              List.of("double", "charge"),
              100,
              "persisting",
              List.of("Charged twice.")));

  static final String PLAYBOOK =
      """
      max_actions: 2
      rules:
        - {id: errors, friction: error, min_rate: 0.05, action: Fix the failing request}
        - {id: rage, friction: rage_click, min_rate: 0.05, action: Fix the control}
        - {id: stops, friction: abandonment, min_rate: 0.10, action: Simplify the step}
        - {id: slow, friction: slowness, action: Speed it up, owner: platform}
        - {id: refunds, theme: refund, min_size: 50, action: Pay refunds faster, touchpoints: [billing]}
        - {id: churn, churn: 1.2, action: Call the at-risk customers}
        - {id: negative, negativity: 0.5, action: Read the feedback}
      """;

  static List<Countermeasure> derive(String playbook) {
    return Countermeasures.derive(
        Playbook.parse("p.yaml", playbook), List.of(SEARCH, CHECKOUT, BILLING), FRICTION, THEMES);
  }

  @Test
  void touchpointsComeInPainOrderWithTheFirstRulesThatFireUpToTheCap() {
    List<Countermeasure> out = derive(PLAYBOOK);
    assertThat(out)
        .extracting(c -> c.at().touchpoint() + "/" + c.actionRank() + "/" + c.rule().id())
        .containsExactly(
            // billing: error rate 3 % < 5 %; the refunds theme and churn fire; the cap stops
            // negativity.
            "billing/1/refunds",
            "billing/2/churn",
            // checkout: errors fire; rage clicks at 2 % do not; abandonment does; cap reached.
            "checkout/1/errors",
            "checkout/2/stops",
            // search: only slowness; no churn interval, negativity below 50 %.
            "search/1/slow");
  }

  @Test
  void frictionEvidenceNamesTheTopUrlAndStatusCode() {
    Countermeasure errors = derive(PLAYBOOK).get(2);
    assertThat(errors.friction().url()).isEqualTo("/checkout/payment");
    assertThat(errors.friction().statusCode()).isEqualTo(502);
    assertThat(errors.rate()).isEqualTo(0.236);
    assertThat(errors.owner()).as("the touchpoint's owner").isEqualTo("sales");
    assertThat(errors.evidence())
        .isEqualTo(
            "error in 23.6% of sessions; most failing: /checkout/payment, mostly HTTP 502 on"
                + " form_submit (172"
                + " failing events, 70% of its errors, 63 customers)");
    Countermeasure slow = derive(PLAYBOOK).get(4);
    assertThat(slow.owner()).as("the rule's owner").isEqualTo("platform");
    assertThat(slow.evidence())
        .isEqualTo(
            "slowness in 10.0% of sessions; slowest: /catalog/{id}, 72 views over 4,000 ms (59"
                + " customers; p95 of all its views 14,058 ms)");
  }

  @Test
  void themeEvidenceIsTheMatchingThemeWithTwoQuotesAndChurnEvidenceHasIntervals() {
    List<Countermeasure> out = derive(PLAYBOOK);
    Countermeasure refunds = out.get(0);
    assertThat(refunds.theme().themeId())
        .as("matched by its top term, not the larger theme")
        .isEqualTo("billing-t2");
    assertThat(refunds.evidence())
        .isEqualTo(
            "theme 'refunds · still waiting': 98 negative sentences, growing; \"Still waiting for"
                + " my refund.\"; \"Three weeks and no refund.\"");
    assertThat(out.get(1).evidence())
        .isEqualTo(
            "customers who met it churn 2.35x as often [95% 2.03-2.72]; excess churned revenue"
                + " 219,116 [166,981-279,512] a month");
    Row row = Countermeasures.toRow(refunds);
    assertThat(row.length()).isEqualTo(Countermeasures.schema().size());
    assertThat(
            row.<String>getAs(Countermeasures.schema().fieldIndex(CountermeasureColumns.QUOTE_2)))
        .isEqualTo("Three weeks and no refund.");
    assertThat(
            row.getDouble(
                Countermeasures.schema().fieldIndex(CountermeasureColumns.REVENUE_AT_STAKE_LOWER)))
        .isEqualTo(166_981.0);
  }

  @Test
  void aThemeRuleBelowItsSizeOrAChurnRuleWithoutAnIntervalDoesNotFire() {
    List<Countermeasure> out =
        derive(
            """
            rules:
              - {id: refunds, theme: refund, min_size: 99, action: a}
              - {id: any, theme: any, min_size: 99, action: b}
              - {id: churn, churn: 2.1, action: c}
            """);
    // billing's largest theme (100) passes "any"; refunds (98) is too small; churn's lower
    // bound 2.03 is under 2.1; checkout and search have no themes, search no risk ratio.
    assertThat(out)
        .extracting(c -> c.at().touchpoint() + "/" + c.rule().id())
        .containsExactly("billing/any");
    assertThat(out.get(0).theme().themeId()).isEqualTo("billing-t1");
  }
}

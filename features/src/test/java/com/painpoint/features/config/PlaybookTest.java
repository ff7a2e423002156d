package com.painpoint.features.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.painpoint.features.taxonomy.Taxonomy;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaybookTest {
  static final Taxonomy TAXONOMY =
      Taxonomy.parse(
          "t.yaml",
          """
          touchpoints:
            - {name: checkout, position: 1, owner: sales, url_patterns: ['^/checkout']}
            - {name: billing, position: 2, owner: finance, url_patterns: ['^/billing']}
          """);

  @Test
  void theDefaultPlaybookShipsOneRulePerEvidenceKindAndFrictionKind() {
    Playbook p = Playbook.defaults().checkedAgainst(TAXONOMY, Playbook.DEFAULT_RESOURCE);
    assertThat(p.maxActions()).isEqualTo(3);
    assertThat(p.rules())
        .extracting(Playbook.Rule::kind)
        .contains(Playbook.FRICTION, Playbook.THEME, Playbook.NEGATIVITY, Playbook.CHURN);
    assertThat(p.rules().stream().map(Playbook.Rule::friction).filter(k -> k != null))
        .containsExactlyInAnyOrder("error", "abandonment", "slowness", "rage_click", "loop");
    Playbook.Rule first = p.rules().get(0);
    assertThat(first.id()).isEqualTo("fix-failing-requests");
    assertThat(first.minRate()).isEqualTo(0.05);
    assertThat(first.owner()).as("the touchpoint's owner").isNull();
  }

  @Test
  void aRuleBindsWithDefaultsAndLimits() {
    Playbook p =
        Playbook.parse(
            "p.yaml",
            """
            max_actions: 2
            rules:
              - id: refunds
                theme: Refund
                action: Pay refunds within 5 days
                owner: finance-ops
                touchpoints: [billing]
            """);
    Playbook.Rule r = p.rules().get(0);
    assertThat(p.maxActions()).isEqualTo(2);
    assertThat(r.kind()).isEqualTo(Playbook.THEME);
    assertThat(r.theme()).isEqualTo("refund");
    assertThat(r.minSize()).isEqualTo(10);
    assertThat(r.owner()).isEqualTo("finance-ops");
    assertThat(r.appliesTo("billing")).isTrue();
    assertThat(r.appliesTo("checkout")).isFalse();
  }

  @Test
  void aBadPlaybookIsOneErrorNamingTheFileTheRuleAndTheField() {
    List<String[]> cases =
        List.of(
            new String[] {
              "rules:\n  - {id: a, friction: crash, action: x}",
              "p.yaml: field 'rules[0].friction' must be one of error, rage_click, loop,"
                  + " abandonment, slowness, got 'crash' (rule 'a')"
            },
            new String[] {
              "rules:\n  - {id: ok, churn: 1.1, action: x}\n  - {id: b, friction: error, churn: 1.2, action: x}",
              "p.yaml: field 'rules[1]' must set exactly one of friction, theme, negativity, churn;"
                  + " it sets 2 (rule 'b')"
            },
            new String[] {
              "rules:\n  - {id: c, negativity: 30, action: x}",
              "p.yaml: field 'rules[0].negativity' must be a share in (0, 1], got 30.0 (rule 'c')"
            },
            new String[] {
              "rules:\n  - {id: d, theme: any}",
              "p.yaml: field 'rules[0].action' is required (what to do) (rule 'd')"
            },
            new String[] {
              "rules:\n  - {id: e, theme: any, action: x}\n  - {id: e, churn: 1.5, action: y}",
              "p.yaml: field 'rules[1].id' 'e' is used by an earlier rule"
            },
            new String[] {
              "rules:\n  - {id: f, theme: any, action: x, team: ops}",
              "p.yaml: field 'rules[0].team' unknown field (known: action, churn, friction, id,"
                  + " min_rate, min_size, negativity, owner, theme, touchpoints)"
            },
            new String[] {
              "max_actions: 0\nrules: []",
              "p.yaml: field 'max_actions' must be between 1 and 10, got 0"
            },
            new String[] {"rules: []", "p.yaml: field 'rules' must list at least one rule"});
    for (String[] c : cases) {
      assertThatThrownBy(() -> Playbook.parse("p.yaml", c[0]))
          .as(c[0])
          .isInstanceOf(PainpointException.class)
          .hasMessage(c[1])
          .extracting(e -> ((PainpointException) e).kind().exitCode())
          .isEqualTo(3);
    }
  }

  @Test
  void aRuleForAnUnknownTouchpointIsRefusedAgainstTheTaxonomy() {
    Playbook p =
        Playbook.parse(
            "p.yaml",
            "rules:\n  - {id: ok, churn: 1.2, action: x}\n"
                + "  - {id: promo, friction: error, action: y, touchpoints: [checkout, chekout]}");
    assertThatThrownBy(() -> p.checkedAgainst(TAXONOMY, "p.yaml"))
        .isInstanceOf(PainpointException.class)
        .hasMessage(
            "p.yaml: field 'rules[1].touchpoints' names [chekout], not in the taxonomy (rule"
                + " 'promo'; touchpoints: billing, checkout)");
  }
}

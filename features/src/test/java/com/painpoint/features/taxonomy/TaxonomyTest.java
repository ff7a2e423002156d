package com.painpoint.features.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.painpoint.features.config.PainpointException;
import org.junit.jupiter.api.Test;

class TaxonomyTest {
  static final String VALID =
      """
      touchpoints:
        - name: cancellation
          position: 9
          owner: service
          url_patterns: ['^/account/cancel']
          outcome: true
        - name: checkout
          position: 2
          owner: sales
          url_patterns: ['^/cart', '^/checkout']
          events: [checkout_start, order_placed]
          keywords: [Checkout, 'promo code']
          start_events: [checkout_start]
          success_events: [order_placed]
          slow_ms: 4000
        - name: discovery
          position: 1
          owner: marketing
          url_patterns: ['^/$', '^/pricing']
      """;

  @Test
  void parsesTouchpointsInFileAndJourneyOrder() {
    Taxonomy t = Taxonomy.parse("taxonomy.yaml", VALID);
    assertThat(t.touchpoints())
        .extracting(Touchpoint::name)
        .containsExactly("cancellation", "checkout", "discovery");
    assertThat(t.inJourneyOrder())
        .extracting(Touchpoint::name)
        .containsExactly("discovery", "checkout", "cancellation");
    Touchpoint checkout = t.find("checkout").orElseThrow();
    assertThat(checkout.keywords()).containsExactly("checkout", "promo code");
    assertThat(checkout.slowMs()).isEqualTo(4000L);
    assertThat(checkout.tracksAbandonment()).isTrue();
    assertThat(t.find("cancellation").orElseThrow().outcome()).isTrue();
    assertThat(t.find("discovery").orElseThrow().slowMs()).isNull();
  }

  private static void assertInvalid(String yaml, String message) {
    assertThatThrownBy(() -> Taxonomy.parse("tax.yaml", yaml))
        .isInstanceOf(PainpointException.class)
        .hasMessage(message)
        .extracting(e -> ((PainpointException) e).kind())
        .isEqualTo(PainpointException.Kind.CONFIG);
  }

  @Test
  void unknownFieldIsNamedWithTheKnownOnes() {
    assertInvalid(
        "touchpoints:\n  - {name: a, position: 1, owner: x, url_pattern: ['/a']}\n",
        "tax.yaml: field 'touchpoints[0].url_pattern' unknown field (known: description, events,"
            + " keywords, name, outcome, owner, position, slow_ms, start_events, success_events,"
            + " url_patterns)");
  }

  @Test
  void invalidRegexIsNamed() {
    assertInvalid(
        "touchpoints:\n  - {name: a, position: 1, owner: x, url_patterns: ['/a[']}\n",
        "taxonomy tax.yaml: touchpoint #1 'a': field 'url_patterns' has an invalid regex '/a[':"
            + " Unclosed character class");
  }

  @Test
  void duplicateNamesAndPositions() {
    assertInvalid(
        "touchpoints:\n  - {name: a, position: 1, owner: x, keywords: [a]}\n"
            + "  - {name: a, position: 2, owner: x, keywords: [b]}\n",
        "taxonomy tax.yaml: touchpoint #2 'a': duplicate name, already used by touchpoint #1");
    assertInvalid(
        "touchpoints:\n  - {name: a, position: 1, owner: x, keywords: [a]}\n"
            + "  - {name: b, position: 1, owner: x, keywords: [b]}\n",
        "taxonomy tax.yaml: touchpoint #2 'b': position 1 is already used by 'a'");
  }

  @Test
  void missingOwnerAndBadNameAndUnrecognisable() {
    assertInvalid(
        "touchpoints:\n  - {name: a, position: 1, keywords: [a]}\n",
        "tax.yaml: field 'touchpoints[0].owner' is required");
    assertInvalid(
        "touchpoints:\n  - {name: Check Out, position: 1, owner: x, keywords: [a]}\n",
        "taxonomy tax.yaml: touchpoint #1 'Check Out': name must be lower_snake_case (letters,"
            + " digits, underscores)");
    assertInvalid(
        "touchpoints:\n  - {name: a, position: 1, owner: x}\n",
        "taxonomy tax.yaml: touchpoint #1 'a': needs at least one of url_patterns, events or"
            + " keywords to be recognised");
  }

  @Test
  void abandonmentNeedsBothEventsAndEventsMapToOneTouchpoint() {
    assertInvalid(
        "touchpoints:\n  - {name: a, position: 1, owner: x, start_events: [s]}\n",
        "taxonomy tax.yaml: touchpoint #1 'a': 'start_events' and 'success_events' must be given"
            + " together (abandonment needs both)");
    assertInvalid(
        "touchpoints:\n  - {name: a, position: 1, owner: x, events: [e]}\n"
            + "  - {name: b, position: 2, owner: x, events: [e]}\n",
        "taxonomy tax.yaml: touchpoint #2 'b': event 'e' is already mapped to touchpoint 'a'");
  }

  @Test
  void emptyOrNotYaml() {
    assertInvalid("", "taxonomy tax.yaml: no touchpoints defined (expected a 'touchpoints:' list)");
    assertInvalid(
        "touchpoints: [\n",
        "tax.yaml: not valid YAML: " + firstLineOfYamlError("touchpoints: [\n"));
    assertInvalid(
        "touchpoints:\n  - {name: a, position: first, owner: x, keywords: [a]}\n",
        "tax.yaml: field 'touchpoints[0].position' must be a whole number, got 'first'");
  }

  private static String firstLineOfYamlError(String yaml) {
    try {
      Taxonomy.parse("tax.yaml", yaml);
      return "";
    } catch (PainpointException e) {
      return e.getMessage().substring("tax.yaml: not valid YAML: ".length());
    }
  }
}

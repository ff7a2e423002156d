package com.painpoint.features.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.painpoint.features.contracts.ClickstreamSchema;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.testing.Fixtures;
import com.painpoint.features.testing.SparkTestBase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The friction evidence on a named fixture: a checkout whose payment call fails for four customers
 * with three 5xx codes (502 most often) and whose promo code fails client-side for two; tracking
 * pages under different order ids; a slow tracking page; checkouts abandoned after the payment page
 * or the cart.
 */
class FrictionEvidenceTest extends SparkTestBase {
  static final Taxonomy TAXONOMY =
      Taxonomy.parse(
          "test-taxonomy",
          """
          touchpoints:
            - name: checkout
              position: 1
              owner: sales
              url_patterns: ['^/cart', '^/checkout']
              start_events: [checkout_start]
              success_events: [order_placed]
              slow_ms: 5000
            - name: delivery
              position: 2
              owner: operations
              url_patterns: ['^/tracking']
              slow_ms: 3000
          """);
  static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
  static final Timestamp AS_OF = Fixtures.ts("2026-06-02T00:00:00Z");
  static final List<Row> EVENTS = new ArrayList<>();
  static List<Row> evidence;
  static int seq;

  static void ev(String customer, long offsetMs, String type, String url, Integer status, Long ms) {
    EVENTS.add(
        RowFactory.create(
            "e" + (seq++),
            customer,
            null,
            null,
            Timestamp.from(T0.plusMillis(offsetMs)),
            type,
            url,
            null,
            status,
            ms));
  }

  @BeforeAll
  static void build() {
    // Payment failures: 502 twice, 503 once, 500 once, for four customers; then they leave.
    int[] codes = {502, 503, 502, 500};
    for (int i = 0; i < codes.length; i++) {
      String c = "pay" + i;
      ev(c, 0, "checkout_start", "/checkout", 200, null);
      ev(c, 1000, "page_view", "/checkout/payment?step=2", 200, 800L);
      ev(c, 2000, "form_submit", "/checkout/payment", codes[i], null);
    }
    // The page logs an error event beside two of the failures: the failing request is still the
    // form_submit.
    ev("pay0", 2100, "error", "/checkout/payment", 502, null);
    ev("pay1", 2100, "error", "/checkout/payment", 503, null);
    // Promo code errors without a status, for two customers who then order.
    for (String c : List.of("promo0", "promo1")) {
      ev(c, 0, "checkout_start", "/cart", 200, null);
      ev(c, 1000, "error", "/cart", null, null);
      ev(c, 2000, "order_placed", "/checkout/confirmation", 200, null);
    }
    // One abandonment right at the cart.
    ev("cartleaver", 0, "checkout_start", "/cart", 200, null);
    // Delivery: two failing tracking pages under different order ids, one slow one, fast ones.
    ev("track0", 0, "page_view", "/tracking/48213?ref=mail", 503, 200L);
    ev("track1", 0, "page_view", "/tracking/10077", 503, 200L);
    ev("slow0", 0, "page_view", "/tracking/555", 200, 9000L);
    for (int i = 0; i < 5; i++) {
      ev("fast" + i, 0, "page_view", "/tracking/" + (900 + i), 200, 400L);
    }
    Dataset<Row> events = spark.createDataFrame(EVENTS, ClickstreamSchema.schema().asNullable());
    Dataset<Row> st =
        Journeys.sessionTouchpoints(events, TAXONOMY, JourneyConfig.DEFAULTS, AS_OF).cache();
    evidence = FrictionEvidence.table(events, st, TAXONOMY, 3).collectAsList();
  }

  static List<Row> rows(String touchpoint, String kind) {
    return evidence.stream()
        .filter(r -> touchpoint.equals(r.getAs("touchpoint")) && kind.equals(r.getAs("kind")))
        .toList();
  }

  @Test
  void errorsAreCountedPerUrlPatternWithTheirMostFrequentStatusCode() {
    List<Row> errors = rows("checkout", "error");
    assertThat(errors).hasSize(2);
    Row pay = errors.get(0);
    assertThat(pay.<Integer>getAs("rank")).isEqualTo(1);
    assertThat(pay.<String>getAs("url")).isEqualTo("/checkout/payment");
    assertThat(pay.<Integer>getAs("status_code")).isEqualTo(502);
    assertThat(pay.<String>getAs("event_type")).isEqualTo("form_submit");
    assertThat(pay.<Long>getAs("events")).isEqualTo(6);
    assertThat(pay.<Long>getAs("customers")).isEqualTo(4);
    assertThat(pay.<Double>getAs("share")).isCloseTo(6 / 8.0, within(1e-9));
    Row promo = errors.get(1);
    assertThat(promo.<String>getAs("url")).isEqualTo("/cart");
    assertThat(promo.<Integer>getAs("status_code"))
        .as("client-side errors have no status")
        .isNull();
    assertThat(promo.<Long>getAs("customers")).isEqualTo(2);
  }

  @Test
  void idSegmentsAndQueriesAreFoldedIntoOnePattern() {
    List<Row> errors = rows("delivery", "error");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).<String>getAs("url")).isEqualTo("/tracking/{id}");
    assertThat(errors.get(0).<Long>getAs("customers")).isEqualTo(2);
    assertThat(errors.get(0).<Integer>getAs("status_code")).isEqualTo(503);
    assertThat(
            spark
                .range(1)
                .select(
                    FrictionEvidence.urlPattern(
                        functions.lit("/orders/3f2a9c1e-77b0-4c7e-9d1a-2b3c4d5e6f70/items/12#top")))
                .first()
                .getString(0))
        .isEqualTo("/orders/{id}/items/{id}");
  }

  @Test
  void slowPagesCarryTheirSlowViewsThresholdAndP95() {
    List<Row> slow = rows("delivery", "slowness");
    assertThat(slow).hasSize(1);
    Row r = slow.get(0);
    assertThat(r.<String>getAs("url")).isEqualTo("/tracking/{id}");
    assertThat(r.<Long>getAs("events")).as("views over 3,000 ms").isEqualTo(1);
    assertThat(r.<Long>getAs("customers")).isEqualTo(1);
    assertThat(r.<Long>getAs("threshold_ms")).isEqualTo(3000);
    // 8 views: 200, 200, 400 x5, 9000; rank 0.95 x 7 = 6.65 -> 400 + 0.65 x 8600 = 5990.
    assertThat(r.<Long>getAs("p95_ms")).as("p95 of all 8 views").isEqualTo(5990);
    assertThat(rows("checkout", "slowness")).as("no checkout view over 5,000 ms").isEmpty();
  }

  @Test
  void abandonedSessionsStopAtTheirLastStep() {
    List<Row> stops = rows("checkout", "abandonment");
    assertThat(stops)
        .extracting(r -> r.<String>getAs("url"))
        .containsExactly("/checkout/payment", "/cart");
    assertThat(stops.get(0).<Long>getAs("customers")).isEqualTo(4);
    assertThat(stops.get(0).<Double>getAs("share")).isCloseTo(0.8, within(1e-9));
    assertThat(stops.get(1).<Long>getAs("customers")).isEqualTo(1);
  }
}

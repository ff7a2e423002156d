package com.painpoint.features.journeys;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JourneysTest extends SparkTestBase {
  static final Taxonomy TAXONOMY =
      Taxonomy.parse(
          "test-taxonomy",
          """
          touchpoints:
            - name: checkout
              position: 2
              owner: sales
              url_patterns: ['^/checkout']
              start_events: [checkout_start]
              success_events: [order_placed]
              slow_ms: 1000
            - name: search
              position: 1
              owner: product
              url_patterns: ['^/search']
            - name: billing
              position: 3
              owner: finance
              url_patterns: ['^/billing']
          """);
  static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
  static final Timestamp AS_OF = Fixtures.ts("2026-06-02T00:00:00Z");

  static final List<Row> EVENTS = new ArrayList<>();
  static Dataset<Row> sessions;
  static List<Row> friction;

  static int seq;

  static void ev(
      String customer,
      String session,
      long offsetMs,
      String type,
      String url,
      String target,
      Integer status,
      Long duration) {
    EVENTS.add(
        RowFactory.create(
            "e" + (seq++),
            customer,
            null,
            session,
            Timestamp.from(T0.plusMillis(offsetMs)),
            type,
            url,
            target,
            status,
            duration));
  }

  static void view(String customer, long offsetMs, String url) {
    ev(customer, null, offsetMs, "page_view", url, null, 200, 100L);
  }

  static long min(long m) {
    return m * 60_000L;
  }

  @BeforeAll
  static void buildFixtures() {
    // Sessionization: no session_id; gaps of 29 min stay, 31 min split.
    view("gap", 0, "/search");
    view("gap", min(10), "/search");
    view("gap", min(39), "/search");
    view("gap", min(70), "/search");
    view("gap", min(80), "/search");
    // A supplied session_id is kept even across a long gap.
    ev("supplied", "s-a", 0, "page_view", "/search", null, 200, 100L);
    ev("supplied", "s-a", min(120), "page_view", "/search", null, 200, 100L);
    // Errors: a 5xx page and an error event.
    ev("err5xx", null, 0, "page_view", "/checkout/pay", null, 503, 100L);
    ev("errevent", null, 0, "error", "https://shop.example.com/search?q=x", null, null, null);
    // Rage clicks: three within 2 s vs three spread over 3 s.
    view("rage", 0, "/checkout");
    ev("rage", null, 1000, "click", "/checkout", "btn-pay", null, null);
    ev("rage", null, 1800, "click", "/checkout", "btn-pay", null, null);
    ev("rage", null, 2900, "click", "/checkout", "btn-pay", null, null);
    view("calm", 0, "/checkout");
    ev("calm", null, 1000, "click", "/checkout", "btn-pay", null, null);
    ev("calm", null, 2500, "click", "/checkout", "btn-pay", null, null);
    ev("calm", null, 4000, "click", "/checkout", "btn-pay", null, null);
    // Loops: checkout visited three times, search twice.
    view("loop", 0, "/checkout");
    view("loop", 10_000, "/search");
    view("loop", 20_000, "/checkout");
    view("loop", 30_000, "/search");
    view("loop", 40_000, "/checkout");
    // Abandonment: started and left; started and bought; started minutes before the window ends.
    ev("abandon", null, 0, "checkout_start", "/checkout", null, 200, null);
    view("abandon", 5000, "/search");
    ev("bought", null, 0, "checkout_start", "/checkout", null, 200, null);
    ev("bought", null, 5000, "order_placed", "/checkout/done", null, 200, null);
    ev("ongoing", null, min(14 * 60 - 10), "checkout_start", "/checkout", null, 200, null);
    // Slowness against checkout's slow_ms of 1000.
    ev("slow", null, 0, "page_view", "/checkout", null, 200, 1500L);
    ev("fast", null, 0, "page_view", "/checkout", null, 200, 900L);
    // Unmapped page: no touchpoint row.
    view("unmapped", 0, "/blog/post");

    Dataset<Row> events = spark.createDataFrame(EVENTS, ClickstreamSchema.schema().asNullable());
    sessions = Journeys.sessionTouchpoints(events, TAXONOMY, JourneyConfig.DEFAULTS, AS_OF).cache();
    friction = JourneyAggregates.touchpointFriction(sessions, TAXONOMY).collectAsList();
  }

  static Row row(String customer, String touchpoint) {
    List<Row> rows =
        sessions
            .filter(col("customer_id").equalTo(customer).and(col("touchpoint").equalTo(touchpoint)))
            .collectAsList();
    assertThat(rows).as(customer + "/" + touchpoint).hasSize(1);
    return rows.get(0);
  }

  static boolean flag(String customer, String touchpoint, String column) {
    return row(customer, touchpoint).<Boolean>getAs(column);
  }

  @Test
  void eventsWithoutSessionIdSplitAtThirtyMinutesOfInactivity() {
    List<Row> rows =
        sessions.filter(col("customer_id").equalTo("gap")).orderBy("start_time").collectAsList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).<Long>getAs("events")).isEqualTo(3L);
    assertThat(rows.get(1).<Long>getAs("events")).isEqualTo(2L);
    assertThat(rows.get(0).<String>getAs("session_key")).isEqualTo("gap|~1");
  }

  @Test
  void suppliedSessionIdIsKept() {
    Row r = row("supplied", "search");
    assertThat(r.<String>getAs("session_key")).isEqualTo("supplied|s-a");
    assertThat(r.<Long>getAs("events")).isEqualTo(2L);
  }

  @Test
  void errorsFromStatusCodeAndErrorEvents() {
    assertThat(flag("err5xx", "checkout", "has_error")).isTrue();
    assertThat(flag("errevent", "search", "has_error")).isTrue();
    assertThat(flag("supplied", "search", "has_error")).isFalse();
  }

  @Test
  void rageClickNeedsThreeClicksOnOneTargetWithinTwoSeconds() {
    assertThat(flag("rage", "checkout", "has_rage_click")).isTrue();
    assertThat(row("rage", "checkout").<Long>getAs("rage_clicks")).isEqualTo(1L);
    assertThat(flag("calm", "checkout", "has_rage_click")).isFalse();
  }

  @Test
  void loopNeedsThreeVisitsInOneSession() {
    assertThat(row("loop", "checkout").<Long>getAs("visits")).isEqualTo(3L);
    assertThat(flag("loop", "checkout", "has_loop")).isTrue();
    assertThat(row("loop", "search").<Long>getAs("visits")).isEqualTo(2L);
    assertThat(flag("loop", "search", "has_loop")).isFalse();
  }

  @Test
  void abandonmentIsStartWithoutSuccessInAnEndedSession() {
    assertThat(flag("abandon", "checkout", "has_abandonment")).isTrue();
    assertThat(flag("bought", "checkout", "has_abandonment")).isFalse();
    assertThat(flag("ongoing", "checkout", "has_abandonment")).isFalse();
  }

  @Test
  void slownessAgainstTheConfiguredLimit() {
    assertThat(flag("slow", "checkout", "has_slowness")).isTrue();
    assertThat(flag("fast", "checkout", "has_slowness")).isFalse();
    assertThat(row("slow", "checkout").<Long>getAs("slow_threshold_ms")).isEqualTo(1000L);
  }

  @Test
  void frictionKindsListEverySignal() {
    assertThat(row("rage", "checkout").<scala.collection.Seq<String>>getAs("friction_kinds"))
        .isNotNull();
    assertThat(
            row("abandon", "checkout")
                .getList(row("abandon", "checkout").fieldIndex("friction_kinds")))
        .containsExactly("abandonment");
    assertThat(
            row("fast", "checkout").getList(row("fast", "checkout").fieldIndex("friction_kinds")))
        .isEmpty();
  }

  @Test
  void urlPatternsOfOneTouchpointRunAsOneAlternation() {
    assertThat(TouchpointMapper.urlRegexes(List.of("^/cart", "^/checkout")))
        .containsExactly("(?:^/cart)|(?:^/checkout)");
    assertThat(TouchpointMapper.urlRegexes(List.of("^/a")).get(0)).isEqualTo("^/a");
    // A back-reference would change meaning once its group number shifts: kept as it is.
    assertThat(TouchpointMapper.urlRegexes(List.of("^/(x)/\\1", "^/y")))
        .containsExactly("^/(x)/\\1", "^/y");
  }

  @Test
  void unmappedEventsGetNoTouchpointRow() {
    assertThat(sessions.filter(col("customer_id").equalTo("unmapped")).count()).isZero();
  }

  @Test
  void perTouchpointTableRanksByFrictionRateAndKeepsIdleTouchpoints() {
    assertThat(friction)
        .extracting(r -> r.<String>getAs("touchpoint"))
        .containsExactly("checkout", "search", "billing");
    Row checkout = friction.get(0);
    // checkout rows: err5xx, rage, calm, loop, abandon, bought, ongoing, slow, fast = 9 sessions,
    // with friction in err5xx, rage, loop, abandon, slow = 5.
    assertThat(checkout.<Long>getAs("sessions")).isEqualTo(9L);
    assertThat(checkout.<Long>getAs("friction_sessions")).isEqualTo(5L);
    assertThat(checkout.<Double>getAs("friction_rate")).isEqualTo(5.0 / 9);
    assertThat(checkout.<Double>getAs("abandonment_rate")).isEqualTo(1.0 / 9);
    assertThat(checkout.<Integer>getAs("friction_rank")).isEqualTo(1);
    Row billing = friction.get(2);
    assertThat(billing.<Long>getAs("sessions")).isZero();
    assertThat(billing.<Double>getAs("friction_rate")).isNull();
  }

  @Test
  void customerExposuresCarryTimeAndKinds() {
    List<Row> exposures =
        JourneyAggregates.customerFriction(sessions, TAXONOMY)
            .filter(col("customer_id").equalTo("slow"))
            .collectAsList();
    assertThat(exposures).hasSize(1);
    assertThat(exposures.get(0).<Timestamp>getAs("exposure_time")).isEqualTo(Timestamp.from(T0));
    assertThat(exposures.get(0).<Boolean>getAs("outcome")).isFalse();
  }
}

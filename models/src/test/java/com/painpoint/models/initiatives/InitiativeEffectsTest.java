package com.painpoint.models.initiatives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.painpoint.features.config.Initiatives;
import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.journeys.JourneyColumns;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.testing.SparkTestBase;
import com.painpoint.models.sentiment.SentimentColumns;
import com.painpoint.models.themes.ThemeColumns;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The initiative stage on a named fixture: 120 customers with two checkout and two search sessions
 * in each window. A fix at checkout from 2026-05-15 cuts the error sessions there from 40 % to 10 %
 * while search's stay at 20 %; delivery, with an initiative of its own, gets much worse at the same
 * time and must stay out of the control group, as must cancellation (an outcome touchpoint).
 * Planted friction effect: exactly -0.30.
 */
class InitiativeEffectsTest extends SparkTestBase {
  static final Taxonomy TAXONOMY =
      Taxonomy.parse(
          "t.yaml",
          """
          touchpoints:
            - {name: search, position: 1, owner: product, url_patterns: ['^/search']}
            - {name: checkout, position: 2, owner: sales, url_patterns: ['^/checkout']}
            - {name: delivery, position: 3, owner: logistics, url_patterns: ['^/tracking']}
            - {name: cancellation, position: 4, owner: service, url_patterns: ['^/cancel'],
               outcome: true}
          """);

  static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 20);

  static final StructType SESSIONS =
      new StructType()
          .add(JourneyColumns.ACTOR_ID, DataTypes.StringType)
          .add(CrmSchema.CUSTOMER_ID, DataTypes.StringType)
          .add(JourneyColumns.TOUCHPOINT, DataTypes.StringType)
          .add(JourneyColumns.START_TIME, DataTypes.TimestampType)
          .add(JourneyColumns.HAS_FRICTION, DataTypes.BooleanType)
          .add(JourneyColumns.HAS_ERROR, DataTypes.BooleanType)
          .add(JourneyColumns.HAS_RAGE_CLICK, DataTypes.BooleanType)
          .add(JourneyColumns.HAS_LOOP, DataTypes.BooleanType)
          .add(JourneyColumns.HAS_ABANDONMENT, DataTypes.BooleanType)
          .add(JourneyColumns.HAS_SLOWNESS, DataTypes.BooleanType);

  static List<InitiativeEffects.Effect> effects;

  static Row session(String customer, String tp, String day, boolean error, boolean slow) {
    return RowFactory.create(
        customer,
        customer,
        tp,
        Timestamp.valueOf(day + " 10:00:00"),
        error || slow,
        error,
        false,
        false,
        false,
        slow);
  }

  @BeforeAll
  static void measure() {
    List<Row> sessions = new ArrayList<>();
    List<Row> customers = new ArrayList<>();
    String[] before = {"2026-04-20", "2026-05-01"};
    String[] after = {"2026-05-20", "2026-06-01"};
    for (int c = 0; c < 120; c++) {
      String id = String.format("c%03d", c);
      // The last 20 customers come back only on 2026-06-10: their 14-day churn follow-up runs
      // past the run date, so their after-window exposures are censored.
      String[] afterDays = c >= 100 ? new String[] {"2026-06-10", "2026-06-10"} : after;
      for (int k = 0; k < 2; k++) {
        int slot = 2 * c + k; // 240 sessions per window and touchpoint
        sessions.add(session(id, "checkout", before[k], slot % 10 < 4, false));
        sessions.add(session(id, "checkout", afterDays[k], slot % 10 < 1, false));
        sessions.add(session(id, "search", before[k], slot % 5 == 0, false));
        sessions.add(session(id, "search", afterDays[k], slot % 5 == 0, false));
      }
      if (c < 10) {
        sessions.add(session(id, "delivery", "2026-05-20", true, false));
      }
      // Cancellation is an outcome touchpoint: never part of the control group.
      if (c < 30) {
        sessions.add(session(id, "cancellation", "2026-05-25", true, false));
      }
      // A quarter churn 2026-04-30, within 14 days of their first before-window exposure.
      customers.add(
          RowFactory.create(id, c % 4 == 0, c % 4 == 0 ? Date.valueOf("2026-04-30") : null));
    }
    StructType crm =
        new StructType()
            .add(CrmSchema.CUSTOMER_ID, DataTypes.StringType)
            .add(CrmSchema.CHURNED, DataTypes.BooleanType)
            .add(CrmSchema.CHURN_DATE, DataTypes.DateType);
    StructType scored =
        new StructType()
            .add(FeedbackSchema.FEEDBACK_ID, DataTypes.StringType)
            .add(FeedbackSchema.CUSTOMER_ID, DataTypes.StringType)
            .add(FeedbackSchema.CREATED_AT, DataTypes.TimestampType)
            .add(SentimentColumns.TOUCHPOINTS, DataTypes.createArrayType(DataTypes.StringType))
            .add(SentimentColumns.SENTIMENT_CLASS, DataTypes.IntegerType)
            .add(ThemeColumns.THEME_IDS, DataTypes.createArrayType(DataTypes.StringType));
    List<Row> sentences = new ArrayList<>();
    for (int c = 0; c < 40; c++) {
      sentences.add(
          RowFactory.create(
              "f" + c,
              String.format("c%03d", c),
              Timestamp.valueOf((c < 20 ? "2026-04-25" : "2026-05-25") + " 09:00:00"),
              List.of("checkout"),
              c % 2,
              c % 2 == 0 ? List.of("t-promo") : null));
    }
    Initiatives cfg =
        Initiatives.parse(
                "i.yaml",
                """
                min_rows: 30
                initiatives:
                  - {id: fix, touchpoint: checkout, friction: error, start: 2026-05-15,
                     description: Payment retries, theme: promo}
                  - {id: tracking, touchpoint: delivery, start: 2026-05-15,
                     description: Tracking page}
                """)
            .checkedAgainst(TAXONOMY, RUN_DATE, null, "i.yaml");
    effects =
        InitiativeEffects.measure(
            cfg,
            TAXONOMY,
            RUN_DATE,
            spark.createDataFrame(sessions, SESSIONS),
            spark.createDataFrame(sentences, scored),
            spark.createDataFrame(customers, crm),
            Map.of("fix", List.of("t-promo")));
  }

  static InitiativeEffects.Effect effect(String id, String metric) {
    return effects.stream()
        .filter(e -> e.initiative().id().equals(id) && e.metric().equals(metric))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theFixAtCheckoutIsMeasuredAgainstTheTouchpointsWithoutAnInitiative() {
    InitiativeEffects.Effect f = effect("fix", InitiativeEffects.FRICTION_RATE);
    assertThat(f.method()).isEqualTo(InitiativeEffects.DIFF_IN_DIFF);
    assertThat(f.rows()).containsExactly(240, 240, 240, 240);
    assertThat(f.rates()[0]).isCloseTo(0.40, within(1e-12));
    assertThat(f.rates()[1]).isCloseTo(0.10, within(1e-12));
    // Control = search only: delivery, which has an initiative, and cancellation, an outcome,
    // stay out with their errors.
    assertThat(f.rates()[2]).isCloseTo(0.20, within(1e-12));
    assertThat(f.rates()[3]).isCloseTo(0.20, within(1e-12));
    assertThat(f.estimate().effect()).isCloseTo(-0.30, within(1e-12));
    assertThat(f.estimate().low()).isLessThan(-0.30);
    assertThat(f.estimate().high()).isBetween(-0.30, 0.0);
    assertThat(f.owner()).as("the taxonomy owner of checkout").isEqualTo("sales");
    assertThat(f.verdict()).startsWith("friction at checkout (error) fell 30.0 points [");
    // Windows: 28 days either side of a 3-day guard, cut to the first session day.
    assertThat(f.windows())
        .isEqualTo(
            new InitiativeEffects.Windows(
                LocalDate.of(2026, 4, 20),
                LocalDate.of(2026, 5, 11),
                LocalDate.of(2026, 5, 18),
                LocalDate.of(2026, 6, 14)));
  }

  @Test
  void churnCountsOnlyCustomersWhoseFollowUpEndedAndCensorsTheRest() {
    InitiativeEffects.Effect c = effect("fix", InitiativeEffects.CHURN_RATE);
    // 120 customers per before cell; 100 per after cell (20 censored at checkout and at search).
    assertThat(c.rows()).containsExactly(120, 100, 120, 100);
    assertThat(c.censored()).isEqualTo(40);
    assertThat(c.rates()[0]).isCloseTo(0.25, within(1e-12));
    assertThat(c.rates()[1]).isZero();
    assertThat(c.estimate().effect()).isCloseTo(0.0, within(1e-12));
    assertThat(c.estimate().excludesZero()).isFalse();
    assertThat(c.verdict()).startsWith("churn among customers exposed at checkout did not");
  }

  @Test
  void tooLittleDataIsSaidWithTheReasonInsteadOfANumber() {
    InitiativeEffects.Effect d = effect("tracking", InitiativeEffects.FRICTION_RATE);
    assertThat(d.measured()).isFalse();
    assertThat(d.reason()).contains("delivery before has 0 rows, fewer than 30");
    assertThat(d.verdict()).startsWith("friction at delivery: too little data to tell (");
    Row row = InitiativeEffects.toRow(d);
    assertThat(row.<String>getAs(InitiativeEffects.STATUS))
        .isEqualTo(InitiativeEffects.TOO_LITTLE_DATA);
    assertThat(row.<Double>getAs(InitiativeEffects.EFFECT)).isNull();
    // 40 sentences about checkout, 20 per window: fewer than 30 per cell.
    assertThat(effect("fix", InitiativeEffects.NEGATIVE_SHARE).reason())
        .contains("checkout before has 20 rows");
  }

  @Test
  void aThemeInitiativeMeasuresItsThemesShareWithoutControl() {
    InitiativeEffects.Effect t = effect("fix", InitiativeEffects.THEME_SHARE);
    assertThat(t.method()).isEqualTo(InitiativeEffects.BEFORE_AFTER);
    assertThat(t.rows()[0]).isEqualTo(20);
    assertThat(t.measured()).as("20 sentences per window < min_rows 30").isFalse();
    assertThat(effects).hasSize(7);
    Dataset<Row> table =
        spark.createDataFrame(
            effects.stream().map(InitiativeEffects::toRow).toList(), InitiativeEffects.schema());
    assertThat(table.filter("status = 'measured'").count()).isEqualTo(2);
  }
}

package com.painpoint.models.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.journeys.JourneyColumns;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.testing.SparkTestBase;
import com.painpoint.models.sentiment.SentimentColumns;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paths on a named fixture of 600 customers, with a planted path effect. Every path passes search
 * (half of the visits with friction; neither changes anything), then billing. A third meet billing
 * with friction; half of those contact support right after and churn at 60 %, the other half at 15
 * %. A quarter of the others contact support too and churn at 15 %, the rest at 10 %: billing pain
 * followed by support churns much more than either alone. A negative feedback text follows billing
 * pain for some who do not contact support; cancellation (an outcome) ends every churner's path and
 * must not become a state.
 */
class PathEffectsTest extends SparkTestBase {
  static final Taxonomy TAXONOMY =
      Taxonomy.parse(
          "t.yaml",
          """
          touchpoints:
            - {name: search, position: 1, owner: product, url_patterns: ['^/search']}
            - {name: billing, position: 2, owner: finance, url_patterns: ['^/billing']}
            - {name: support, position: 3, owner: service, url_patterns: ['^/contact']}
            - {name: cancellation, position: 4, owner: service, url_patterns: ['^/cancel'],
               outcome: true}
          """);

  static PathEffects.Result first;
  static PathEffects.Result second;
  static Dataset<Row> paths;

  static Row visit(String c, String tp, String at, boolean pain) {
    return RowFactory.create(c, tp, Timestamp.valueOf(at), pain);
  }

  @BeforeAll
  static void measure() {
    SplittableRandom r = new SplittableRandom(5);
    List<Row> sessions = new ArrayList<>();
    List<Row> crm = new ArrayList<>();
    List<Row> sentences = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      String c = String.format("c%03d", i);
      boolean billingPain = i % 3 == 0;
      boolean support = billingPain ? i % 2 == 1 : i % 4 == 1;
      sessions.add(visit(c, "search", "2026-05-01 10:00:00", r.nextBoolean()));
      // A second search visit in a row collapses into the first state when it matches.
      sessions.add(visit(c, "search", "2026-05-01 11:00:00", false));
      sessions.add(visit(c, "billing", "2026-05-03 10:00:00", billingPain));
      if (support) {
        sessions.add(visit(c, "support", "2026-05-03 10:30:00", false));
      }
      boolean churned =
          r.nextDouble() < (billingPain && support ? 0.6 : billingPain || support ? 0.15 : 0.1);
      if (churned) {
        sessions.add(visit(c, "cancellation", "2026-05-20 10:00:00", false));
      }
      if (billingPain && i % 6 == 0) {
        sentences.add(RowFactory.create("f" + i, c, Timestamp.valueOf("2026-05-04 09:00:00"), 0));
      }
      crm.add(RowFactory.create(c, churned));
    }
    StructType st =
        new StructType()
            .add(CrmSchema.CUSTOMER_ID, DataTypes.StringType)
            .add(JourneyColumns.TOUCHPOINT, DataTypes.StringType)
            .add(JourneyColumns.START_TIME, DataTypes.TimestampType)
            .add(JourneyColumns.HAS_FRICTION, DataTypes.BooleanType);
    StructType scored =
        new StructType()
            .add(FeedbackSchema.FEEDBACK_ID, DataTypes.StringType)
            .add(FeedbackSchema.CUSTOMER_ID, DataTypes.StringType)
            .add(FeedbackSchema.CREATED_AT, DataTypes.TimestampType)
            .add(SentimentColumns.SENTIMENT_CLASS, DataTypes.IntegerType);
    StructType customers =
        new StructType()
            .add(CrmSchema.CUSTOMER_ID, DataTypes.StringType)
            .add(CrmSchema.CHURNED, DataTypes.BooleanType);
    paths =
        PathEffects.paths(
                spark.createDataFrame(sessions, st),
                spark.createDataFrame(sentences, scored),
                spark.createDataFrame(crm, customers),
                TAXONOMY)
            .cache();
    first = PathEffects.measure(paths, 1, 200, 42);
    second = PathEffects.measure(paths, 2, 200, 42);
  }

  @Test
  void pathsAreStatesInTimeOrderWithRepeatsCollapsedAndNoOutcomeState() {
    List<String> steps =
        paths.filter("customer_id = 'c000'").orderBy("step").collectAsList().stream()
            .map(r -> r.<String>getAs(PathEffects.STATE))
            .toList();
    // c000: billing pain (0 % 3), a negative feedback after it (0 % 6), no support contact, then
    // its end state.
    assertThat(steps.get(steps.size() - 3)).isEqualTo("billing:pain");
    assertThat(steps.get(steps.size() - 2)).isEqualTo(PathEffects.FEEDBACK_NEGATIVE);
    assertThat(steps.get(steps.size() - 1)).isIn(AbsorbingChain.CHURN, AbsorbingChain.RETAINED);
    assertThat(paths.filter("state LIKE 'cancellation%'").count()).isZero();
    // Every customer ends exactly once.
    assertThat(paths.filter("state IN ('(churn)', '(null)')").count()).isEqualTo(600);
  }

  @Test
  void theTopPathIntoChurnPassesBillingPain() {
    List<Row> top = PathEffects.churnPaths(paths, 3, 5).collectAsList();
    assertThat(top).isNotEmpty().hasSizeLessThanOrEqualTo(5);
    assertThat(top.get(0).<String>getAs(PathEffects.PATH)).contains("billing:pain");
    assertThat(top.get(0).<Integer>getAs(PathEffects.RANK)).isEqualTo(1);
    long churned = 0;
    for (Row r : top) {
      assertThat(r.<Double>getAs(PathEffects.CHURN_SHARE))
          .isEqualTo(
              (double) r.<Long>getAs(PathEffects.CHURNED) / r.<Long>getAs(PathEffects.CUSTOMERS));
      assertThat(r.<String>getAs(PathEffects.PATH))
          .doesNotContain("(churn)")
          .doesNotContain("cancellation");
      churned += r.<Long>getAs(PathEffects.CHURNED);
    }
    assertThat(churned).isPositive();
  }

  static Map<String, PathEffects.StateEffect> byState(PathEffects.Result result) {
    return result.states().stream()
        .collect(Collectors.toMap(PathEffects.StateEffect::state, s -> s));
  }

  /**
   * Second order: billing pain followed by support is a chain state of its own, and it has the
   * largest net effect, with its interval above zero; search, on every path, covers zero.
   */
  @Test
  void thePlantedStepPairHasTheLargestNetEffectAndTheCommonNeutralStepCoversZero() {
    PathEffects.StateEffect top = second.states().get(0);
    assertThat(top.state()).isEqualTo("billing:pain > support");
    assertThat(top.kind()).isEqualTo(PathEffects.KIND_PAIR);
    assertThat(top.netLow()).as("its interval above zero").isPositive();
    assertThat(top.customers()).isEqualTo(100);
    assertThat(top.churnShare()).isBetween(0.45, 0.75);
    Map<String, PathEffects.StateEffect> byState = byState(second);
    PathEffects.StateEffect search = byState.get("search");
    assertThat(search.kind()).isEqualTo(PathEffects.KIND_STATE);
    assertThat(search.netLow()).isNegative();
    assertThat(search.netHigh()).as("search changes nothing").isPositive();
    // Its removal effect (transitions to null) is about all churn: churn flowing through it.
    assertThat(search.removalEffect()).isGreaterThan(0.45);
    assertThat(search.customers()).isEqualTo(600);
    assertThat(second.order()).isEqualTo(2);
    assertThat(second.churnProbability()).isCloseTo(first.churnProbability(), within(0.02));
  }

  @Test
  void thePlantedPainHasTheLargestPainEffectAndTheNeutralPainCoversZero() {
    Map<String, PathEffects.StateEffect> byState = byState(first);
    PathEffects.StateEffect billing = byState.get("billing:pain");
    PathEffects.StateEffect search = byState.get("search:pain");
    assertThat(billing.painEffect()).isPositive();
    assertThat(billing.painLow()).as("billing pain's interval above zero").isPositive();
    assertThat(search.painLow()).isNegative();
    assertThat(search.painHigh()).as("search pain changes nothing").isPositive();
    assertThat(billing.painEffect()).isGreaterThan(Math.abs(search.painEffect()));
    assertThat(billing.netLow()).isPositive();
    assertThat(billing.customers()).isEqualTo(200);
    assertThat(billing.churnShare()).isBetween(0.25, 0.5);
    // The removal effect (transitions to null) of a state every path passes is all churn: it
    // measures churn flowing through, not churn caused; its net effect is zero.
    assertThat(byState.get("billing").removalEffect() + billing.removalEffect())
        .isGreaterThan(0.95);
    assertThat(byState.get("billing").painEffect()).isNull();
    assertThat(byState.get("search").netLow()).isNegative();
    assertThat(byState.get("search").netHigh()).isPositive();
    assertThat(first.churnProbability()).isBetween(0.12, 0.30);
  }
}

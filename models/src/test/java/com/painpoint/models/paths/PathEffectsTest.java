package com.painpoint.models.paths;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Paths on a named fixture of 600 customers: every path passes search (half of them with friction,
 * which changes nothing), then billing; a third meet billing with friction and churn at 50 %, the
 * others at 10 %. A negative feedback text follows billing pain for some; cancellation (an outcome)
 * ends every churner's path and must not become a state.
 */
class PathEffectsTest extends SparkTestBase {
  static final Taxonomy TAXONOMY =
      Taxonomy.parse(
          "t.yaml",
          """
          touchpoints:
            - {name: search, position: 1, owner: product, url_patterns: ['^/search']}
            - {name: billing, position: 2, owner: finance, url_patterns: ['^/billing']}
            - {name: cancellation, position: 3, owner: service, url_patterns: ['^/cancel'],
               outcome: true}
          """);

  static PathEffects.Result result;
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
      sessions.add(visit(c, "search", "2026-05-01 10:00:00", r.nextBoolean()));
      // A second search visit in a row collapses into the first state when it matches.
      sessions.add(visit(c, "search", "2026-05-01 11:00:00", false));
      sessions.add(visit(c, "billing", "2026-05-03 10:00:00", billingPain));
      boolean churned = r.nextDouble() < (billingPain ? 0.5 : 0.1);
      if (churned) {
        sessions.add(visit(c, "cancellation", "2026-05-20 10:00:00", false));
      }
      if (billingPain && i % 2 == 0) {
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
    result = PathEffects.measure(paths, 200, 42);
  }

  @Test
  void pathsAreStatesInTimeOrderWithRepeatsCollapsedAndNoOutcomeState() {
    List<String> first =
        paths.filter("customer_id = 'c000'").orderBy("step").collectAsList().stream()
            .map(r -> r.<String>getAs(PathEffects.STATE))
            .toList();
    // c000: billing pain (0 % 3), a negative feedback after it (0 % 2), then its end state.
    assertThat(first.get(first.size() - 3)).isEqualTo("billing:pain");
    assertThat(first.get(first.size() - 2)).isEqualTo(PathEffects.FEEDBACK_NEGATIVE);
    assertThat(first.get(first.size() - 1)).isIn(AbsorbingChain.CHURN, AbsorbingChain.RETAINED);
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

  @Test
  void thePlantedPainHasTheLargestPainEffectAndTheNeutralPainCoversZero() {
    Map<String, PathEffects.StateEffect> byState =
        result.states().stream().collect(Collectors.toMap(PathEffects.StateEffect::state, s -> s));
    PathEffects.StateEffect billing = byState.get("billing:pain");
    PathEffects.StateEffect search = byState.get("search:pain");
    assertThat(billing.painEffect()).isPositive();
    assertThat(billing.painLow()).as("billing pain's interval above zero").isPositive();
    assertThat(search.painLow()).isNegative();
    assertThat(search.painHigh()).as("search pain changes nothing").isPositive();
    assertThat(billing.painEffect()).isGreaterThan(Math.abs(search.painEffect()));
    assertThat(billing.customers()).isEqualTo(200);
    assertThat(billing.churnShare()).isBetween(0.35, 0.65);
    // The removal effect (transitions to null) of a state every path passes is all churn: it
    // measures churn flowing through, not churn caused.
    assertThat(byState.get("billing").removalEffect() + billing.removalEffect())
        .isGreaterThan(0.95);
    assertThat(byState.get("billing").painEffect()).isNull();
    assertThat(result.churnProbability()).isBetween(0.15, 0.30);
  }
}

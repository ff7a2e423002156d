package com.painpoint.models.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.painpoint.features.config.RankingOptions;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.testing.SparkTestBase;
import com.painpoint.models.impact.ImpactColumns;
import com.painpoint.models.impact.TouchpointImpact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The pain score on four touchpoints whose components are set by hand. */
class TouchpointRankingTest extends SparkTestBase {
  static final Taxonomy TAXONOMY =
      Taxonomy.parse(
          "test-taxonomy",
          """
          touchpoints:
            - {name: browse, position: 1, owner: marketing, url_patterns: ['^/b']}
            - {name: pay, position: 2, owner: finance, url_patterns: ['^/p']}
            - {name: ship, position: 3, owner: operations, url_patterns: ['^/s']}
            - {name: help, position: 4, owner: service, url_patterns: ['^/h']}
            - {name: cancel, position: 5, owner: service, url_patterns: ['^/c'], outcome: true}
          """);

  /** An "any" evidence impact row; only the columns the ranking reads carry meaning. */
  static Row impact(String tp, int pos, long exposed, Double rr, Double lower, Double revLower) {
    return RowFactory.create(
        tp,
        pos,
        ImpactColumns.ANY,
        exposed,
        exposed / 2,
        100L,
        20L,
        0.5,
        0.2,
        0.2,
        rr,
        rr,
        lower,
        rr == null ? null : rr + 0.5,
        2,
        1000.0,
        revLower,
        revLower,
        revLower,
        exposed >= 30);
  }

  static Dataset<Row> impacts() {
    return spark.createDataFrame(
        List.of(
            impact("browse", 1, 500, 1.0, 0.8, 0.0),
            impact("pay", 2, 200, 2.5, 2.0, 1000.0),
            impact("ship", 3, 300, 1.5, 1.25, 400.0),
            // Strong but on 10 customers: noise, no churn or revenue credit.
            impact("help", 4, 10, 3.0, 1.5, 800.0)),
        TouchpointImpact.SCHEMA);
  }

  static Dataset<Row> negativity() {
    StructType s =
        new StructType()
            .add(ImpactColumns.TOUCHPOINT, DataTypes.StringType)
            .add(ImpactColumns.SENTENCES, DataTypes.LongType)
            .add(ImpactColumns.NEGATIVE_SENTENCES, DataTypes.LongType)
            .add(ImpactColumns.NEGATIVE_SHARE, DataTypes.DoubleType)
            .add(ImpactColumns.NEGATIVE_SHARE_REWEIGHTED, DataTypes.DoubleType);
    return spark.createDataFrame(
        List.of(
            RowFactory.create("browse", 10L, 1L, 0.1, 0.1),
            RowFactory.create("pay", 10L, 8L, 0.8, 0.8),
            // No writer with a segment: the raw share is used.
            RowFactory.create("ship", 10L, 4L, 0.4, null),
            RowFactory.create("help", 10L, 6L, 0.6, 0.4),
            RowFactory.create("cancel", 10L, 9L, 0.9, 0.9)),
        s);
  }

  static Dataset<Row> friction() {
    StructType s =
        new StructType()
            .add("touchpoint", DataTypes.StringType)
            .add("sessions", DataTypes.LongType)
            .add("friction_sessions", DataTypes.LongType)
            .add("friction_rate", DataTypes.DoubleType);
    return spark.createDataFrame(
        List.of(
            RowFactory.create("browse", 100L, 50L, 0.5),
            RowFactory.create("pay", 100L, 10L, 0.1),
            RowFactory.create("ship", 100L, 0L, 0.0),
            RowFactory.create("help", 100L, 25L, 0.25),
            RowFactory.create("cancel", 100L, 90L, 0.9)),
        s);
  }

  static Dataset<Row> themes() {
    StructType s =
        new StructType()
            .add("touchpoint", DataTypes.StringType)
            .add("theme_id", DataTypes.StringType)
            .add("is_other", DataTypes.BooleanType)
            .add("size", DataTypes.LongType)
            .add("label", DataTypes.StringType);
    return spark.createDataFrame(
        List.of(
            RowFactory.create("pay", "pay-1", false, 5L, "double charge"),
            RowFactory.create("pay", "pay-2", false, 9L, "refund late"),
            RowFactory.create("pay", "pay-o", true, 50L, "other"),
            RowFactory.create("pay", "pay-3", false, 7L, "price rise"),
            RowFactory.create("pay", "pay-4", false, 2L, "invoice missing")),
        s);
  }

  static Map<String, Row> byTouchpoint(Dataset<Row> ranking) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : ranking.collectAsList()) {
      m.put(r.getAs("touchpoint"), r);
    }
    return m;
  }

  static Dataset<Row> rank() {
    return TouchpointRanking.table(
        impacts(), negativity(), friction(), themes(), TAXONOMY, RankingOptions.DEFAULTS);
  }

  @Test
  void scoreIsTheWeightedMeanOfComponentsScaledByTheNightsLargest() {
    Map<String, Row> r = byTouchpoint(rank());
    assertThat(r).doesNotContainKey("cancel");
    Row pay = r.get("pay");
    // negativity 0.8/0.8, friction 0.1/0.5, churn (2.0-1)/(2.0-1), revenue 1000/1000
    assertThat(pay.<Double>getAs("negativity_component")).isCloseTo(1.0, within(1e-9));
    assertThat(pay.<Double>getAs("friction_component")).isCloseTo(0.2, within(1e-9));
    assertThat(pay.<Double>getAs("pain_score"))
        .isCloseTo(100 * (0.25 * 1 + 0.25 * 0.2 + 0.3 * 1 + 0.2 * 1), within(1e-9));
    Row ship = r.get("ship");
    assertThat(ship.<Double>getAs("negative_share_used")).isCloseTo(0.4, within(1e-9));
    assertThat(ship.<Double>getAs("churn_component")).isCloseTo(0.25, within(1e-9));
    assertThat(ship.<Double>getAs("revenue_component")).isCloseTo(0.4, within(1e-9));
    // A lower bound below 1 gives no churn credit, whatever the point estimate.
    assertThat(r.get("browse").<Double>getAs("churn_component")).isZero();
    Row help = r.get("help");
    assertThat(help.<Boolean>getAs("enough_exposed")).isFalse();
    assertThat(help.<Double>getAs("churn_component")).isZero();
    assertThat(help.<Double>getAs("revenue_component")).isZero();
    assertThat(pay.<Integer>getAs("rank")).isEqualTo(1);
    assertThat(pay.<String>getAs("owner")).isEqualTo("finance");
  }

  @Test
  void topThemesAreTheLargestNonOtherLabels() {
    Map<String, Row> r = byTouchpoint(rank());
    assertThat(r.get("pay").<String>getAs("top_themes"))
        .isEqualTo("refund late; price rise; double charge");
    assertThat(r.get("ship").<String>getAs("top_themes")).isEmpty();
  }

  @Test
  void changeIsMeasuredAgainstThePreviousRanking() {
    Dataset<Row> current = rank();
    Dataset<Row> none = TouchpointRanking.withChange(current, null);
    assertThat(none.columns()).contains("previous_rank", "rank_change", "score_delta");
    assertThat(none.collectAsList())
        .allSatisfy(r -> assertThat(r.<Object>getAs("previous_rank")).isNull());

    // Last night pay was 3rd with 10 points less.
    List<Row> prev = new ArrayList<>();
    StructType s =
        new StructType()
            .add("rank", DataTypes.IntegerType)
            .add("touchpoint", DataTypes.StringType)
            .add("pain_score", DataTypes.DoubleType);
    double payScore = byTouchpoint(current).get("pay").getAs("pain_score");
    prev.add(RowFactory.create(3, "pay", payScore - 10));
    Map<String, Row> r =
        byTouchpoint(TouchpointRanking.withChange(current, spark.createDataFrame(prev, s)));
    assertThat(r.get("pay").<Integer>getAs("previous_rank")).isEqualTo(3);
    assertThat(r.get("pay").<Integer>getAs("rank_change")).isEqualTo(2);
    assertThat(r.get("pay").<Double>getAs("score_delta")).isCloseTo(10.0, within(1e-9));
    assertThat(r.get("ship").<Object>getAs("rank_change")).isNull();
  }
}

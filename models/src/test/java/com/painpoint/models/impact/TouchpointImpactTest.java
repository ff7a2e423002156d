package com.painpoint.models.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.customers.CustomerColumns;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.testing.SparkTestBase;
import com.painpoint.models.sentiment.SentimentColumns;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
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
 * The impact stage's Spark side on a customer table built to reproduce {@link MantelHaenszelTest}'s
 * hand example at billing, with its exposed split between text and behaviour evidence.
 */
class TouchpointImpactTest extends SparkTestBase {
  static final Taxonomy TAXONOMY =
      Taxonomy.parse(
          "test-taxonomy",
          """
          touchpoints:
            - name: billing
              position: 1
              owner: finance
              url_patterns: ['^/billing']
            - name: cancellation
              position: 2
              owner: service
              url_patterns: ['^/cancel']
              outcome: true
          """);

  static final StructType CUSTOMERS =
      new StructType()
          .add(CrmSchema.CUSTOMER_ID, DataTypes.StringType)
          .add(CrmSchema.SEGMENT, DataTypes.StringType)
          .add(CrmSchema.CHURNED, DataTypes.BooleanType)
          .add(CrmSchema.MONTHLY_REVENUE, DataTypes.createDecimalType(14, 2))
          .add(CustomerColumns.TENURE_BAND, DataTypes.StringType)
          .add("billing__visits", DataTypes.LongType)
          .add("billing__friction_sessions", DataTypes.LongType)
          .add("billing__negative_sentences", DataTypes.LongType);

  static Map<String, Row> byEvidence;

  static int seq;

  /**
   * n customers of one stratum, churned of them churned; pain: "text", "behaviour", "both" or
   * "none" (visited, no pain), "away" (never visited).
   */
  static void add(List<Row> rows, String segment, String band, int n, int churned, String pain) {
    for (int i = 0; i < n; i++) {
      long visits = "away".equals(pain) || "text".equals(pain) ? 0 : 2;
      long friction = "behaviour".equals(pain) || "both".equals(pain) ? 1 : 0;
      long negative = "text".equals(pain) || "both".equals(pain) ? 2 : 0;
      rows.add(
          RowFactory.create(
              "c" + seq++,
              segment,
              i < churned,
              new java.math.BigDecimal("10.00"),
              band,
              visits,
              friction,
              negative));
    }
  }

  @BeforeAll
  static void build() {
    List<Row> rows = new ArrayList<>();
    // Stratum consumer|0-6m: exposed 10/50 (text 4/20, behaviour 4/20, both 2/10), baseline 5/50.
    add(rows, "consumer", "0-6m", 20, 4, "text");
    add(rows, "consumer", "0-6m", 20, 4, "behaviour");
    add(rows, "consumer", "0-6m", 10, 2, "both");
    add(rows, "consumer", "0-6m", 50, 5, "none");
    // Stratum smb|24m+: exposed 8/20 (all behaviour), baseline 12/80.
    add(rows, "smb", "24m+", 20, 8, "behaviour");
    add(rows, "smb", "24m+", 80, 12, "none");
    // Never visited: in neither arm. Unknown outcome: left out.
    add(rows, "consumer", "0-6m", 30, 15, "away");
    rows.add(RowFactory.create("u1", "consumer", null, null, "0-6m", 1L, 1L, 1L));
    Dataset<Row> customers = spark.createDataFrame(rows, CUSTOMERS);
    byEvidence = new HashMap<>();
    for (Row r :
        TouchpointImpact.table(ImpactStrata.counts(customers, TAXONOMY), TAXONOMY, 25)
            .collectAsList()) {
      byEvidence.put(r.<String>getAs("touchpoint") + "/" + r.getAs("evidence"), r);
    }
  }

  static double d(Row r, String c) {
    return r.<Double>getAs(c);
  }

  @Test
  void anyEvidenceReproducesTheHandExample() {
    Row any = byEvidence.get("billing/any");
    assertThat(any.<Long>getAs("exposed_customers")).isEqualTo(70);
    assertThat(any.<Long>getAs("exposed_churned")).isEqualTo(18);
    assertThat(any.<Long>getAs("baseline_customers")).isEqualTo(130);
    assertThat(any.<Long>getAs("baseline_churned")).isEqualTo(17);
    assertThat(d(any, "crude_rr")).isCloseTo(1.966387, within(1e-6));
    assertThat(d(any, "mh_rr")).isCloseTo(2.326531, within(1e-6));
    assertThat(d(any, "mh_rr_lower")).isCloseTo(1.258514, within(1e-6));
    assertThat(d(any, "mh_rr_upper")).isCloseTo(4.300900, within(1e-6));
    assertThat(any.<Integer>getAs("strata")).isEqualTo(2);
    assertThat(d(any, "baseline_churn_rate_standardised")).isCloseTo(8.0 / 70, within(1e-12));
    assertThat(d(any, "exposed_monthly_revenue")).isCloseTo(700.0, within(1e-9));
    // (2.326531 - 1) x (8/70) x 12 x 700 = 1273.47; bounds with 1.258514 and 4.300900.
    assertThat(d(any, "excess_churned_revenue")).isCloseTo(1273.469, within(1e-3));
    assertThat(d(any, "excess_churned_revenue_lower")).isCloseTo(248.173, within(1e-3));
    assertThat(d(any, "excess_churned_revenue_upper")).isCloseTo(3168.864, within(1e-3));
    assertThat(any.<Boolean>getAs("enough_exposed")).isTrue();
  }

  @Test
  void evidenceKindsShareOneBaselineAndSmallGroupsAreFlagged() {
    Row text = byEvidence.get("billing/text");
    Row behaviour = byEvidence.get("billing/behaviour");
    Row both = byEvidence.get("billing/both");
    assertThat(text.<Long>getAs("exposed_customers")).isEqualTo(30);
    assertThat(behaviour.<Long>getAs("exposed_customers")).isEqualTo(50);
    assertThat(both.<Long>getAs("exposed_customers")).isEqualTo(10);
    assertThat(List.of(text, behaviour, both))
        .allSatisfy(r -> assertThat(r.<Long>getAs("baseline_customers")).isEqualTo(130));
    // Text evidence sits in one stratum only: RR = (6/30) / (5/50) = 2 there.
    assertThat(d(text, "mh_rr")).isCloseTo(2.0, within(1e-9));
    assertThat(both.<Boolean>getAs("enough_exposed")).isFalse();
  }

  @Test
  void outcomeTouchpointsGetNoRow() {
    assertThat(byEvidence.keySet())
        .containsExactlyInAnyOrder(
            "billing/any", "billing/text", "billing/behaviour", "billing/both");
  }

  @Test
  void negativityIsReweightedToTheCrmSegmentMix() {
    StructType crmSchema =
        new StructType()
            .add(CrmSchema.CUSTOMER_ID, DataTypes.StringType)
            .add(CrmSchema.SEGMENT, DataTypes.StringType);
    Dataset<Row> crm =
        spark.createDataFrame(
            List.of(
                RowFactory.create("c1", "consumer"),
                RowFactory.create("c2", "consumer"),
                RowFactory.create("c3", "consumer"),
                RowFactory.create("e1", "enterprise")),
            crmSchema);
    StructType sentenceSchema =
        new StructType()
            .add("customer_id", DataTypes.StringType)
            .add("created_at", DataTypes.TimestampType)
            .add(SentimentColumns.SENTIMENT_CLASS, DataTypes.IntegerType)
            .add(SentimentColumns.TOUCHPOINTS, DataTypes.createArrayType(DataTypes.StringType));
    List<Row> sentences = new ArrayList<>();
    Timestamp t = Timestamp.valueOf("2026-06-01 10:00:00");
    for (int i = 0; i < 8; i++) {
      sentences.add(RowFactory.create("e1", t, i < 6 ? 0 : 3, new String[] {"billing"}));
    }
    sentences.add(RowFactory.create("c1", t, 3, new String[] {"billing"}));
    sentences.add(RowFactory.create("c1", t, 4, new String[] {"billing"}));
    sentences.add(RowFactory.create(null, t, 1, new String[] {"billing"}));
    sentences.add(RowFactory.create(null, t, 1, new String[] {"billing", "unattributed"}));
    sentences.add(RowFactory.create("c2", t, -1, new String[] {"billing"}));
    Row billing =
        SegmentNegativity.table(spark.createDataFrame(sentences, sentenceSchema), crm, TAXONOMY)
            .collectAsList()
            .get(0);
    assertThat(billing.<Long>getAs("sentences")).isEqualTo(12);
    assertThat(d(billing, "negative_share")).isCloseTo(8.0 / 12, within(1e-12));
    assertThat(billing.<Long>getAs("writers")).isEqualTo(2);
    assertThat(d(billing, "customer_negative_share")).isCloseTo(0.6, within(1e-12));
    // Consumers are 3/4 of the CRM and wrote nothing negative; enterprise (1/4) 6 of 8.
    assertThat(d(billing, "negative_share_reweighted")).isCloseTo(0.25 * 0.75, within(1e-12));
    assertThat(d(billing, "population_covered")).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void featureTableReadsTheSentimentStagesColumnNames() {
    assertThat(CustomerColumns.SENTENCE_CLASS).isEqualTo(SentimentColumns.SENTIMENT_CLASS);
    assertThat(CustomerColumns.SENTENCE_SCORE).isEqualTo(SentimentColumns.SCORE);
    assertThat(CustomerColumns.SENTENCE_TOUCHPOINTS).isEqualTo(SentimentColumns.TOUCHPOINTS);
  }
}

package com.painpoint.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import com.painpoint.features.testing.SparkTestBase;
import com.painpoint.jobs.results.SentimentFigures.ScoreAgreement;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Text sentiment against NPS/CSAT scores: per text once, per touchpoint the text talks about. */
class SentimentScoreAgreementTest extends SparkTestBase {
  private static final StructType SCHEMA =
      new StructType()
          .add("feedback_id", DataTypes.StringType)
          .add("touchpoints", DataTypes.createArrayType(DataTypes.StringType))
          .add("explicit_score", DataTypes.DoubleType)
          .add("text_score", DataTypes.DoubleType)
          .add("flags", DataTypes.createArrayType(DataTypes.StringType));

  private static Row row(String id, List<String> tps, Double x, Double y, List<String> flags) {
    return RowFactory.create(
        id,
        scala.jdk.javaapi.CollectionConverters.asScala(tps).toSeq(),
        x,
        y,
        scala.jdk.javaapi.CollectionConverters.asScala(flags).toSeq());
  }

  @Test
  void correlatesEachTextOnceAndCountsContradictions() {
    List<Row> rows =
        List.of(
            // f1 has two sentences: one text, counted once
            row("f1", List.of("billing"), -1.0, -0.8, List.of()),
            row("f1", List.of("billing"), -1.0, -0.8, List.of()),
            row("f2", List.of("billing", "support"), 1.0, 0.6, List.of()),
            row("f3", List.of("support"), -0.6, 0.5, List.of("score_text_disagree")),
            row("f4", List.of("unattributed"), 0.2, 0.1, List.of()),
            row("f5", List.of("billing"), 0.4, 0.3, List.of()),
            // no explicit score: not compared
            row("f6", List.of("billing"), null, -0.9, List.of()));
    List<ScoreAgreement> a = SentimentRun.scoreAgreement(spark.createDataFrame(rows, SCHEMA));
    assertThat(a)
        .extracting(ScoreAgreement::touchpoint)
        .containsExactly("all", "billing", "support");
    // Pearson r of x = (-1, 1, -0.6, 0.2, 0.4) and y = (-0.8, 0.6, 0.5, 0.1, 0.3), by hand.
    assertThat(a.get(0).texts()).isEqualTo(5);
    assertThat(a.get(0).correlation()).isEqualTo(0.6926);
    assertThat(a.get(0).contradicting()).isEqualTo(0.2);
    assertThat(a.get(1).texts()).isEqualTo(3);
    assertThat(a.get(1).correlation()).isEqualTo(0.9958);
    assertThat(a.get(1).contradicting()).isZero();
    // Two texts are too few to correlate.
    assertThat(a.get(2).texts()).isEqualTo(2);
    assertThat(a.get(2).correlation()).isNull();
    assertThat(a.get(2).contradicting()).isEqualTo(0.5);
  }

  @Test
  void noScoresNoFigures() {
    List<Row> rows = List.of(row("f1", List.of("billing"), null, -0.8, List.of()));
    assertThat(SentimentRun.scoreAgreement(spark.createDataFrame(rows, SCHEMA))).isEmpty();
  }
}

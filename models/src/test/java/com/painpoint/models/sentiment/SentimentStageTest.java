package com.painpoint.models.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.testing.SparkTestBase;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sentiment stage on small named fixtures; one CoreNLP pipeline for the whole class. */
class SentimentStageTest extends SparkTestBase {
  static final Taxonomy TAXONOMY =
      Taxonomy.parse(
          "test",
          """
          touchpoints:
            - {name: checkout, position: 1, owner: sales, keywords: [checkout, cart, promo code]}
            - {name: delivery, position: 2, owner: operations, keywords: [delivery, courier, parcel, package]}
            - {name: billing, position: 3, owner: finance, keywords: [bill, billing, charge, invoice, refund]}
            - {name: support, position: 4, owner: service, keywords: [support, agent]}
          """);
  static final LocalDate NIGHT1 = LocalDate.of(2026, 6, 29);
  static final LocalDate NIGHT2 = LocalDate.of(2026, 6, 30);

  static KeywordLemmas keywords;
  static List<Row> night1;

  static Row fb(
      String id, String customer, String touchpoint, Double score, String scale, String text) {
    return RowFactory.create(
        id,
        customer,
        Timestamp.valueOf("2026-06-01 10:00:00"),
        "survey",
        touchpoint,
        score,
        scale,
        text);
  }

  static final List<Row> FEEDBACK =
      List.of(
          fb(
              "f1",
              "c1",
              null,
              null,
              null,
              "The courier was lovely and the parcel came early. But the bill was awful: I was"
                  + " charged twice for my plan."),
          fb("f2", "c2", null, 0.0, "nps", "I love it, everything is wonderful!"),
          fb("f3", "c3", null, null, null, "😡😡😡"),
          fb(
              "f4",
              "c4",
              null,
              null,
              null,
              "El pedido llegó tarde y nadie me ayudó con el problema."),
          fb(
              "f5",
              "c5",
              "support",
              null,
              null,
              "Email me at jane.doe@example.com because this is the worst experience ever."),
          fb("f6", "c6", null, null, null, "The promo code did not work at checkout, terrible."),
          fb("f7", "c7", null, null, null, "It was fine."),
          fb(
              "f9",
              "c9",
              null,
              null,
              null,
              "The delivery " + "and the parcel ".repeat(60) + "were late."));

  static Dataset<Row> feedback(List<Row> rows) {
    return spark.createDataFrame(rows, FeedbackSchema.schema().asNullable());
  }

  static List<Row> run(
      List<Row> rows, Dataset<Row> previous, LocalDate night, LongAccumulator counter) {
    Dataset<Row> prepared = SentimentStage.prepare(feedback(rows));
    Dataset<Row> fresh =
        SentimentStage.score(
            SentimentStage.unscored(prepared, previous),
            SentimentSettings.CORENLP_DEFAULTS,
            night,
            counter);
    Dataset<Row> all =
        previous == null ? fresh : fresh.unionByName(SentimentStage.reused(prepared, previous));
    return SentimentStage.finish(all, TAXONOMY, keywords)
        .orderBy("feedback_id", "sentence_index")
        .collectAsList();
  }

  @BeforeAll
  static void scoreNightOne() {
    keywords = KeywordLemmas.of(TAXONOMY);
    night1 = run(FEEDBACK, null, NIGHT1, null);
  }

  static List<Row> rowsOf(List<Row> rows, String id) {
    return rows.stream().filter(r -> id.equals(r.getAs("feedback_id"))).toList();
  }

  static List<String> touchpoints(Row r) {
    return r.getList(r.fieldIndex("touchpoints"));
  }

  static List<String> flags(Row r) {
    return r.getList(r.fieldIndex("flags"));
  }

  @Test
  void twoTouchpointsWithOppositeSentimentInOneText() {
    List<Row> f1 = rowsOf(night1, "f1");
    assertThat(f1).hasSize(2);
    assertThat(touchpoints(f1.get(0))).containsExactly("delivery");
    assertThat(f1.get(0).<Double>getAs("score")).isPositive();
    assertThat(touchpoints(f1.get(1))).containsExactly("billing");
    assertThat(f1.get(1).<Integer>getAs("sentiment_class")).isLessThanOrEqualTo(1);
  }

  @Test
  void probabilitiesSumToOneAndScoreIsTheirExpectation() {
    Row r = rowsOf(night1, "f2").get(0);
    List<Double> p = r.getList(r.fieldIndex("probabilities"));
    assertThat(p).hasSize(5);
    assertThat(p.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within());
    double expected = 0;
    for (int i = 0; i < 5; i++) {
      expected += p.get(i) * (i - 2) / 2.0;
    }
    assertThat(r.<Double>getAs("score")).isCloseTo(expected, within());
    assertThat(r.<String>getAs("sentiment_label")).isIn("positive", "very_positive");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }

  @Test
  void zeroNpsWithPositiveTextIsFlagged() {
    Row r = rowsOf(night1, "f2").get(0);
    assertThat(r.<Double>getAs("explicit_score")).isEqualTo(-1.0);
    assertThat(flags(r)).contains("score_text_disagree");
  }

  @Test
  void emojiOnlyAndForeignTextAreFlaggedNotScored() {
    Row emoji = rowsOf(night1, "f3").get(0);
    assertThat(emoji.<String>getAs("text_flag")).isEqualTo("no_words");
    assertThat(emoji.<Integer>getAs("sentiment_class")).isNull();
    Row spanish = rowsOf(night1, "f4").get(0);
    assertThat(spanish.<String>getAs("text_flag")).isEqualTo("non_english");
    assertThat(spanish.<Double>getAs("score")).isNull();
  }

  @Test
  void sentenceTextIsRedactedAndOwnTouchpointUsedWhenNoKeyword() {
    Row r = rowsOf(night1, "f5").get(0);
    assertThat(r.<String>getAs("sentence")).contains("[email]").doesNotContain("jane.doe");
    assertThat(touchpoints(r)).containsExactly("support");
    assertThat(r.<Integer>getAs("sentiment_class")).isLessThanOrEqualTo(1);
    Row fine = rowsOf(night1, "f7").get(0);
    assertThat(touchpoints(fine)).containsExactly("unattributed");
  }

  @Test
  void veryLongSentencesAreTruncatedAndFlagged() {
    Row r = rowsOf(night1, "f9").get(0);
    assertThat(flags(r)).contains("truncated");
    assertThat(r.<Integer>getAs("sentiment_class")).isBetween(0, 4);
    assertThat(r.getList(r.fieldIndex("lemmas")))
        .hasSize(SentimentSettings.CORENLP_DEFAULTS.maxSentenceTokens());
  }

  @Test
  void phraseKeywordsMatchOnLemmas() {
    Row r = rowsOf(night1, "f6").get(0);
    assertThat(touchpoints(r)).containsExactly("checkout");
    assertThat(r.<Double>getAs("score")).isNegative();
    assertThat(r.getList(r.fieldIndex("lemmas"))).contains("promo", "code", "do", "not");
  }

  @Test
  void secondNightScoresOnlyNewAndEditedFeedback() {
    Dataset<Row> previous = spark.createDataFrame(night1, night1.get(0).schema());
    List<Row> changed = new ArrayList<>(FEEDBACK);
    changed.set(6, fb("f7", "c7", null, null, null, "It was fine. The refund took weeks."));
    changed.add(fb("f8", "c8", null, null, null, "Delivery was quick."));
    LongAccumulator parsed = spark.sparkContext().longAccumulator("parsed");
    List<Row> night2 = run(changed, previous, NIGHT2, parsed);
    Map<String, String> scoredOn = new TreeMap<>();
    for (Row r : night2) {
      scoredOn.put(
          r.getAs("feedback_id") + "#" + r.getAs("sentence_index"),
          r.getAs("scored_run_date").toString());
    }
    assertThat(scoredOn)
        .containsEntry("f1#0", "2026-06-29")
        .containsEntry("f6#0", "2026-06-29")
        .containsEntry("f7#0", "2026-06-30")
        .containsEntry("f7#1", "2026-06-30")
        .containsEntry("f8#0", "2026-06-30");
    // Three new sentences were parsed; nothing from unchanged feedback was.
    assertThat(parsed.value()).isEqualTo(3L);
    assertThat(touchpoints(rowsOf(night2, "f7").get(1))).containsExactly("billing");
  }

  @Test
  void scoringIsDeterministic() {
    assertThat(run(FEEDBACK, null, NIGHT1, null)).isEqualTo(night1);
  }
}

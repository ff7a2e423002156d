package com.painpoint.models.themes;

import static org.assertj.core.api.Assertions.assertThat;

import com.painpoint.features.config.ThemeOptions;
import com.painpoint.features.testing.SparkTestBase;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ThemeDiscoveryTest extends SparkTestBase {

  private static final StructType SCORED =
      new StructType()
          .add("feedback_id", DataTypes.StringType)
          .add("text_hash", DataTypes.StringType)
          .add("sentence_index", DataTypes.IntegerType)
          .add("customer_id", DataTypes.StringType)
          .add("touchpoints", DataTypes.createArrayType(DataTypes.StringType))
          .add("sentence", DataTypes.StringType)
          .add("score", DataTypes.DoubleType)
          .add("sentiment_class", DataTypes.IntegerType)
          .add("lemmas", DataTypes.createArrayType(DataTypes.StringType));

  private static void add(List<Row> rows, String id, String sentence) {
    List<String> lemmas = List.of(sentence.toLowerCase().replaceAll("[^a-z ]", "").split(" +"));
    rows.add(
        RowFactory.create(
            id,
            "h" + id,
            0,
            "C" + id,
            scala.jdk.javaapi.CollectionConverters.asScala(List.of("billing")).toSeq(),
            sentence,
            -0.6,
            1,
            scala.jdk.javaapi.CollectionConverters.asScala(lemmas).toSeq()));
  }

  /**
   * Thirty sentences of each of two complaints (ids r0.. and p0..): three of the complaint's six
   * words, rotating, then its closing word.
   */
  static List<Row> twoComplaints(
      String[] refund, String refundEnd, String[] price, String priceEnd) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      add(
          rows,
          "r" + i,
          refund[i % 6] + " " + refund[(i + 1) % 6] + " " + refund[(i + 3) % 6] + " " + refundEnd);
      add(
          rows,
          "p" + i,
          price[i % 6] + " " + price[(i + 1) % 6] + " " + price[(i + 3) % 6] + " " + priceEnd);
    }
    return rows;
  }

  /** The first night (2026-06-30) of the themes stage on {@code rows}, with no earlier run. */
  private ThemeDiscovery.Result discover(List<Row> rows, ThemeOptions options) {
    return ThemeDiscovery.discover(
        spark, spark.createDataFrame(rows, SCORED), null, null, options, LocalDate.of(2026, 6, 30));
  }

  /** A refund complaint (ids r0..) and a price complaint (ids p0..), 30 sentences each. */
  static List<Row> refundAndPrice() {
    return twoComplaints(
        new String[] {"refund", "still", "waiting", "weeks", "money", "back"},
        "refund",
        new String[] {"price", "went", "up", "without", "notice", "fee"},
        "price");
  }

  /**
   * Two billing complaints in varied words, and sentences whose every word occurs once (no term
   * survives the vocabulary): their TF-IDF vectors are zero, which cosine k-means cannot place.
   * They must go to other, not crash the stage.
   */
  @Test
  void sentencesWithoutAUsableTermGoToOtherInsteadOfFailing() {
    List<Row> rows = refundAndPrice();
    for (int i = 0; i < 6; i++) {
      add(
          rows,
          "z" + i,
          "qzv" + (char) ('a' + i) + " xkw" + (char) ('a' + i) + " jjp" + (char) ('a' + i));
    }
    // TF-IDF only: the word-vector blocks give unknown words a vector of their own.
    ThemeDiscovery.Result r = discover(rows, ThemeOptions.DEFAULTS.withWeights(0, 0, 0));
    Map<String, String> themeOf = new HashMap<>();
    for (Row t : r.sentenceThemes().collectAsList()) {
      themeOf.put(t.getString(0), t.<String>getList(2).get(0));
    }
    for (int i = 0; i < 6; i++) {
      assertThat(themeOf.get("z" + i)).isEqualTo("billing-other");
    }
    // The two complaints are told apart: no theme holds both, and each has a theme.
    Map<String, java.util.Set<Character>> complaintsOf = new HashMap<>();
    themeOf.forEach(
        (id, theme) -> {
          if (!theme.endsWith("-other")) {
            complaintsOf.computeIfAbsent(theme, t -> new java.util.HashSet<>()).add(id.charAt(0));
          }
        });
    assertThat(complaintsOf.values()).allSatisfy(c -> assertThat(c).hasSize(1));
    assertThat(complaintsOf.values().stream().flatMap(java.util.Set::stream).distinct())
        .containsExactlyInAnyOrder('r', 'p');
  }

  /**
   * With {@code theme_count: graph} the number of themes comes from the sentence graph: k-means
   * splits the 60 sentences into 12 sub-clusters, and the communities of the sentences'
   * nearest-neighbour graph group them into three themes, none mixing the complaints: the price
   * complaint whole, the refund complaint's six word patterns in two communities of three (each
   * pattern's five copies are one another's nearest neighbours, and the patterns form a ring).
   */
  @Test
  void theSentenceGraphGroupsSubClustersIntoTheComplaints() {
    List<Row> rows = refundAndPrice();
    ThemeDiscovery.Result r =
        discover(
            rows, ThemeOptions.DEFAULTS.withThemeCount(ThemeOptions.GRAPH).withWeights(0, 0, 0));
    Map<String, java.util.Set<String>> idsOf = new HashMap<>();
    for (Row t : r.sentenceThemes().collectAsList()) {
      idsOf
          .computeIfAbsent(t.<String>getList(2).get(0), k -> new java.util.TreeSet<>())
          .add(t.getString(0).substring(0, 1));
    }
    assertThat(idsOf)
        .containsOnlyKeys("billing-20260630-1", "billing-20260630-2", "billing-20260630-3");
    assertThat(idsOf.values())
        .containsExactlyInAnyOrder(
            java.util.Set.of("p"), java.util.Set.of("r"), java.util.Set.of("r"));
    // Every sentence is themed (none in other), and the price complaint is one theme of 30.
    assertThat(
            r.themes().stream()
                .filter(t -> !t.<Boolean>getAs(ThemeColumns.IS_OTHER))
                .mapToLong(t -> t.<Long>getAs(ThemeColumns.SIZE))
                .sorted()
                .boxed()
                .toList())
        .containsExactly(15L, 15L, 30L);
  }

  /**
   * Venting that names the touchpoint and nothing else it went wrong with ("Your billing is a
   * joke.", "This is unacceptable.") goes to the touchpoint's general-dissatisfaction bucket: one
   * content word at most once the touchpoint's own name is set aside. Complaints that name the
   * touchpoint and say what went wrong are themed as before.
   */
  @Test
  void ventingWithNoConcreteSubjectGoesToTheGeneralDissatisfactionBucket() {
    List<Row> rows =
        twoComplaints(
            new String[] {"refund", "waiting", "weeks", "money", "returned", "late"},
            "billing",
            new String[] {"price", "rise", "notice", "fee", "higher", "increase"},
            "billing");
    List<String> vents =
        List.of(
            "Your billing is a joke",
            "Billing is a shambles!",
            "This is unacceptable.",
            "Awful billing",
            "Billing is a disgrace",
            "Terrible billing again");
    for (int i = 0; i < vents.size(); i++) {
      add(rows, "v" + i, vents.get(i));
    }
    ThemeDiscovery.Result r = discover(rows, ThemeOptions.DEFAULTS.withWeights(0, 0, 0));
    Map<String, String> themeOf = new HashMap<>();
    for (Row t : r.sentenceThemes().collectAsList()) {
      themeOf.put(t.getString(0), t.<String>getList(2).get(0));
    }
    for (int i = 0; i < vents.size(); i++) {
      assertThat(themeOf.get("v" + i)).as(vents.get(i)).isEqualTo("billing-general");
    }
    themeOf.forEach(
        (id, theme) -> {
          if (id.charAt(0) != 'v') {
            assertThat(theme).as(id).doesNotEndWith("-general");
          }
        });
    Row general =
        r.themes().stream()
            .filter(t -> "billing-general".equals(t.getAs(ThemeColumns.THEME_ID)))
            .findFirst()
            .orElseThrow();
    assertThat(general.<Boolean>getAs(ThemeColumns.IS_OTHER)).isTrue();
    assertThat(general.<String>getAs(ThemeColumns.LABEL)).isEqualTo(ThemeColumns.GENERAL_LABEL);
    assertThat(general.<Long>getAs(ThemeColumns.SIZE)).isEqualTo(vents.size());
    assertThat(general.<Object>getAs(ThemeColumns.THEME_RANK)).isNull();
    // Buckets come after the touchpoint's themes: general, then other.
    List<String> ids =
        r.themes().stream().map(t -> t.<String>getAs(ThemeColumns.THEME_ID)).toList();
    int at = ids.indexOf("billing-general");
    assertThat(ids.subList(at + 1, ids.size())).containsExactly("billing-other");
    assertThat(ids.subList(0, at))
        .isNotEmpty()
        .allSatisfy(id -> assertThat(id).doesNotEndWith("-other").doesNotEndWith("-general"));
  }
}

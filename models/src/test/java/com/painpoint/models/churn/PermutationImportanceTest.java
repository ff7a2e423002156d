package com.painpoint.models.churn;

import static org.assertj.core.api.Assertions.assertThat;

import com.painpoint.features.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The shuffled copies permutation importance scores: eight customers whose column values encode
 * their own id (a1 = 10 x id, a2 = 100 x id, b = 1000 x id, c = -id), so every value shows which
 * customer it came from.
 */
class PermutationImportanceTest extends SparkTestBase {

  static Dataset<Row> customers() {
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("a1", DataTypes.DoubleType)
            .add("a2", DataTypes.DoubleType)
            .add("b", DataTypes.DoubleType)
            .add("c", DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      rows.add(RowFactory.create("c" + i, 10.0 * i, 100.0 * i, 1000.0 * i, -1.0 * i));
    }
    return spark.createDataFrame(rows, schema);
  }

  /** Which customer a value of column {@code c} came from. */
  static int source(String c, double v) {
    return (int)
        Math.round(
            switch (c) {
              case "a1" -> v / 10;
              case "a2" -> v / 100;
              case "b" -> v / 1000;
              default -> -v;
            });
  }

  @Test
  void eachGroupMovesTogetherFromOneDonorAndEveryOtherColumnStays() {
    Dataset<Row> rows = customers();
    Dataset<Row> pairs = PermutationImportance.pairs(rows, "id", 7L);
    Map<String, Integer> donorOf = new HashMap<>();
    for (Row r : pairs.collectAsList()) {
      donorOf.put(r.getString(0), Integer.parseInt(r.getString(1).substring(1)));
    }
    // A permutation: every customer gives once and takes once, and it is not the identity.
    assertThat(donorOf).hasSize(8);
    assertThat(new HashSet<>(donorOf.values())).hasSize(8);
    assertThat(donorOf.entrySet())
        .anyMatch(e -> Integer.parseInt(e.getKey().substring(1)) != e.getValue());

    List<List<String>> groups = List.of(List.of("a1", "a2"), List.of("b"));
    List<Row> copies =
        PermutationImportance.permutedCopies(rows, pairs, groups, "id").collectAsList();
    assertThat(copies).hasSize(8 * 3);
    Set<String> seen = new HashSet<>();
    for (Row r : copies) {
      String id = r.getAs("id");
      int self = Integer.parseInt(id.substring(1));
      int group = r.getAs("_perm_group");
      seen.add(id + "/" + group);
      int moved = donorOf.get(id);
      // Group 0 is the customer as is; group 1 takes a1 and a2 (together) from its donor; group 2
      // takes b. c never moves.
      assertThat(source("a1", r.getAs("a1"))).isEqualTo(group == 1 ? moved : self);
      assertThat(source("a2", r.getAs("a2"))).isEqualTo(group == 1 ? moved : self);
      assertThat(source("b", r.getAs("b"))).isEqualTo(group == 2 ? moved : self);
      assertThat(source("c", r.getAs("c"))).isEqualTo(self);
    }
    assertThat(seen).hasSize(24);
    // The same rows and seed give the same permutation.
    assertThat(PermutationImportance.pairs(rows, "id", 7L).collectAsList())
        .containsExactlyInAnyOrderElementsOf(pairs.collectAsList());
  }
}

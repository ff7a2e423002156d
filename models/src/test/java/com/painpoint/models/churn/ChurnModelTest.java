package com.painpoint.models.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.painpoint.features.config.ChurnOptions;
import com.painpoint.features.config.PainpointException;
import com.painpoint.features.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The churn model on a synthetic customer table where churn falls with tenure and is higher on
 * monthly contracts; one model is trained for the whole class.
 */
class ChurnModelTest extends SparkTestBase {
  static final String[] COLUMNS = {
    "customer id", "tenure", "contract", "monthly_fee", "region", "country", "note", "Churned"
  };

  static ColumnTypes types;
  static TrainedChurnModel trained;

  @BeforeAll
  static void trainOnce() {
    Dataset<Row> raw = synthetic(900, 7L);
    types = ColumnTypeDetector.detect(raw, "Churned", "customer id");
    // One regularisation setting and a short boosting run: the grid is tested by eval-churn, and
    // each logistic regression fit costs seconds of Spark jobs on a small local session.
    ChurnModel.Settings quick =
        new ChurnModel.Settings(
            42L,
            0.6,
            0.2,
            new ChurnOptions(
                List.of(ChurnOptions.LOGISTIC_REGRESSION, ChurnOptions.GBT),
                new ChurnOptions.LogisticRegressionOptions(List.of(0.01), List.of(0.0)),
                new ChurnOptions.GbtOptions(List.of(3), 10, 0.1, 0.0),
                true));
    trained = ChurnModel.train(ChurnTable.prepare(raw, types), types, quick);
  }

  /**
   * Strings as a CSV reader gives them. P(churn) = sigmoid(1 - 0.08 tenure + 1.5 [monthly]); fee
   * and region are noise; tenure is blank for every 50th customer; country is constant; the note is
   * free text.
   */
  static Dataset<Row> synthetic(int n, long seed) {
    Random rnd = new Random(seed);
    String[] contracts = {"monthly", "annual", "two-year"};
    String[] regions = {"north", "south", "east", "west"};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int tenure = rnd.nextInt(73);
      String contract = contracts[rnd.nextInt(3)];
      double z = 1.0 - 0.08 * tenure + (contract.equals("monthly") ? 1.5 : 0.0);
      boolean churned = rnd.nextDouble() < 1 / (1 + Math.exp(-z));
      rows.add(
          RowFactory.create(
              String.format("C%05d", i),
              i % 50 == 0 ? (i % 100 == 0 ? "" : " ") : String.valueOf(tenure),
              contract,
              String.format(java.util.Locale.ROOT, "%.2f", 20 + 80 * rnd.nextDouble()),
              regions[rnd.nextInt(4)],
              "NZ",
              "note " + i,
              churned ? "Yes" : "No"));
    }
    return table(rows);
  }

  static Dataset<Row> table(List<Row> rows) {
    StructType schema = new StructType();
    for (String c : COLUMNS) {
      schema = schema.add(c, DataTypes.StringType);
    }
    return spark.createDataFrame(rows, schema);
  }

  static Row customer(String id, String tenure, String contract, String label) {
    return RowFactory.create(id, tenure, contract, "50.00", "north", "NZ", "x", label);
  }

  @Test
  void detectsNumericCategoricalAndExcludedColumnsTreatingBlanksAsMissing() {
    assertThat(types.numeric()).containsExactly("tenure", "monthly_fee");
    assertThat(types.categorical()).containsExactly("contract", "region");
    assertThat(types.excluded()).containsOnlyKeys("customer id", "country", "note");
    assertThat(types.excluded().get("customer id")).isEqualTo("id column");
    assertThat(types.excluded().get("country")).isEqualTo("one distinct value 'NZ'");
    assertThat(types.excluded().get("note")).startsWith("high cardinality");
    assertThat(types.rows()).isEqualTo(900);

    List<Row> prepared =
        ChurnTable.prepare(synthetic(100, 7L), types).select("tenure").collectAsList();
    // Rows 0 ("") and 50 (" ") are blank: null, left for the imputer.
    assertThat(prepared.get(0).isNullAt(0)).isTrue();
    assertThat(prepared.get(50).isNullAt(0)).isTrue();
    assertThat(prepared.get(1).isNullAt(0)).isFalse();
  }

  @Test
  void parsesYesNoTrueFalseOneZeroChurnedActiveInAnyCase() {
    List<Row> rows = new ArrayList<>();
    String[] labels = {"Yes", "no", "TRUE", "false", "1", "0", " Churned ", "ACTIVE"};
    for (int i = 0; i < labels.length; i++) {
      rows.add(customer("c" + i, String.valueOf(i), i % 2 == 0 ? "monthly" : "annual", labels[i]));
    }
    ColumnTypes t = ColumnTypeDetector.detect(table(rows), "Churned", "customer id");
    assertThat(t.churned()).isEqualTo(4);
    List<Double> parsed =
        ChurnTable.prepare(table(rows), t).select(ChurnColumns.LABEL).collectAsList().stream()
            .map(r -> r.getDouble(0))
            .toList();
    assertThat(parsed).containsExactly(1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0);
  }

  @Test
  void anUnreadableLabelFailsNamingTheColumnAndTheValue() {
    List<Row> rows =
        List.of(
            customer("a", "1", "monthly", "Yes"),
            customer("b", "2", "annual", "maybe"),
            customer("c", "3", "annual", "No"));
    assertThatThrownBy(() -> ColumnTypeDetector.detect(table(rows), "Churned", "customer id"))
        .isInstanceOf(PainpointException.class)
        .hasMessage(
            "column 'Churned' has label 'maybe' in 1 row; expected Yes/No, true/false, 1/0 or"
                + " churned/active");
  }

  @Test
  void aBlankLabelFailsAsBlank() {
    List<Row> rows =
        List.of(customer("a", "1", "monthly", "Yes"), customer("b", "2", "annual", " "));
    assertThatThrownBy(() -> ColumnTypeDetector.detect(table(rows), "Churned", null))
        .hasMessageStartingWith("column 'Churned' has label '' (blank) in 1 row");
  }

  @Test
  void aMissingColumnFailsListingTheColumns() {
    assertThatThrownBy(() -> ColumnTypeDetector.detect(synthetic(5, 1L), "churn", null))
        .isInstanceOf(PainpointException.class)
        .hasMessageStartingWith("column 'churn' not found; columns: customer id, tenure");
  }

  @Test
  void splitsEachClassSixtyTwentyTwenty() {
    assertThat(trained.trainRows()).isBetween(530L, 550L);
    assertThat(trained.validationRows()).isBetween(170L, 190L);
    assertThat(trained.test().n()).isEqualTo(900 - trained.trainRows() - trained.validationRows());
    double rate = (double) types.churned() / types.rows();
    assertThat((double) trained.test().churned() / trained.test().n())
        .isCloseTo(rate, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void learnsTheChurnSignalOnHeldOutCustomers() {
    assertThat(trained.candidates())
        .extracting(TrainedChurnModel.Candidate::modelName)
        .contains(ChurnModel.LOGISTIC_REGRESSION, ChurnModel.GBT);
    assertThat(trained.best(ChurnModel.LOGISTIC_REGRESSION).validationAuc()).isGreaterThan(0.75);
    assertThat(trained.test().rocAuc()).isGreaterThan(0.75);
    assertThat(trained.test().prAuc())
        .isGreaterThan((double) trained.test().churned() / trained.test().n() + 0.15);
    assertThat(trained.test().brier()).isBetween(0.0, 0.25);
    List<ChurnMetrics.CalibrationBin> bins = trained.test().calibration();
    assertThat(bins).hasSizeBetween(8, 10);
    assertThat(bins.stream().mapToLong(ChurnMetrics.CalibrationBin::count).sum())
        .isEqualTo(trained.test().n());
    // Churn rises across deciles of predicted risk.
    assertThat(bins.get(bins.size() - 1).observedRate()).isGreaterThan(bins.get(0).observedRate());
  }

  @Test
  void boostingStopsEarlyOnTheValidationSplitUnlessToldNotTo() {
    // Deep trees at full step overfit 540 customers within a few rounds: watching the validation
    // split stops well before the cap; with validation_tol 0 every round is boosted and kept.
    Dataset<Row> prepared = ChurnTable.prepare(synthetic(900, 7L), types);
    int cap = 10;
    TrainedChurnModel stopped = ChurnModel.train(prepared, types, gbtOnly(cap, 0.001));
    TrainedChurnModel everyRound = ChurnModel.train(prepared, types, gbtOnly(cap, 0.0));

    assertThat(stopped.best(ChurnModel.GBT).rounds()).isBetween(1, cap / 2);
    assertThat(stopped.best(ChurnModel.GBT).params()).endsWith("validationTol=0.001");
    assertThat(everyRound.best(ChurnModel.GBT).rounds()).isEqualTo(cap);
    // Stopped before it overfits, the model ranks the validation customers better.
    assertThat(stopped.best(ChurnModel.GBT).validationAuc())
        .isGreaterThan(everyRound.best(ChurnModel.GBT).validationAuc());
    // The split is the same: early stopping reads the validation rows, it does not train on them.
    assertThat(stopped.trainRows()).isEqualTo(everyRound.trainRows());
    assertThat(stopped.test().n()).isEqualTo(everyRound.test().n());
    assertThat(trained.best(ChurnModel.LOGISTIC_REGRESSION).rounds()).isNull();
  }

  private static ChurnModel.Settings gbtOnly(int maxIter, double validationTol) {
    return new ChurnModel.Settings(
        42L,
        0.6,
        0.2,
        new ChurnOptions(
            List.of(ChurnOptions.GBT),
            ChurnOptions.LogisticRegressionOptions.DEFAULTS,
            new ChurnOptions.GbtOptions(List.of(6), maxIter, 1.0, validationTol),
            false));
  }

  @Test
  void ranksNewMonthlyCustomersAboveLongTwoYearCustomers() {
    List<Row> rows =
        List.of(
            customer("high", "1", "monthly", "No"),
            customer("low", "70", "two-year", "No"),
            customer("unseen", "", "weekly", "No"));
    List<Row> scored =
        ChurnModel.score(trained.model(), ChurnTable.prepare(table(rows), types))
            .select(ChurnColumns.CHURN_PROBABILITY)
            .collectAsList();
    double high = scored.get(0).getDouble(0);
    double low = scored.get(1).getDouble(0);
    assertThat(high).isGreaterThan(low + 0.3);
    // A blank tenure and a contract never seen in training still score.
    assertThat(scored.get(2).getDouble(0)).isBetween(0.0, 1.0);
  }

  @Test
  void calibratedProbabilitiesAreChurnRatesAndKeepTheRanking() {
    // New customers of the same process, with the probability each was drawn with.
    Dataset<Row> fresh = synthetic(3000, 11L);
    Dataset<Row> scored =
        ChurnModel.score(trained.model(), ChurnTable.prepare(fresh, types))
            .withColumn(
                "raw",
                org.apache
                    .spark
                    .ml
                    .functions
                    .vector_to_array(
                        org.apache.spark.sql.functions.col(ChurnColumns.PROBABILITY), "float64")
                    .getItem(1));
    List<Row> rows =
        scored.select("tenure", "contract", ChurnColumns.CHURN_PROBABILITY, "raw").collectAsList();
    double calibratedError = 0;
    double rawError = 0;
    double calibratedMean = 0;
    double rawMean = 0;
    double trueMean = 0;
    int n = 0;
    List<double[]> pairs = new ArrayList<>();
    for (Row r : rows) {
      if (r.isNullAt(0)) {
        continue;
      }
      double z = 1.0 - 0.08 * r.getDouble(0) + (r.getString(1).equals("monthly") ? 1.5 : 0.0);
      double truth = 1 / (1 + Math.exp(-z));
      calibratedError += Math.abs(r.getDouble(2) - truth);
      rawError += Math.abs(r.getDouble(3) - truth);
      calibratedMean += r.getDouble(2);
      rawMean += r.getDouble(3);
      trueMean += truth;
      pairs.add(new double[] {r.getDouble(2), r.getDouble(3)});
      n++;
    }
    // Class weighting trains as if churn were 50%: the classifier's own probabilities run high.
    // Platt scaling on the validation split brings them back to the drawn probabilities.
    assertThat(rawMean / n).isGreaterThan(trueMean / n + 0.08);
    assertThat(calibratedMean / n)
        .isCloseTo(trueMean / n, org.assertj.core.data.Offset.offset(0.03));
    // Measured: mean |p - truth| 0.111 before, 0.055 after (calibrated on 180 customers).
    assertThat(calibratedError / n).isLessThan(0.07).isLessThan(rawError / n * 0.6);
    // Increasing in the classifier's score: the order of customers is the same.
    pairs.sort(java.util.Comparator.comparingDouble(a -> a[1]));
    for (int i = 1; i < pairs.size(); i++) {
      assertThat(pairs.get(i)[0]).isGreaterThanOrEqualTo(pairs.get(i - 1)[0]);
    }
    assertThat(trained.calibration().slope()).isPositive();
    assertThat(trained.test().ece()).isBetween(0.0, 0.1);
  }

  @Test
  void rocAucByGroupIsMllibsExactAucWithTiesInEveryGroup() {
    StructType schema =
        new StructType()
            .add("g", DataTypes.IntegerType)
            .add(ChurnColumns.CHURN_PROBABILITY, DataTypes.DoubleType)
            .add(ChurnColumns.LABEL, DataTypes.DoubleType);
    Random rnd = new Random(5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      int g = i % 3;
      double label = rnd.nextDouble() < 0.3 ? 1.0 : 0.0;
      // Scores rounded to a tenth: many ties, some across the classes; group 2 is pure noise.
      double p =
          Math.round((g == 2 ? rnd.nextDouble() : 0.3 * label + 0.7 * rnd.nextDouble()) * 10)
              / 10.0;
      rows.add(RowFactory.create(g, p, label));
    }
    rows.add(RowFactory.create(3, 0.5, 1.0));
    Dataset<Row> scored = spark.createDataFrame(rows, schema).repartition(4);
    java.util.Map<Integer, Double> byGroup = ChurnEvaluation.rocAucByGroup(scored, "g");
    // Group 3 has no non-churner: no AUC.
    assertThat(byGroup).containsOnlyKeys(0, 1, 2);
    for (int g = 0; g < 3; g++) {
      double mllib =
          new org.apache.spark.ml.evaluation.BinaryClassificationEvaluator()
              .setLabelCol(ChurnColumns.LABEL)
              .setRawPredictionCol(ChurnColumns.CHURN_PROBABILITY)
              .setNumBins(0)
              .evaluate(scored.filter(org.apache.spark.sql.functions.col("g").equalTo(g)));
      assertThat(byGroup.get(g))
          .as("group %d", g)
          .isCloseTo(mllib, org.assertj.core.data.Offset.offset(1e-12));
    }
    assertThat(byGroup.get(0)).isGreaterThan(0.7);
    assertThat(byGroup.get(2)).isBetween(0.4, 0.6);
  }

  @Test
  void expectedCalibrationErrorWeighsEachBinByItsCustomers() {
    StructType schema =
        new StructType()
            .add(ChurnColumns.CHURN_PROBABILITY, DataTypes.DoubleType)
            .add(ChurnColumns.LABEL, DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      rows.add(RowFactory.create(0.05, 0.0));
    }
    rows.add(RowFactory.create(0.95, 1.0));
    rows.add(RowFactory.create(0.95, 1.0));
    // 1.0 falls in the top bin, not an eleventh.
    rows.add(RowFactory.create(1.0, 1.0));
    ChurnEvaluation.Ece ece =
        ChurnEvaluation.expectedCalibrationError(spark.createDataFrame(rows, schema), 7);
    // Bin 0: predicted 0.20 in all, 0 churned; bin 9: predicted 2.90, 3 churned.
    assertThat(ece.error()).isCloseTo((0.2 + 0.1) / 7, org.assertj.core.data.Offset.offset(1e-9));
    double floor =
        (Math.sqrt(2 * 4 * 0.05 * 0.95 / Math.PI) + Math.sqrt(2 * 2 * 0.05 * 0.95 / Math.PI)) / 7;
    assertThat(ece.noiseFloor()).isCloseTo(floor, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aSavedModelLoadsAndScoresTheSame(@TempDir Path dir) {
    String path = dir.resolve("churn-model").toString();
    trained.save(path);
    PipelineModel loaded = ChurnModel.load(path);
    Dataset<Row> customers = ChurnTable.prepare(synthetic(40, 3L), types);
    List<Row> before =
        ChurnModel.score(trained.model(), customers)
            .select(ChurnColumns.CHURN_PROBABILITY)
            .collectAsList();
    List<Row> after =
        ChurnModel.score(loaded, customers).select(ChurnColumns.CHURN_PROBABILITY).collectAsList();
    assertThat(after).isEqualTo(before);
  }
}

package com.painpoint.jobs.eval;

import com.painpoint.features.config.ChurnOptions;
import com.painpoint.features.config.PainpointConfig;
import com.painpoint.features.config.PainpointException;
import com.painpoint.models.churn.ChurnMetrics;
import com.painpoint.models.churn.ChurnModel;
import com.painpoint.models.churn.ChurnTable;
import com.painpoint.models.churn.ColumnTypeDetector;
import com.painpoint.models.churn.ColumnTypes;
import com.painpoint.models.churn.TrainedChurnModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * scripts/eval-churn: trains Painpoint's churn model on a labelled customer CSV and prints the
 * detected column types, each candidate's validation ROC AUC and the chosen model's test metrics.
 */
public final class EvalChurnMain {
  static final String USAGE =
      "usage: scripts/eval-churn --input FILE.csv --label-col L [--id-col C] [--seed S]"
          + " [--config painpoint.yaml (its churn: section: candidates, boosting, early stopping)]";

  private EvalChurnMain() {}

  public static void main(String[] args) throws Exception {
    EvalMain.run(
        "eval-churn",
        session -> {
          EvalArgs a =
              new EvalArgs(
                  args, Set.of("--input", "--label-col", "--id-col", "--seed", "--config"), USAGE);
          String input = a.required("--input", USAGE);
          String labelCol = a.required("--label-col", USAGE);
          String idCol = a.get("--id-col", null);
          int seed = a.integer("--seed", 42);
          String config = a.get("--config", null);
          requireFile(input);
          ChurnOptions churn =
              config == null
                  ? ChurnOptions.DEFAULTS
                  : PainpointConfig.load(Path.of(config)).churn();
          SparkSession spark = session.get();
          run(spark, input, labelCol, idCol, ChurnModel.Settings.from(churn).withSeed(seed));
        });
  }

  /** Fails before Spark starts when a local input file is missing (URIs are left to Spark). */
  static void requireFile(String input) {
    if (!input.contains("://") && !Files.isRegularFile(Path.of(input))) {
      throw PainpointException.badInput(input + ": no such file");
    }
  }

  static void run(
      SparkSession spark,
      String input,
      String labelCol,
      String idCol,
      ChurnModel.Settings settings) {
    long seed = settings.seed();
    long start = System.nanoTime();
    // Every column as text, as a CRM export gives it; the detector decides what is a number.
    Dataset<Row> raw = spark.read().option("header", "true").option("escape", "\"").csv(input);
    ColumnTypes types;
    try {
      types = ColumnTypeDetector.detect(raw, labelCol, idCol);
    } catch (PainpointException e) {
      throw new PainpointException(e.kind(), input + ": " + e.getMessage(), e);
    }
    System.out.printf(
        Locale.ROOT,
        "input        %s%ncustomers    %d, %d churned (%.1f%%)%n",
        input,
        types.rows(),
        types.churned(),
        100.0 * types.churned() / types.rows());
    System.out.println("numeric      " + String.join(", ", types.numeric()));
    List<String> cats = new ArrayList<>();
    for (String c : types.categorical()) {
      cats.add(c + " (" + types.distinct().get(c) + ")");
    }
    System.out.println("categorical  " + String.join(", ", cats));
    for (Map.Entry<String, String> e : types.excluded().entrySet()) {
      System.out.println("excluded     " + e.getKey() + ": " + e.getValue());
    }

    TrainedChurnModel m = ChurnModel.train(ChurnTable.prepare(raw, types), types, settings);
    ChurnMetrics t = m.test();
    System.out.printf(
        Locale.ROOT,
        "split        train %d / validation %d / test %d, stratified by label, seed %d%n",
        m.trainRows(),
        m.validationRows(),
        t.n(),
        seed);
    System.out.println("candidates   (class-weighted; ROC AUC on the validation split)");
    for (TrainedChurnModel.Candidate c : m.candidates()) {
      System.out.printf(
          Locale.ROOT,
          "  %-20s %-45s %.4f%s%n",
          c.modelName(),
          c.params(),
          c.validationAuc(),
          c.rounds() == null ? "" : " (" + c.rounds() + " rounds kept)");
    }
    System.out.printf(
        Locale.ROOT,
        "validation   best logistic_regression %.4f, gbt %.4f -> chosen %s%n",
        m.best(ChurnModel.LOGISTIC_REGRESSION).validationAuc(),
        m.best(ChurnModel.GBT).validationAuc(),
        m.modelName());
    System.out.printf(
        Locale.ROOT,
        "test         n %d, %d churned: ROC AUC %.4f, PR AUC %.4f (churn rate %.4f), Brier %.4f%n",
        t.n(),
        t.churned(),
        t.rocAuc(),
        t.prAuc(),
        (double) t.churned() / t.n(),
        t.brier());
    System.out.printf(
        Locale.ROOT,
        "calibration  Platt scaling fitted on the %d validation customers: P = 1 / (1 +"
            + " exp(-(%.4f x margin + %.4f)))%n",
        m.validationRows(),
        m.calibration().slope(),
        m.calibration().intercept());
    System.out.printf(
        Locale.ROOT,
        "             expected calibration error on the test split %.4f (10 equal-width bins);"
            + " a perfectly calibrated model would show %.4f on these customers by chance%n",
        t.ece(),
        t.eceNoiseFloor());
    System.out.println("calibration  test split by decile of predicted churn probability");
    System.out.println("  decile  count  predicted range  mean predicted  observed rate");
    for (ChurnMetrics.CalibrationBin b : t.calibration()) {
      System.out.printf(
          Locale.ROOT,
          "  %6d  %5d  %.3f-%.3f      %.3f           %.3f%n",
          b.decile(),
          b.count(),
          b.minPredicted(),
          b.maxPredicted(),
          b.meanPredicted(),
          b.observedRate());
    }
    System.out.printf(Locale.ROOT, "seconds      %.1f%n", (System.nanoTime() - start) / 1e9);
    System.out.printf(
        Locale.ROOT,
        "RESULT roc_auc=%.4f pr_auc=%.4f ece=%.4f ece_noise_floor=%.4f brier=%.4f n=%d model=%s%n",
        t.rocAuc(),
        t.prAuc(),
        t.ece(),
        t.eceNoiseFloor(),
        t.brier(),
        types.rows(),
        m.modelName());
  }
}

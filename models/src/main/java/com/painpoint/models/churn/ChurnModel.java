package com.painpoint.models.churn;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import com.painpoint.features.config.ChurnOptions;
import com.painpoint.features.config.PainpointException;
import com.painpoint.features.spark.Materialized;
import com.painpoint.features.spark.ParallelJobs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorSlicer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a churn model on a prepared customer table: a stratified train/validation/test split, the
 * candidates of {@link ChurnOptions} (by default class-weighted logistic regression over a small
 * regularisation grid and gradient-boosted trees) compared by validation ROC AUC, the winner
 * calibrated on the validation split (Platt scaling) and measured once on the test split.
 */
public final class ChurnModel {
  public static final String LOGISTIC_REGRESSION = ChurnOptions.LOGISTIC_REGRESSION;
  public static final String GBT = ChurnOptions.GBT;

  /**
   * What to try and how to split.
   *
   * @param seed fixes the split and the trees
   * @param trainShare share of each class trained on
   * @param validationShare share of each class the candidates are compared on; the rest is test
   * @param options the model families tried, their grids and boosting, and whether the run measures
   *     permutation importance (the config's {@code churn:} section)
   */
  public record Settings(
      long seed, double trainShare, double validationShare, ChurnOptions options) {

    public Settings {
      if (options.models().isEmpty()) {
        throw PainpointException.config("churn: no model family to try");
      }
      if (trainShare <= 0 || validationShare <= 0 || trainShare + validationShare >= 1) {
        throw PainpointException.config(
            "split shares train "
                + trainShare
                + " and validation "
                + validationShare
                + " must be positive and leave a test share");
      }
    }

    /**
     * The settings of a run configured by {@code churn}: seed 42 and a 60/20/20 split (not
     * configurable: they define the held-out customers every measure is taken on).
     */
    public static Settings from(ChurnOptions churn) {
      return new Settings(42L, 0.6, 0.2, churn);
    }

    /**
     * {@link ChurnOptions#DEFAULTS}: both families, regParam {0, 0.01, 0.1} x elasticNet {0, 0.5},
     * 50 trees of depth 4 at step 0.2, permutation importance on; seed 42, 60/20/20 split.
     */
    public static Settings defaults() {
      return from(ChurnOptions.DEFAULTS);
    }

    public Settings withSeed(long s) {
      return new Settings(s, trainShare, validationShare, options);
    }

    /** Whether the run measures each touchpoint's permutation importance after training. */
    public boolean permutationImportance() {
      return options.permutationImportance();
    }
  }

  /**
   * A candidate. {@code stopsEarly}: it fits on the train and validation rows together, told apart
   * by {@link ChurnColumns#IS_VALIDATION}, and watches the validation rows to stop (boosting).
   */
  record Trial(String modelName, String params, Estimator<?> estimator, boolean stopsEarly) {}

  /** A trial's fitted model, its validation ROC AUC and its fit time (seconds). */
  private record Fitted(Trial trial, Model<?> model, double auc, double seconds) {
    /** Boosting rounds kept (trees); null for a model without rounds. */
    Integer rounds() {
      return model instanceof GBTClassificationModel g ? g.getNumTrees() : null;
    }

    /** What the log says after the fit time: the rounds kept when boosting stops early. */
    String stopped() {
      return trial.stopsEarly() && rounds() != null
          ? ", " + rounds() + " rounds kept by early stopping"
          : "";
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger("painpoint");

  private ChurnModel() {}

  /**
   * Splits {@code prepared} (from {@link ChurnTable#prepare}), fits every candidate on the train
   * split, keeps the best by validation ROC AUC (ties: the first tried, logistic regression before
   * trees) and measures it on the test split.
   */
  public static TrainedChurnModel train(
      Dataset<Row> prepared, ColumnTypes types, Settings settings) {
    SparkSession spark = prepared.sparkSession();
    // The models train on one partition whose rows are in a fixed order. MLlib sums over the rows
    // partition by partition and then merges the partial sums, so which rows share a partition,
    // and in which order, decides the last bits of every coefficient; the split's shuffle does not
    // fix that (adaptive execution coalesces its partitions by their sizes, which differed between
    // an embedded run and the same night on a cluster). One task also suits a table of thousands
    // of customers best.
    // Held with its lineage cut: every candidate's iterations are jobs over these rows.
    Dataset<Row> split =
        Materialized.of(
            StratifiedSplit.assign(
                    prepared,
                    types.idCol(),
                    settings.trainShare(),
                    settings.validationShare(),
                    settings.seed())
                .coalesce(1)
                .sortWithinPartitions(fixedOrder(prepared, types.idCol())));
    List<Dataset<Row>> cached = new ArrayList<>(List.of(split));
    try {
      describe(spark, "churn: split customers");
      Map<String, long[]> sizes = new HashMap<>();
      for (Row r :
          split
              .groupBy(ChurnColumns.SPLIT)
              .agg(count(lit(1)), sum(col(ChurnColumns.LABEL)))
              .collectAsList()) {
        long churned = Math.round(r.getDouble(2));
        sizes.put(r.getString(0), new long[] {r.getLong(1), churned});
      }
      for (String s : List.of(ChurnColumns.TRAIN, ChurnColumns.VALIDATION, ChurnColumns.TEST)) {
        long[] n = sizes.get(s);
        if (n == null || n[1] == 0 || n[1] == n[0]) {
          throw PainpointException.badInput(
              "the "
                  + s
                  + " split has "
                  + (n == null ? "no customers" : n[1] == 0 ? "no churners" : "only churners")
                  + "; the table ("
                  + types.rows()
                  + " rows, "
                  + types.churned()
                  + " churned) is too small to train and measure a churn model");
        }
      }
      long[] trainSize = sizes.get(ChurnColumns.TRAIN);
      Dataset<Row> train =
          ClassWeights.add(
              split.filter(col(ChurnColumns.SPLIT).equalTo(ChurnColumns.TRAIN)),
              trainSize[1],
              trainSize[0] - trainSize[1]);
      Dataset<Row> validation =
          split.filter(col(ChurnColumns.SPLIT).equalTo(ChurnColumns.VALIDATION));
      Dataset<Row> test = split.filter(col(ChurnColumns.SPLIT).equalTo(ChurnColumns.TEST));

      describe(spark, "churn: fit feature stages");
      PipelineModel features =
          new Pipeline()
              .setStages(ChurnFeatures.stages(types).toArray(new PipelineStage[0]))
              .fit(train);
      Dataset<Row> trainFeatures =
          Materialized.of(
              features
                  .transform(train)
                  .select(ChurnColumns.LABEL, ChurnColumns.WEIGHT, ChurnColumns.FEATURES));
      Dataset<Row> validationFeatures =
          Materialized.of(
              features.transform(validation).select(ChurnColumns.LABEL, ChurnColumns.FEATURES));
      cached.add(trainFeatures);
      cached.add(validationFeatures);
      List<Trial> tried = trials(settings);
      // Candidates that stop early see both splits in one table: the train rows, then the
      // validation rows weighted like them (the loss they stop on is the one they train on).
      Dataset<Row> trainAndValidation = null;
      if (tried.stream().anyMatch(Trial::stopsEarly)) {
        trainAndValidation =
            Materialized.of(
                trainFeatures
                    .withColumn(ChurnColumns.IS_VALIDATION, lit(false))
                    .unionByName(
                        features
                            .transform(
                                ClassWeights.add(
                                    validation, trainSize[1], trainSize[0] - trainSize[1]))
                            .select(ChurnColumns.LABEL, ChurnColumns.WEIGHT, ChurnColumns.FEATURES)
                            .withColumn(ChurnColumns.IS_VALIDATION, lit(true)))
                    .coalesce(1));
        cached.add(trainAndValidation);
      }
      Dataset<Row> trainAndValidationRows = trainAndValidation;

      // The candidates fit side by side (each fit is one task over the one cached partition, so
      // one at a time leaves all but one core idle); each is independent, so the figures are those
      // of a run one by one, and the choice goes through them in the order tried.
      // The trees, the longest fit, start first.
      List<Trial> longestFirst = new ArrayList<>(tried);
      longestFirst.sort(Comparator.comparing(t -> !t.modelName().equals(GBT)));
      List<Fitted> done =
          ParallelJobs.map(
              spark,
              longestFirst,
              t -> {
                describe(spark, "churn: fit " + t.modelName() + " " + t.params());
                long start = System.nanoTime();
                Model<?> m =
                    t.estimator().fit(t.stopsEarly() ? trainAndValidationRows : trainFeatures);
                double auc = ChurnEvaluation.rocAuc(m.transform(validationFeatures));
                return new Fitted(t, m, auc, (System.nanoTime() - start) / 1e9);
              });
      List<Fitted> fitted =
          tried.stream()
              .map(t -> done.stream().filter(f -> f.trial() == t).findFirst().orElseThrow())
              .toList();
      List<TrainedChurnModel.Candidate> candidates = new ArrayList<>();
      Model<?> best = null;
      String bestName = null;
      double bestAuc = Double.NEGATIVE_INFINITY;
      for (Fitted f : fitted) {
        Trial t = f.trial();
        LOG.info(
            "  churn: candidate {} {}: validation ROC AUC {} ({} s{})",
            t.modelName(),
            t.params(),
            String.format(Locale.ROOT, "%.4f", f.auc()),
            String.format(Locale.ROOT, "%.1f", f.seconds()),
            f.stopped());
        candidates.add(
            new TrainedChurnModel.Candidate(t.modelName(), t.params(), f.auc(), f.rounds()));
        if (f.auc() > bestAuc) {
          bestAuc = f.auc();
          best = f.model();
          bestName = t.modelName();
        }
      }
      // Platt scaling on the validation split: class weighting trains as if churn were 50%, so the
      // classifier's probabilities run high. A logistic regression of the outcome on the chosen
      // model's margin, fitted without weights on customers the model did not train on, maps the
      // margin to a churn probability. It is increasing in the margin, so every ranking (ROC AUC,
      // deciles) is unchanged. Only transformers: fitting the pipeline just chains them.
      describe(spark, "churn: calibrate " + bestName + " on the validation split");
      VectorSlicer margin =
          new VectorSlicer()
              .setInputCol(ChurnColumns.RAW_PREDICTION)
              .setOutputCol(ChurnColumns.MARGIN)
              .setIndices(new int[] {1});
      Dataset<Row> validationMargins =
          margin
              .transform(best.transform(validationFeatures))
              .select(ChurnColumns.LABEL, ChurnColumns.MARGIN);
      LogisticRegressionModel platt =
          new LogisticRegression()
              .setRegParam(0.0)
              .setStandardization(false)
              .setMaxIter(100)
              .setLabelCol(ChurnColumns.LABEL)
              .setFeaturesCol(ChurnColumns.MARGIN)
              .setRawPredictionCol(ChurnColumns.CALIBRATED_RAW)
              .setProbabilityCol(ChurnColumns.CALIBRATED_PROBABILITY)
              .setPredictionCol(ChurnColumns.CALIBRATED_PREDICTION)
              .fit(validationMargins);
      TrainedChurnModel.Calibration calibration =
          new TrainedChurnModel.Calibration(platt.coefficients().apply(0), platt.intercept());
      if (!(calibration.slope() > 0)) {
        throw PainpointException.badInput(
            "the chosen churn model ranks the validation customers backwards (Platt slope "
                + calibration.slope()
                + "): its margins carry no usable churn signal");
      }
      LOG.info(
          "  churn: calibrated on {} validation customers: P(churn) = 1 / (1 + exp(-({} x margin"
              + " + {})))",
          sizes.get(ChurnColumns.VALIDATION)[0],
          String.format(Locale.ROOT, "%.4f", calibration.slope()),
          String.format(Locale.ROOT, "%.4f", calibration.intercept()));
      PipelineModel chosen =
          new Pipeline().setStages(new PipelineStage[] {features, best, margin, platt}).fit(train);

      describe(spark, "churn: measure " + bestName + " on the test split");
      ChurnMetrics metrics = ChurnEvaluation.evaluate(score(chosen, test));
      return new TrainedChurnModel(
          chosen,
          bestName,
          candidates,
          calibration,
          metrics,
          trainSize[0],
          sizes.get(ChurnColumns.VALIDATION)[0]);
    } finally {
      describe(spark, null);
      cached.forEach(Materialized::release);
    }
  }

  /** Label, then the id (when there is one), then every other column: a total order of rows. */
  private static Column[] fixedOrder(Dataset<Row> prepared, String idCol) {
    List<Column> order = new ArrayList<>();
    order.add(col(ChurnColumns.LABEL));
    if (idCol != null) {
      order.add(ChurnTable.ref(idCol));
    }
    for (String c : prepared.columns()) {
      if (!c.equals(ChurnColumns.LABEL) && !c.equals(idCol)) {
        order.add(ChurnTable.ref(c));
      }
    }
    return order.toArray(new Column[0]);
  }

  /**
   * Adds {@link ChurnColumns#CHURN_PROBABILITY}, the calibrated probability (and MLlib's prediction
   * columns). A pipeline saved before calibration existed gives its classifier's probability.
   */
  public static Dataset<Row> score(PipelineModel model, Dataset<Row> prepared) {
    Dataset<Row> scored = model.transform(prepared);
    String vector =
        java.util.Arrays.asList(scored.columns()).contains(ChurnColumns.CALIBRATED_PROBABILITY)
            ? ChurnColumns.CALIBRATED_PROBABILITY
            : ChurnColumns.PROBABILITY;
    return scored.withColumn(
        ChurnColumns.CHURN_PROBABILITY, vector_to_array(col(vector), "float64").getItem(1));
  }

  /** Reads a pipeline written by {@link TrainedChurnModel#save}. */
  public static PipelineModel load(String path) {
    return PipelineModel.load(path);
  }

  /** The candidates of {@code s}, in the order they are tried: logistic regression first. */
  static List<Trial> trials(Settings s) {
    List<Trial> out = new ArrayList<>();
    ChurnOptions o = s.options();
    if (o.tries(ChurnOptions.LOGISTIC_REGRESSION)) {
      for (double reg : o.logisticRegression().regParams()) {
        // Without regularisation the L1 share changes nothing: one fit.
        for (double l1 : reg == 0.0 ? List.of(0.0) : o.logisticRegression().elasticNetParams()) {
          out.add(
              new Trial(
                  LOGISTIC_REGRESSION,
                  String.format(Locale.ROOT, "regParam=%s elasticNetParam=%s", reg, l1),
                  new LogisticRegression()
                      .setRegParam(reg)
                      .setElasticNetParam(l1)
                      .setMaxIter(200)
                      .setLabelCol(ChurnColumns.LABEL)
                      .setWeightCol(ChurnColumns.WEIGHT)
                      .setFeaturesCol(ChurnColumns.FEATURES)
                      .setRawPredictionCol(ChurnColumns.RAW_PREDICTION)
                      .setProbabilityCol(ChurnColumns.PROBABILITY)
                      .setPredictionCol(ChurnColumns.PREDICTION),
                  false));
        }
      }
    }
    if (o.tries(ChurnOptions.GBT)) {
      ChurnOptions.GbtOptions g = o.gbt();
      for (int depth : g.maxDepths()) {
        GBTClassifier gbt = new GBTClassifier();
        if (g.stopsEarly()) {
          gbt.setValidationIndicatorCol(ChurnColumns.IS_VALIDATION);
          // MLlib has no setter for validationTol: copying with a param map sets it.
          gbt = gbt.copy(new ParamMap().put(gbt.validationTol(), (Object) g.validationTol()));
        }
        out.add(
            new Trial(
                GBT,
                String.format(
                        Locale.ROOT,
                        "maxIter=%d maxDepth=%d stepSize=%s seed=%d",
                        g.maxIter(),
                        depth,
                        g.stepSize(),
                        s.seed())
                    + (g.stopsEarly() ? " validationTol=" + g.validationTol() : ""),
                gbt.setMaxIter(g.maxIter())
                    .setMaxDepth(depth)
                    .setStepSize(g.stepSize())
                    .setSeed(s.seed())
                    .setLabelCol(ChurnColumns.LABEL)
                    .setWeightCol(ChurnColumns.WEIGHT)
                    .setFeaturesCol(ChurnColumns.FEATURES)
                    .setRawPredictionCol(ChurnColumns.RAW_PREDICTION)
                    .setProbabilityCol(ChurnColumns.PROBABILITY)
                    .setPredictionCol(ChurnColumns.PREDICTION),
                g.stopsEarly()));
      }
    }
    return out;
  }

  /** Names the Spark jobs that follow in the Spark UI; null clears it. */
  private static void describe(SparkSession spark, String what) {
    spark.sparkContext().setJobDescription(what);
  }
}

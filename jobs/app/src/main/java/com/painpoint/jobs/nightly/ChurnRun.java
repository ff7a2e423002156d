package com.painpoint.jobs.nightly;

import static org.apache.spark.sql.functions.col;

import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.customers.CustomerFeatures;
import com.painpoint.features.window.LookbackWindow;
import com.painpoint.jobs.io.RunDataset;
import com.painpoint.jobs.results.ChurnFigures;
import com.painpoint.models.churn.ChurnMetrics;
import com.painpoint.models.churn.ChurnModel;
import com.painpoint.models.churn.ChurnTable;
import com.painpoint.models.churn.ColumnTypeDetector;
import com.painpoint.models.churn.ColumnTypes;
import com.painpoint.models.churn.CustomerRisk;
import com.painpoint.models.churn.PermutationImportance;
import com.painpoint.models.churn.TrainedChurnModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Stage 6, churn: builds the customer feature table, trains, tests and saves the churn model on
 * every customer with a known outcome, measures how much each touchpoint's features carry
 * (permutation importance), and scores the active customers (written with their touchpoints by the
 * impact & ranking stage, which knows each touchpoint's risk ratio).
 */
final class ChurnRun implements NightStage<ChurnRun.Result> {

  /**
   * @param crm the CRM rows the night models (without customers who churned before the window)
   * @param customers the customer feature table as written (cached; unpersist with {@link
   *     #release})
   * @param scoredActive the active customers with the model's churn probability (not yet computed)
   */
  record Result(
      Dataset<Row> crm,
      Dataset<Row> customers,
      long customerRows,
      Dataset<Row> scoredActive,
      ChurnFigures figures)
      implements StageResult {
    @Override
    public String summary() {
      return String.format(
          java.util.Locale.ROOT,
          "%d customers; %s, test ROC AUC %.3f",
          customerRows,
          figures.model(),
          figures.test().rocAuc());
    }

    @Override
    public Map<RunDataset, Long> outputs() {
      return Map.of(RunDataset.CUSTOMER_FEATURES, customerRows);
    }

    void release() {
      customers.unpersist();
    }
  }

  private final ContractsRun.Result contracts;

  ChurnRun(ContractsRun.Result contracts) {
    this.contracts = contracts;
  }

  @Override
  public String name() {
    return "churn";
  }

  @Override
  public String description() {
    return "customer features, churn model, permutation importance, active customers scored";
  }

  @Override
  public Result run(RunContext ctx) {
    LookbackWindow window = ctx.window();
    Dataset<Row> crmAccepted = contracts.crm();
    // With a lookback window, customers who churned before it are left out of the model, the
    // impact strata and the ranking: their activity is outside the night, so they would read as
    // idle churners.
    Column churnedBefore = window.churnedBefore(col(CrmSchema.CHURNED), col(CrmSchema.CHURN_DATE));
    long churnedBeforeWindow = window.bounded() ? crmAccepted.filter(churnedBefore).count() : 0L;
    Dataset<Row> crm =
        window.bounded() ? crmAccepted.filter(functions.not(churnedBefore)) : crmAccepted;
    if (window.bounded()) {
      ctx.stages()
          .progress(
              "churn: {} customers churned before the window ({}) left out of the model, the"
                  + " impact strata and the ranking",
              churnedBeforeWindow,
              window.from().orElseThrow().toString().substring(0, 10));
    }
    Dataset<Row> sessions = ctx.datasets().read(RunDataset.SESSION_TOUCHPOINTS);
    Dataset<Row> sentences = ctx.datasets().read(RunDataset.FEEDBACK_SCORED);

    ctx.datasets()
        .write(
            RunDataset.CUSTOMER_FEATURES,
            CustomerFeatures.table(crm, sessions, sentences, ctx.taxonomy(), ctx.runDate()));
    long clickstreamNotInCrm = CustomerFeatures.customersNotInCrm(sessions, crmAccepted);
    long feedbackNotInCrm = CustomerFeatures.customersNotInCrm(sentences, crmAccepted);
    if (clickstreamNotInCrm + feedbackNotInCrm > 0) {
      ctx.stages()
          .progress(
              "customers not in the CRM: {} in the clickstream, {} in the feedback (their"
                  + " activity counts in journeys, friction and sentiment, not in the churn model)",
              clickstreamNotInCrm,
              feedbackNotInCrm);
    }
    Dataset<Row> customers = ctx.datasets().read(RunDataset.CUSTOMER_FEATURES).cache();
    long customerRows = customers.count();
    ctx.stages()
        .progress("{}: {} customers", RunDataset.CUSTOMER_FEATURES.fileName(), customerRows);

    // Trained on every customer with a known outcome; churners' features stop at their churn
    // date, so the model learns from what preceded churn.
    Dataset<Row> input = CustomerRisk.modelInput(customers);
    Dataset<Row> known = input.filter(col(CrmSchema.CHURNED).isNotNull());
    ColumnTypes types = ColumnTypeDetector.detect(known, CrmSchema.CHURNED, CrmSchema.CUSTOMER_ID);
    ChurnModel.Settings settings = ChurnModel.Settings.from(ctx.config().churn());
    TrainedChurnModel model = ChurnModel.train(ChurnTable.prepare(known, types), types, settings);
    model.save(ctx.datasets().path(RunDataset.CHURN_MODEL));
    ChurnMetrics test = model.test();
    List<String> validation = new ArrayList<>();
    for (String family : ctx.config().churn().models()) {
      validation.add(family + " " + round(model.best(family).validationAuc()));
    }
    ctx.stages()
        .progress(
            "churn: {} chosen (best validation ROC AUC {}); test ROC AUC {}, PR AUC {}, Brier {},"
                + " expected calibration error {} (a calibrated model's noise floor on these"
                + " customers {})",
            model.modelName(),
            String.join(" / ", validation),
            round(test.rocAuc()),
            round(test.prAuc()),
            round(test.brier()),
            round(test.ece()),
            round(test.eceNoiseFloor()));

    Map<String, Double> aucDrops = Map.of();
    if (settings.permutationImportance()) {
      aucDrops =
          PermutationImportance.aucDropByTouchpoint(
              ChurnTable.prepare(known, types),
              types,
              model,
              CustomerFeatures.countedTouchpoints(ctx.taxonomy()),
              settings);
      ctx.stages()
          .progress(
              "churn: held-out ROC AUC drop when a touchpoint's features are shuffled {}",
              aucDrops);
    }

    Dataset<Row> active = input.filter(col(CrmSchema.CHURNED).equalTo(false));
    Dataset<Row> scoredActive = ChurnModel.score(model.model(), ChurnTable.prepare(active, types));
    return new Result(
        crm,
        customers,
        customerRows,
        scoredActive,
        figures(
            model,
            types,
            test,
            aucDrops,
            clickstreamNotInCrm,
            feedbackNotInCrm,
            window.bounded() ? churnedBeforeWindow : null));
  }

  private static ChurnFigures figures(
      TrainedChurnModel model,
      ColumnTypes types,
      ChurnMetrics test,
      Map<String, Double> aucDrops,
      long clickstreamNotInCrm,
      long feedbackNotInCrm,
      Long churnedBeforeWindow) {
    List<ChurnFigures.Candidate> candidates = new ArrayList<>();
    for (TrainedChurnModel.Candidate c : model.candidates()) {
      candidates.add(
          new ChurnFigures.Candidate(
              c.modelName(), c.params(), round(c.validationAuc()), c.rounds()));
    }
    List<ChurnFigures.Bin> bins = new ArrayList<>();
    for (ChurnMetrics.CalibrationBin b : test.calibration()) {
      bins.add(
          new ChurnFigures.Bin(
              b.decile(), b.count(), round(b.meanPredicted()), round(b.observedRate())));
    }
    return new ChurnFigures(
        model.modelName(),
        RunDataset.CHURN_MODEL.fileName(),
        clickstreamNotInCrm,
        feedbackNotInCrm,
        churnedBeforeWindow,
        types.rows(),
        types.churned(),
        model.trainRows(),
        model.validationRows(),
        types.numeric(),
        types.categorical(),
        types.excluded(),
        candidates,
        new ChurnFigures.Calibration(
            "platt",
            model.validationRows(),
            round(model.calibration().slope()),
            round(model.calibration().intercept())),
        new ChurnFigures.Test(
            test.n(),
            test.churned(),
            round(test.rocAuc()),
            round(test.prAuc()),
            round(test.brier()),
            round(test.ece()),
            round(test.eceNoiseFloor()),
            bins),
        aucDrops);
  }

  static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }
}

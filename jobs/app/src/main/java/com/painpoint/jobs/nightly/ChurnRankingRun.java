package com.painpoint.jobs.nightly;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;

import com.painpoint.features.config.PainpointConfig;
import com.painpoint.features.config.RankingOptions;
import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.customers.CustomerColumns;
import com.painpoint.features.customers.CustomerFeatures;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.window.LookbackWindow;
import com.painpoint.jobs.io.PreviousRuns;
import com.painpoint.jobs.io.RunOutput;
import com.painpoint.models.churn.ChurnColumns;
import com.painpoint.models.churn.ChurnEvaluation;
import com.painpoint.models.churn.ChurnMetrics;
import com.painpoint.models.churn.ChurnModel;
import com.painpoint.models.churn.ChurnTable;
import com.painpoint.models.churn.ColumnTypeDetector;
import com.painpoint.models.churn.ColumnTypes;
import com.painpoint.models.churn.CustomerRisk;
import com.painpoint.models.churn.PermutationImportance;
import com.painpoint.models.churn.StratifiedSplit;
import com.painpoint.models.churn.TrainedChurnModel;
import com.painpoint.models.impact.ImpactColumns;
import com.painpoint.models.impact.ImpactStrata;
import com.painpoint.models.impact.SegmentNegativity;
import com.painpoint.models.impact.TouchpointImpact;
import com.painpoint.models.ranking.RankingColumns;
import com.painpoint.models.ranking.TouchpointRanking;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The job's churn and ranking step: builds the customer feature table, measures each touchpoint's
 * churn impact, trains and saves the churn model, scores active customers, and ranks touchpoints by
 * pain score against the previous run's ranking.
 */
final class ChurnRankingRun {
  static final String CUSTOMER_FEATURES = "customer_features";
  static final String TOUCHPOINT_IMPACT = "touchpoint_impact";

  /** The fitted MLlib pipeline, inside the run folder so it commits (or vanishes) with the run. */
  static final String CHURN_MODEL = "churn_model";

  static final String CUSTOMER_RISK = "customer_risk";
  static final String TOUCHPOINT_RANKING = "touchpoint_ranking";

  /** Column added to the impact table: held-out ROC AUC lost when the touchpoint is shuffled. */
  static final String PERMUTATION_AUC_DROP = "permutation_auc_drop";

  /** Touchpoints named per at-risk customer. */
  static final int TOP_TOUCHPOINTS = 3;

  /**
   * The ranking and impact tables (collected: a row per touchpoint, or per touchpoint x evidence),
   * output row counts and the figures for the manifest's {@code churn} section.
   */
  record Outcome(
      List<Row> ranking,
      List<Row> impact,
      Map<String, Long> outputs,
      Map<String, Object> figures) {}

  private ChurnRankingRun() {}

  static Outcome run(
      SparkSession spark,
      Dataset<Row> crmAccepted,
      LookbackWindow window,
      Taxonomy taxonomy,
      PainpointConfig config,
      String outRoot,
      LocalDate runDate,
      RunOutput out,
      Stages stages) {
    RankingOptions options = config.ranking();
    Map<String, Long> outputs = new LinkedHashMap<>();
    // With a lookback window, customers who churned before it are left out of the whole stage:
    // their activity is outside the night, so they would read as idle churners.
    Column churnedBefore = window.churnedBefore(col(CrmSchema.CHURNED), col(CrmSchema.CHURN_DATE));
    long churnedBeforeWindow = window.bounded() ? crmAccepted.filter(churnedBefore).count() : 0L;
    Dataset<Row> crm =
        window.bounded() ? crmAccepted.filter(functions.not(churnedBefore)) : crmAccepted;
    if (window.bounded()) {
      stages.progress(
          "churn: {} customers churned before the window ({}) left out of the model, the impact"
              + " strata and the ranking",
          churnedBeforeWindow,
          window.from().orElseThrow().toString().substring(0, 10));
    }
    Dataset<Row> sessions = spark.read().parquet(out.path(NightlyJob.SESSION_TOUCHPOINTS));
    Dataset<Row> sentences = spark.read().parquet(out.path(SentimentRun.FEEDBACK_SCORED));

    CustomerFeatures.table(crm, sessions, sentences, taxonomy, runDate)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(out.path(CUSTOMER_FEATURES));
    long clickstreamNotInCrm = CustomerFeatures.customersNotInCrm(sessions, crmAccepted);
    long feedbackNotInCrm = CustomerFeatures.customersNotInCrm(sentences, crmAccepted);
    if (clickstreamNotInCrm + feedbackNotInCrm > 0) {
      stages.progress(
          "customers not in the CRM: {} in the clickstream, {} in the feedback (their activity"
              + " counts in journeys, friction and sentiment, not in the churn model)",
          clickstreamNotInCrm,
          feedbackNotInCrm);
    }
    Dataset<Row> customers = spark.read().parquet(out.path(CUSTOMER_FEATURES)).cache();
    long customerRows = customers.count();
    outputs.put(CUSTOMER_FEATURES, customerRows);
    stages.progress("{}: {} customers", CUSTOMER_FEATURES, customerRows);

    // Churn model: trained on every customer with a known outcome; churners' features stop at
    // their churn date, so the model learns from what preceded churn.
    Dataset<Row> input = CustomerRisk.modelInput(customers);
    Dataset<Row> known = input.filter(col(CrmSchema.CHURNED).isNotNull());
    ColumnTypes types = ColumnTypeDetector.detect(known, CrmSchema.CHURNED, CrmSchema.CUSTOMER_ID);
    TrainedChurnModel model =
        ChurnModel.train(ChurnTable.prepare(known, types), types, ChurnModel.Settings.defaults());
    model.save(out.path(CHURN_MODEL));
    ChurnMetrics test = model.test();
    stages.progress(
        "churn: {} chosen (validation ROC AUC lr {} / gbt {}); test ROC AUC {}, PR AUC {}, Brier {}",
        model.modelName(),
        round(model.best(ChurnModel.LOGISTIC_REGRESSION).validationAuc()),
        round(model.best(ChurnModel.GBT).validationAuc()),
        round(test.rocAuc()),
        round(test.prAuc()),
        round(test.brier()));

    Map<String, Double> aucDrops = permutationImportance(known, types, model, taxonomy);
    stages.progress(
        "churn: held-out ROC AUC drop when a touchpoint's features are shuffled {}", aucDrops);
    List<Row> drops = new ArrayList<>();
    aucDrops.forEach((tp, d) -> drops.add(RowFactory.create(tp, d)));
    Dataset<Row> impact =
        TouchpointImpact.table(
                ImpactStrata.counts(customers, taxonomy), taxonomy, options.minExposed())
            .join(
                spark.createDataFrame(
                    drops,
                    new StructType()
                        .add(ImpactColumns.TOUCHPOINT, DataTypes.StringType)
                        .add(PERMUTATION_AUC_DROP, DataTypes.DoubleType)),
                ImpactColumns.TOUCHPOINT,
                "left")
            .orderBy(
                col(ImpactColumns.POSITION),
                array_position(
                    array(
                        ImpactColumns.EVIDENCE_KINDS.stream()
                            .map(functions::lit)
                            .toArray(Column[]::new)),
                    col(ImpactColumns.EVIDENCE)))
            .cache();
    out.writeSmallTable(impact, TOUCHPOINT_IMPACT);
    List<Row> impactRows = impact.collectAsList();
    outputs.put(TOUCHPOINT_IMPACT, (long) impactRows.size());
    Map<String, Double> riskRatios = new HashMap<>();
    for (Row r : impactRows) {
      if (ImpactColumns.ANY.equals(r.getAs(ImpactColumns.EVIDENCE))
          && r.<Boolean>getAs(ImpactColumns.ENOUGH_EXPOSED)
          && r.getAs(ImpactColumns.MH_RR) != null) {
        riskRatios.put(r.getAs(ImpactColumns.TOUCHPOINT), r.getAs(ImpactColumns.MH_RR));
      }
    }
    stages.progress("{}: MH risk ratios (any evidence) {}", TOUCHPOINT_IMPACT, riskRatios);

    Dataset<Row> active = input.filter(col(CrmSchema.CHURNED).equalTo(false));
    CustomerRisk.table(
            ChurnModel.score(model.model(), ChurnTable.prepare(active, types)),
            customers,
            riskRatios,
            taxonomy,
            TOP_TOUCHPOINTS)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(out.path(CUSTOMER_RISK));
    long riskRows = spark.read().parquet(out.path(CUSTOMER_RISK)).count();
    outputs.put(CUSTOMER_RISK, riskRows);

    Optional<String> previousPath =
        PreviousRuns.latestBefore(spark, outRoot, runDate, TOUCHPOINT_RANKING);
    Dataset<Row> ranking =
        TouchpointRanking.withChange(
                TouchpointRanking.table(
                    impact,
                    SegmentNegativity.table(sentences, crm, taxonomy),
                    spark.read().parquet(out.path(NightlyJob.TOUCHPOINT_FRICTION)),
                    spark.read().parquet(out.path(ThemeRun.PAIN_THEMES)),
                    taxonomy,
                    options),
                previousPath.map(p -> spark.read().parquet(p)).orElse(null))
            .cache();
    out.writeSmallTable(ranking, TOUCHPOINT_RANKING);
    List<Row> rankingRows = ranking.collectAsList();
    outputs.put(TOUCHPOINT_RANKING, (long) rankingRows.size());
    ranking.unpersist();
    impact.unpersist();
    customers.unpersist();

    Map<String, Object> f = new LinkedHashMap<>();
    f.put("model", model.modelName());
    f.put("model_path", CHURN_MODEL);
    f.put("clickstream_customers_not_in_crm", clickstreamNotInCrm);
    f.put("feedback_customers_not_in_crm", feedbackNotInCrm);
    f.put("churned_before_window_excluded", window.bounded() ? churnedBeforeWindow : null);
    f.put("customers_with_outcome", types.rows());
    f.put("churned", types.churned());
    f.put("train_rows", model.trainRows());
    f.put("validation_rows", model.validationRows());
    f.put("numeric_features", types.numeric());
    f.put("categorical_features", types.categorical());
    f.put("excluded_columns", types.excluded());
    List<Map<String, Object>> candidates = new ArrayList<>();
    for (TrainedChurnModel.Candidate c : model.candidates()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", c.modelName());
      m.put("params", c.params());
      m.put("validation_roc_auc", round(c.validationAuc()));
      candidates.add(m);
    }
    f.put("candidates", candidates);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("n", test.n());
    t.put("churned", test.churned());
    t.put("roc_auc", round(test.rocAuc()));
    t.put("pr_auc", round(test.prAuc()));
    t.put("brier", round(test.brier()));
    List<Map<String, Object>> bins = new ArrayList<>();
    for (ChurnMetrics.CalibrationBin b : test.calibration()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("decile", b.decile());
      m.put("count", b.count());
      m.put("mean_predicted", round(b.meanPredicted()));
      m.put("observed_rate", round(b.observedRate()));
      bins.add(m);
    }
    t.put("calibration", bins);
    f.put("test", t);
    f.put("active_customers_scored", riskRows);
    Map<String, Object> weights = new LinkedHashMap<>();
    weights.put("negativity", options.negativityWeight());
    weights.put("friction", options.frictionWeight());
    weights.put("churn", options.churnWeight());
    weights.put("revenue", options.revenueWeight());
    f.put("ranking_weights", weights);
    f.put("ranking_compared_with", previousPath.orElse(null));
    f.put("permutation_auc_drop", aucDrops);
    return new Outcome(rankingRows, impactRows, outputs, f);
  }

  /**
   * Per touchpoint, the chosen model's test ROC AUC minus its AUC when the touchpoint's feature
   * group (visits, friction sessions, negative sentences there) is shuffled across test customers.
   */
  static Map<String, Double> permutationImportance(
      Dataset<Row> known, ColumnTypes types, TrainedChurnModel model, Taxonomy taxonomy) {
    ChurnModel.Settings s = ChurnModel.Settings.defaults();
    Dataset<Row> test =
        StratifiedSplit.assign(
                ChurnTable.prepare(known, types),
                types.idCol(),
                s.trainShare(),
                s.validationShare(),
                s.seed())
            .filter(col(ChurnColumns.SPLIT).equalTo(ChurnColumns.TEST))
            .cache();
    Map<String, Double> out = new LinkedHashMap<>();
    try {
      for (String t : CustomerFeatures.countedTouchpoints(taxonomy)) {
        List<String> group = new ArrayList<>();
        for (String m : CustomerColumns.TOUCHPOINT_MEASURES) {
          if (types.numeric().contains(CustomerColumns.of(t, m))) {
            group.add(CustomerColumns.of(t, m));
          }
        }
        if (group.isEmpty()) {
          continue;
        }
        double auc =
            ChurnEvaluation.rocAuc(
                ChurnModel.score(
                    model.model(),
                    PermutationImportance.permuted(test, group, types.idCol(), s.seed())));
        out.put(t, round(model.test().rocAuc() - auc));
      }
    } finally {
      test.unpersist();
    }
    return out;
  }

  static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }

  /** The top of the ranking for the log line: "billing 79.9, checkout 55.5". */
  static String top(List<Row> ranking, int n) {
    List<String> out = new ArrayList<>();
    for (Row r : ranking.subList(0, Math.min(n, ranking.size()))) {
      out.add(
          r.<String>getAs(RankingColumns.TOUCHPOINT)
              + String.format(Locale.ROOT, " %.1f", r.<Double>getAs(RankingColumns.PAIN_SCORE)));
    }
    return String.join(", ", out);
  }
}

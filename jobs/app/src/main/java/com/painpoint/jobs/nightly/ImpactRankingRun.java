package com.painpoint.jobs.nightly;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;

import com.painpoint.features.config.Initiatives;
import com.painpoint.features.config.PathOptions;
import com.painpoint.features.config.RankingOptions;
import com.painpoint.features.spark.Materialized;
import com.painpoint.jobs.io.RunDataset;
import com.painpoint.jobs.results.RankingFigures;
import com.painpoint.models.actions.Countermeasures;
import com.painpoint.models.churn.CustomerRisk;
import com.painpoint.models.impact.ImpactColumns;
import com.painpoint.models.impact.ImpactStrata;
import com.painpoint.models.impact.SegmentNegativity;
import com.painpoint.models.impact.TouchpointImpact;
import com.painpoint.models.initiatives.InitiativeEffects;
import com.painpoint.models.paths.PathEffects;
import com.painpoint.models.ranking.RankingColumns;
import com.painpoint.models.ranking.TouchpointRanking;
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
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Stage 7, touchpoint impact & ranking: each touchpoint's churn impact (stratified risk ratios,
 * excess churned revenue, the churn model's permutation importance), the at-risk customers with the
 * touchpoints that weigh on them, and the pain ranking against the previous run's.
 */
final class ImpactRankingRun implements NightStage<ImpactRankingRun.Result> {

  /** Column added to the impact table: held-out ROC AUC lost when the touchpoint is shuffled. */
  static final String PERMUTATION_AUC_DROP = "permutation_auc_drop";

  /** Touchpoints named per at-risk customer. */
  static final int TOP_TOUCHPOINTS = 3;

  /**
   * The ranking and impact tables (collected: a row per touchpoint, or per touchpoint × evidence)
   * and the stage's figures.
   */
  record Result(
      List<Row> ranking,
      List<Row> impact,
      long riskRows,
      RankingFigures figures,
      List<Countermeasures.Countermeasure> countermeasures,
      List<InitiativeEffects.Effect> initiativeEffects,
      PathEffects.Result paths,
      List<Row> churnPaths)
      implements StageResult {
    @Override
    public String summary() {
      List<String> out = new ArrayList<>();
      for (Row r : ranking.subList(0, Math.min(3, ranking.size()))) {
        out.add(
            r.<String>getAs(RankingColumns.TOUCHPOINT)
                + String.format(Locale.ROOT, " %.1f", r.<Double>getAs(RankingColumns.PAIN_SCORE)));
      }
      return "top pain: " + String.join(", ", out);
    }

    @Override
    public Map<RunDataset, Long> outputs() {
      Map<RunDataset, Long> m = new LinkedHashMap<>();
      m.put(RunDataset.TOUCHPOINT_IMPACT, (long) impact.size());
      m.put(RunDataset.CUSTOMER_RISK, riskRows);
      m.put(RunDataset.TOUCHPOINT_RANKING, (long) ranking.size());
      m.put(RunDataset.COUNTERMEASURES, (long) countermeasures.size());
      if (!initiativeEffects.isEmpty()) {
        m.put(RunDataset.INITIATIVE_EFFECTS, (long) initiativeEffects.size());
      }
      m.put(RunDataset.PATH_EFFECTS, (long) paths.states().size());
      m.put(RunDataset.CHURN_PATHS, (long) churnPaths.size());
      return m;
    }
  }

  private final FrictionRun.Result friction;
  private final ChurnRun.Result churn;

  ImpactRankingRun(FrictionRun.Result friction, ChurnRun.Result churn) {
    this.friction = friction;
    this.churn = churn;
  }

  @Override
  public String name() {
    return "impact & ranking";
  }

  @Override
  public String description() {
    return "touchpoint churn impact, at-risk customers, pain ranking, counter-measures,"
        + " initiative effects, paths to churn";
  }

  @Override
  public Result run(RunContext ctx) {
    RankingOptions options = ctx.config().ranking();
    List<Row> drops = new ArrayList<>();
    churn.figures().permutationAucDrop().forEach((tp, d) -> drops.add(RowFactory.create(tp, d)));
    Dataset<Row> impact =
        TouchpointImpact.table(
                ImpactStrata.counts(churn.customers(), ctx.taxonomy()),
                ctx.taxonomy(),
                options.minExposed())
            .join(
                ctx.spark()
                    .createDataFrame(
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
    ctx.datasets().writeSmallTable(RunDataset.TOUCHPOINT_IMPACT, impact);
    List<Row> impactRows = impact.collectAsList();
    Map<String, Double> riskRatios = new HashMap<>();
    for (Row r : impactRows) {
      if (ImpactColumns.ANY.equals(r.getAs(ImpactColumns.EVIDENCE))
          && r.<Boolean>getAs(ImpactColumns.ENOUGH_EXPOSED)
          && r.getAs(ImpactColumns.MH_RR) != null) {
        riskRatios.put(r.getAs(ImpactColumns.TOUCHPOINT), r.getAs(ImpactColumns.MH_RR));
      }
    }
    ctx.stages()
        .progress(
            "{}: MH risk ratios (any evidence) {}",
            RunDataset.TOUCHPOINT_IMPACT.fileName(),
            riskRatios);

    ctx.datasets()
        .write(
            RunDataset.CUSTOMER_RISK,
            CustomerRisk.table(
                churn.scoredActive(),
                churn.customers(),
                riskRatios,
                ctx.taxonomy(),
                TOP_TOUCHPOINTS));
    long riskRows = ctx.datasets().read(RunDataset.CUSTOMER_RISK).count();

    Optional<Dataset<Row>> previous = ctx.datasets().readPrevious(RunDataset.TOUCHPOINT_RANKING);
    Dataset<Row> ranking =
        TouchpointRanking.withChange(
                TouchpointRanking.table(
                    impact,
                    SegmentNegativity.table(
                        ctx.datasets().read(RunDataset.FEEDBACK_SCORED),
                        churn.crm(),
                        ctx.taxonomy()),
                    ctx.datasets().read(RunDataset.TOUCHPOINT_FRICTION),
                    ctx.datasets().read(RunDataset.PAIN_THEMES),
                    ctx.taxonomy(),
                    options),
                previous.orElse(null))
            .cache();
    ctx.datasets().writeSmallTable(RunDataset.TOUCHPOINT_RANKING, ranking);
    List<Row> rankingRows = ranking.collectAsList();
    ranking.unpersist();
    impact.unpersist();

    List<Countermeasures.ThemeFact> themes =
        ActionFacts.themes(
            ctx.datasets().read(RunDataset.PAIN_THEMES),
            ctx.datasets().previous(RunDataset.PAIN_THEMES).isEmpty());
    List<Countermeasures.Countermeasure> actions =
        Countermeasures.derive(
            ctx.playbook(),
            ActionFacts.touchpoints(rankingRows, friction.ranking()),
            ActionFacts.friction(friction.evidence()),
            themes);
    List<Row> actionRows = new ArrayList<>();
    actions.forEach(a -> actionRows.add(Countermeasures.toRow(a)));
    ctx.datasets()
        .writeSmallTable(
            RunDataset.COUNTERMEASURES,
            ctx.spark().createDataFrame(actionRows, Countermeasures.schema()).coalesce(1));
    ctx.stages()
        .progress(
            "{}: {} actions for {} touchpoints",
            RunDataset.COUNTERMEASURES.fileName(),
            actions.size(),
            actions.stream().map(a -> a.at().touchpoint()).distinct().count());

    List<InitiativeEffects.Effect> initiatives = initiativeEffects(ctx, themes);
    PathsMeasured paths = paths(ctx);
    return new Result(
        rankingRows,
        impactRows,
        riskRows,
        new RankingFigures(
            riskRows,
            new RankingFigures.Weights(
                options.negativityWeight(),
                options.frictionWeight(),
                options.churnWeight(),
                options.revenueWeight()),
            ctx.datasets().previous(RunDataset.TOUCHPOINT_RANKING).orElse(null),
            paths.figures()),
        actions,
        initiatives,
        paths.result(),
        paths.top());
  }

  /** The paths to churn as measured, the top paths, and their figures for the manifest. */
  private record PathsMeasured(
      PathEffects.Result result, List<Row> top, RankingFigures.Paths figures) {}

  /**
   * Paths to churn: every customer's path of journey steps (from this night's sessions and scored
   * feedback, ending by the CRM's outcome), the chain's effects with their intervals, and the most
   * common paths into churn.
   */
  private PathsMeasured paths(RunContext ctx) {
    PathOptions options = ctx.config().paths();
    Dataset<Row> paths =
        Materialized.of(
            PathEffects.paths(
                ctx.datasets().read(RunDataset.SESSION_TOUCHPOINTS),
                ctx.datasets().read(RunDataset.FEEDBACK_SCORED),
                churn.crm(),
                ctx.taxonomy()));
    PathEffects.Result result;
    List<Row> top;
    try {
      result = PathEffects.measure(paths, options.order(), options.replicates(), options.seed());
      ctx.datasets()
          .writeSmallTable(
              RunDataset.PATH_EFFECTS,
              ctx.spark()
                  .createDataFrame(PathEffects.rows(result), PathEffects.schema())
                  .coalesce(1));
      ctx.datasets()
          .writeSmallTable(
              RunDataset.CHURN_PATHS,
              PathEffects.churnPaths(paths, options.lastSteps(), options.topPaths()).coalesce(1));
      top = ctx.datasets().read(RunDataset.CHURN_PATHS).orderBy(PathEffects.RANK).collectAsList();
    } finally {
      Materialized.release(paths);
    }
    PathEffects.StateEffect first = result.states().isEmpty() ? null : result.states().get(0);
    RankingFigures.Paths figures =
        new RankingFigures.Paths(
            options.order(),
            options.replicates(),
            Math.round(result.churnProbability() * 1e4) / 1e4,
            result.states().size(),
            first == null ? null : first.state(),
            first == null ? null : Math.round(first.netEffect() * 1e4) / 1e4,
            first == null ? null : Math.round(first.netLow() * 1e4) / 1e4,
            first == null ? null : Math.round(first.netHigh() * 1e4) / 1e4,
            top.isEmpty() ? null : top.get(0).getAs(PathEffects.PATH));
    ctx.stages()
        .progress(
            "{}: order-{} chain over {} states, P(churn) {}, largest net effect {}",
            RunDataset.PATH_EFFECTS.fileName(),
            options.order(),
            result.states().size(),
            String.format(Locale.ROOT, "%.3f", result.churnProbability()),
            first == null
                ? "none"
                : String.format(
                    Locale.ROOT,
                    "%s %+.3f [%+.3f, %+.3f]",
                    first.state(),
                    first.netEffect(),
                    first.netLow(),
                    first.netHigh()));
    return new PathsMeasured(result, top, figures);
  }

  /**
   * Each declared initiative's effect on friction, negativity and churn at its touchpoint (none
   * without --initiatives).
   */
  private List<InitiativeEffects.Effect> initiativeEffects(
      RunContext ctx, List<Countermeasures.ThemeFact> themes) {
    Initiatives initiatives = ctx.initiatives();
    if (initiatives == null) {
      return List.of();
    }
    Map<String, List<String>> themeIds = new HashMap<>();
    for (Initiatives.Initiative in : initiatives.initiatives()) {
      if (in.theme() != null) {
        themeIds.put(
            in.id(),
            themes.stream()
                .filter(t -> t.touchpoint().equals(in.touchpoint()))
                .filter(t -> Countermeasures.matches(t, in.theme()))
                .map(Countermeasures.ThemeFact::themeId)
                .toList());
      }
    }
    List<InitiativeEffects.Effect> effects =
        InitiativeEffects.measure(
            initiatives,
            ctx.taxonomy(),
            ctx.options().runDate(),
            ctx.datasets().read(RunDataset.SESSION_TOUCHPOINTS),
            ctx.datasets().read(RunDataset.FEEDBACK_SCORED),
            churn.customers(),
            themeIds);
    List<Row> rows = new ArrayList<>();
    effects.forEach(e -> rows.add(InitiativeEffects.toRow(e)));
    ctx.datasets()
        .writeSmallTable(
            RunDataset.INITIATIVE_EFFECTS,
            ctx.spark().createDataFrame(rows, InitiativeEffects.schema()).coalesce(1));
    for (InitiativeEffects.Effect e : effects) {
      ctx.stages()
          .progress(
              "{}: {}: {}",
              RunDataset.INITIATIVE_EFFECTS.fileName(),
              e.initiative().id(),
              e.verdict());
    }
    return effects;
  }
}

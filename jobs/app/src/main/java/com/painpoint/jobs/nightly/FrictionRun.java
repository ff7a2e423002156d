package com.painpoint.jobs.nightly;

import com.painpoint.features.journeys.FrictionEvidence;
import com.painpoint.features.journeys.JourneyAggregates;
import com.painpoint.features.journeys.JourneyColumns;
import com.painpoint.jobs.io.RunDataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stage 3, friction: the per-touchpoint friction table ({@code touchpoint_friction}, ranked), where
 * that friction happens ({@code friction_evidence}) and each customer's friction exposures ({@code
 * customer_friction}).
 */
final class FrictionRun implements NightStage<FrictionRun.Result> {

  /** The friction table (collected: a row per touchpoint) and the exposure rows written. */
  record Result(List<Row> ranking, long exposureRows, List<Row> evidence) implements StageResult {
    @Override
    public String summary() {
      List<String> out = new ArrayList<>();
      for (Row r : ranking.subList(0, Math.min(3, ranking.size()))) {
        Double rate = r.getAs(JourneyColumns.FRICTION_RATE);
        out.add(
            r.<String>getAs(JourneyColumns.TOUCHPOINT)
                + String.format(Locale.ROOT, " %.1f%%", rate == null ? 0 : 100 * rate));
      }
      return "top friction: " + String.join(", ", out);
    }

    @Override
    public Map<RunDataset, Long> outputs() {
      Map<RunDataset, Long> m = new LinkedHashMap<>();
      m.put(RunDataset.TOUCHPOINT_FRICTION, (long) ranking.size());
      m.put(RunDataset.FRICTION_EVIDENCE, (long) evidence.size());
      m.put(RunDataset.CUSTOMER_FRICTION, exposureRows);
      return m;
    }
  }

  /** Evidence rows kept per touchpoint and friction kind. */
  static final int EVIDENCE_PER_KIND = 3;

  private final ContractsRun.Result contracts;
  private final JourneysRun.Result journeys;

  FrictionRun(ContractsRun.Result contracts, JourneysRun.Result journeys) {
    this.contracts = contracts;
    this.journeys = journeys;
  }

  @Override
  public String name() {
    return "friction";
  }

  @Override
  public String description() {
    return "per-touchpoint friction table, its evidence (failing urls, slow pages, stops) and"
        + " per-customer exposures";
  }

  @Override
  public Result run(RunContext ctx) {
    Dataset<Row> sessionTouchpoints = journeys.sessionTouchpoints();
    Dataset<Row> table =
        JourneyAggregates.touchpointFriction(sessionTouchpoints, ctx.taxonomy()).cache();
    ctx.datasets().writeSmallTable(RunDataset.TOUCHPOINT_FRICTION, table);
    List<Row> rows = table.collectAsList();
    ctx.datasets()
        .write(
            RunDataset.CUSTOMER_FRICTION,
            JourneyAggregates.customerFriction(sessionTouchpoints, ctx.taxonomy()));
    long exposureRows = ctx.datasets().read(RunDataset.CUSTOMER_FRICTION).count();
    table.unpersist();
    Dataset<Row> evidence =
        FrictionEvidence.table(
                contracts.clickstream(), sessionTouchpoints, ctx.taxonomy(), EVIDENCE_PER_KIND)
            .cache();
    ctx.datasets().writeSmallTable(RunDataset.FRICTION_EVIDENCE, evidence);
    List<Row> evidenceRows = evidence.collectAsList();
    evidence.unpersist();
    return new Result(rows, exposureRows, evidenceRows);
  }
}

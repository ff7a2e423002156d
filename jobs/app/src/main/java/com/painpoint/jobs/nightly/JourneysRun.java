package com.painpoint.jobs.nightly;

import com.painpoint.features.journeys.Journeys;
import com.painpoint.jobs.io.RunDataset;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Stage 2, journeys: maps the night's events to touchpoints, sessionizes them and derives each
 * session × touchpoint's friction signals ({@code session_touchpoints}, kept persisted for the
 * friction stage; unpersist with {@link Result#release}).
 */
final class JourneysRun implements NightStage<JourneysRun.Result> {

  /** The session × touchpoint rows (persisted), their count and partitions. */
  record Result(Dataset<Row> sessionTouchpoints, long rows, int partitions) implements StageResult {
    @Override
    public String summary() {
      return rows + " session x touchpoint rows";
    }

    @Override
    public Map<RunDataset, Long> outputs() {
      return Map.of(RunDataset.SESSION_TOUCHPOINTS, rows);
    }

    void release() {
      sessionTouchpoints.unpersist();
    }
  }

  private final ContractsRun.Result contracts;

  JourneysRun(ContractsRun.Result contracts) {
    this.contracts = contracts;
  }

  @Override
  public String name() {
    return "journeys";
  }

  @Override
  public String description() {
    return "map events to touchpoints, sessionize, derive friction";
  }

  @Override
  public Result run(RunContext ctx) {
    Dataset<Row> events = contracts.clickstream();
    Dataset<Row> st =
        Journeys.sessionTouchpoints(events, ctx.taxonomy(), ctx.config().journeys(), ctx.nightEnd())
            .persist(StorageLevel.MEMORY_AND_DISK());
    ctx.datasets().write(RunDataset.SESSION_TOUCHPOINTS, st);
    long rows = st.count();
    TouchpointCoverage.check(rows, events, ctx.taxonomy(), ctx.options().taxonomy());
    int partitions = st.rdd().getNumPartitions();
    ctx.stages()
        .progress(
            "{}: {} session x touchpoint rows in {} partitions",
            RunDataset.SESSION_TOUCHPOINTS.fileName(),
            rows,
            partitions);
    return new Result(st, rows, partitions);
  }
}

package com.painpoint.jobs.nightly;

import com.painpoint.jobs.io.RunDataset;
import java.util.Map;

/** What every stage result tells the run: a one-line summary, and the datasets it wrote. */
interface StageResult {
  /** One line for the log and the manifest's stage timings. */
  String summary();

  /** The datasets the stage wrote, with their row counts, in the order they were written. */
  default Map<RunDataset, Long> outputs() {
    return Map.of();
  }
}

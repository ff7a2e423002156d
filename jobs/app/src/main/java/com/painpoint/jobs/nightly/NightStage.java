package com.painpoint.jobs.nightly;

/**
 * One stage of the night (the design's pipeline): a name for the log and the Spark UI, and one
 * entry point from the run's context to an immutable result. What a stage needs from earlier stages
 * it receives as their results, through its constructor.
 */
interface NightStage<R extends StageResult> {
  String name();

  /** What the stage does, in a few words (the Spark UI's job group description). */
  String description();

  R run(RunContext ctx);
}

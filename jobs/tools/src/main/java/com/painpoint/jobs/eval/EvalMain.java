package com.painpoint.jobs.eval;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * The shell every evaluation, training and benchmark script shares: the tool parses its arguments
 * first (so a bad argument fails before Spark starts), asks for the session when it needs one, and
 * a {@link PainpointException} becomes one line {@code <tool>: error: …} on stderr and the
 * exception's exit code; the session is stopped either way.
 */
final class EvalMain {
  private EvalMain() {}

  /** A tool's work, given a session that starts on first use. */
  @FunctionalInterface
  interface Body {
    void run(Session spark) throws Exception;
  }

  /** The tool's Spark session, started on first {@link #get()}. */
  static final class Session {
    private final String appName;
    private SparkSession spark;

    private Session(String appName) {
      this.appName = appName;
    }

    SparkSession get() {
      if (spark == null) {
        spark = SparkSessions.forJob(appName);
      }
      return spark;
    }
  }

  /**
   * Runs {@code body} as the tool {@code tool} (e.g. "eval-sentiment"); exits non-zero on error.
   */
  static void run(String tool, Body body) throws Exception {
    int code = 0;
    Session session = new Session("painpoint-" + tool);
    try {
      body.run(session);
    } catch (PainpointException e) {
      code = e.kind().exitCode();
      System.err.println(tool + ": error: " + e.getMessage());
    } finally {
      if (session.spark != null) {
        session.spark.stop();
      }
    }
    if (code != 0) {
      System.exit(code);
    }
  }
}

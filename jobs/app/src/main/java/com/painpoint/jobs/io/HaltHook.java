package com.painpoint.jobs.io;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the JVM at a named point of a run, the way a crash would, when the system property {@value
 * #PROPERTY} names that point: {@code stage:<name>} at the start of a stage, {@code wrote:<output>}
 * right after an output is written. Crash tests (and operators rehearsing a recovery) kill a run at
 * a deterministic point this way instead of racing a log line.
 */
public final class HaltHook {
  /** System property naming the point to halt at, e.g. {@code wrote:touchpoint_impact}. */
  public static final String PROPERTY = "painpoint.debug.haltAt";

  /** The halted JVM's exit status: what a SIGKILLed process reports (128 + 9). */
  public static final int EXIT_STATUS = 137;

  private static final Logger LOG = LoggerFactory.getLogger("painpoint");

  private HaltHook() {}

  /**
   * Halts (no shutdown hooks, no cleanup, like {@code kill -9}) if {@code point} is the one set.
   */
  public static void reached(String point) {
    if (point.equals(System.getProperty(PROPERTY))) {
      LOG.warn("halting at {} ({} is set): exit {}, no cleanup", point, PROPERTY, EXIT_STATUS);
      Runtime.getRuntime().halt(EXIT_STATUS);
    }
  }
}

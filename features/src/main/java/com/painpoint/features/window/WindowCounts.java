package com.painpoint.features.window;

import java.io.Serializable;

/**
 * How a source's accepted rows fell against the night's lookback window.
 *
 * @param inWindow accepted rows the night uses
 * @param beforeWindow accepted rows dated before the window's first day (left out, not rejected)
 * @param undated accepted rows without a timestamp (a nullable column): they cannot be placed in
 *     the window, so they are left out too
 */
public record WindowCounts(long inWindow, long beforeWindow, long undated) implements Serializable {

  /** Accepted rows left out of the night by the window. */
  public long outsideWindow() {
    return beforeWindow + undated;
  }

  /** True when every accepted row is either in the window or counted outside it. */
  public boolean reconciles(long accepted) {
    return accepted == inWindow + outsideWindow();
  }
}

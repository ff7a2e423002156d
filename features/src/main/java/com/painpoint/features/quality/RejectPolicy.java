package com.painpoint.features.quality;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.contracts.Field;
import com.painpoint.features.contracts.RejectReasons;
import com.painpoint.features.contracts.SourceContract;
import com.painpoint.features.contracts.SourceHints;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether a source's quality stops the run: a required column that no row carries, or a
 * share of rejected rows above the limit. Exact duplicates are counted but do not count against the
 * limit: a re-sent export is not bad data. When the most common rejection looks like an export
 * convention the source was not read with (epoch timestamps, decimal commas), the message says what
 * to set in the config.
 */
public final class RejectPolicy {
  private final double maxRejectShare;

  public RejectPolicy(double maxRejectShare) {
    this.maxRejectShare = maxRejectShare;
  }

  /** Throws a {@link PainpointException} of kind BAD_INPUT naming file, column and value. */
  public void check(SourceQuality q, SourceContract contract, String path) {
    if (q.rowsRead() == 0) {
      throw PainpointException.badInput(q.source() + ": no rows in " + path);
    }
    for (Field f : contract.fields()) {
      if (f.requiredValue() && q.accepted() == 0) {
        Long missing = q.rejectedByReason().get(RejectReasons.missing(f.name()));
        if (missing != null && missing == q.rowsRead()) {
          throw PainpointException.badInput(
              q.source()
                  + ": required column '"
                  + f.name()
                  + "' has no value in any of "
                  + q.rowsRead()
                  + " rows of "
                  + path
                  + " (column missing or mapped to the wrong name?)");
        }
      }
    }
    long counted =
        q.rejected() - q.rejectedByReason().getOrDefault(RejectReasons.DUPLICATE_ROW, 0L);
    double share = (double) counted / q.rowsRead();
    if (share > maxRejectShare) {
      Map.Entry<String, Long> top =
          q.rejectedByReason().entrySet().stream()
              .filter(e -> !e.getKey().equals(RejectReasons.DUPLICATE_ROW))
              .max(Map.Entry.comparingByValue())
              .orElseThrow();
      SourceQuality.RejectExample ex = q.examples().get(top.getKey());
      String hint = ex == null ? null : SourceHints.rejection(contract, top.getKey(), ex.value());
      throw PainpointException.badInput(
          String.format(
              Locale.ROOT,
              "%s: %.1f%% of %d rows rejected (limit %.1f%%); most common: %s (%d rows), e.g. file %s,"
                  + " column %s, value '%s'; see rejected/%s/%s",
              q.source(),
              100 * share,
              q.rowsRead(),
              100 * maxRejectShare,
              top.getKey(),
              top.getValue(),
              ex == null ? path : ex.file(),
              ex == null ? "?" : ex.column(),
              ex == null ? "" : ex.value(),
              q.source(),
              hint == null ? "" : "; " + hint));
    }
  }
}

package com.painpoint.features.window;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.contracts.SourceContract;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The night's lookback window: the last {@code days} UTC days up to and including the run date,
 * {@code [runDate + 1 day - days, runDate + 1 day)}, or all history when no number of days is set.
 *
 * <p>It applies to accepted rows, after the contract: a row dated before the window is not an
 * error, so it is never rejected; it is left out of the night and counted ({@link WindowCounts}).
 * Every row read stays either accepted or rejected, and accepted = in window + outside window.
 */
public final class LookbackWindow implements Serializable {
  /** The largest number of days accepted: about a century, beyond any export's history. */
  public static final int MAX_DAYS = 36_500;

  private static final String IN = "window_in";
  private static final String BEFORE = "window_before";
  private static final String UNDATED = "window_undated";

  private final LocalDate runDate;
  private final Integer days;

  private LookbackWindow(LocalDate runDate, Integer days) {
    this.runDate = runDate;
    this.days = days;
  }

  /** No window: every accepted row counts, whatever its date (the default). */
  public static LookbackWindow allHistory(LocalDate runDate) {
    return new LookbackWindow(runDate, null);
  }

  /** The {@code days} UTC days ending with the run date; 1 is the run date alone. */
  public static LookbackWindow lastDays(LocalDate runDate, int days) {
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException(
          "lookback days must be from 1 to " + MAX_DAYS + ", got " + days);
    }
    return new LookbackWindow(runDate, days);
  }

  /** False for {@link #allHistory}: nothing is filtered and nothing is counted. */
  public boolean bounded() {
    return days != null;
  }

  public Optional<Integer> days() {
    return Optional.ofNullable(days);
  }

  /** First instant inside the window (inclusive); empty for all history. */
  public Optional<Instant> from() {
    return days().map(d -> until().minus(java.time.Duration.ofDays(d)));
  }

  /** First instant after the run date (exclusive); the contracts already reject later rows. */
  public Instant until() {
    return endOfNight(runDate);
  }

  /**
   * The end of the night of {@code runDate}: the first instant after it, UTC. The one definition
   * the contracts' date bounds, the window and the journeys' open sessions share.
   */
  public static Instant endOfNight(LocalDate runDate) {
    return runDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * True when {@code ts} falls in the window; false for a null timestamp, which cannot be placed in
   * a bounded window. Always true for all history.
   */
  public Column contains(Column ts) {
    if (!bounded()) {
      return lit(true);
    }
    Column inside =
        ts.geq(lit(Timestamp.from(from().orElseThrow()))).and(ts.lt(lit(Timestamp.from(until()))));
    return coalesce(inside, lit(false));
  }

  /**
   * The rows of {@code accepted} whose {@code timeColumn} falls in the window; {@code accepted}
   * itself, unchanged, for all history.
   */
  public Dataset<Row> keep(Dataset<Row> accepted, String timeColumn) {
    return bounded() ? accepted.filter(contains(col(timeColumn))) : accepted;
  }

  /**
   * CRM customers whose outcome falls outside the window: churned before its first day. Their
   * clickstream and feedback lie before the window, so within it they look like customers who did
   * nothing and churned; a churn model or an exposure count fed with them learns the window, not
   * the customers. False for every row with all history, and for customers still active or without
   * a churn date.
   *
   * @param churned the CRM's boolean churn flag
   * @param churnDate the CRM's churn date (a date)
   */
  public Column churnedBefore(Column churned, Column churnDate) {
    if (!bounded()) {
      return lit(false);
    }
    java.sql.Date first =
        java.sql.Date.valueOf(from().orElseThrow().atZone(ZoneOffset.UTC).toLocalDate());
    return coalesce(churned.equalTo(true).and(churnDate.lt(lit(first))), lit(false));
  }

  /**
   * Aggregates over rows returned by {@link SourceContract#validate}, to compute in the same pass
   * as the source's data-quality metrics: accepted rows in the window, dated before it, and
   * undated. Empty for all history.
   */
  public Column[] metrics(String timeColumn) {
    if (!bounded()) {
      return new Column[0];
    }
    Column accepted = col(SourceContract.REJECT_REASON).isNull();
    Column ts = col(timeColumn);
    Column in = contains(ts);
    return new Column[] {
      count(accepted.and(in)).as(IN),
      count(accepted.and(ts.lt(lit(Timestamp.from(from().orElseThrow()))))).as(BEFORE),
      count(accepted.and(ts.isNull())).as(UNDATED)
    };
  }

  /** Reads the counts of {@link #metrics} from the aggregate row. */
  public WindowCounts read(Row r) {
    return new WindowCounts(number(r, IN), number(r, BEFORE), number(r, UNDATED));
  }

  private static Column count(Column condition) {
    return sum(when(condition, 1L).otherwise(0L));
  }

  private static long number(Row r, String name) {
    Object v = r.getAs(name);
    return v == null ? 0L : ((Number) v).longValue();
  }

  @Override
  public String toString() {
    return bounded()
        ? days + " day(s): " + from().orElseThrow() + " (inclusive) to " + until() + " (exclusive)"
        : "all history";
  }
}

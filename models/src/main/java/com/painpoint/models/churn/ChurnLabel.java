package com.painpoint.models.churn;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.config.PainpointException;
import org.apache.spark.sql.Column;

/** Reads a churn label written as Yes/No, true/false, 1/0 or churned/active, in any case. */
public final class ChurnLabel {
  static final String EXPECTED = "Yes/No, true/false, 1/0 or churned/active";

  private ChurnLabel() {}

  /** 1.0 for churned, 0.0 for active, null for anything else (blank included). */
  public static Column parse(Column raw) {
    Column v = lower(trim(raw.cast("string")));
    return when(v.isin("yes", "true", "1", "churned"), lit(1.0))
        .when(v.isin("no", "false", "0", "active"), lit(0.0));
  }

  /**
   * Fails unless every label parsed and both classes occur. {@code firstBad} is the smallest
   * unreadable value ("" for a blank), or null when all parsed.
   */
  static void check(String labelCol, String firstBad, long badRows, long churned, long active) {
    if (firstBad != null) {
      throw PainpointException.badInput(
          "column '"
              + labelCol
              + "' has label '"
              + firstBad
              + "'"
              + (firstBad.isEmpty() ? " (blank)" : "")
              + " in "
              + badRows
              + (badRows == 1 ? " row" : " rows")
              + "; expected "
              + EXPECTED);
    }
    if (churned == 0 || active == 0) {
      throw PainpointException.badInput(
          "column '"
              + labelCol
              + "' has "
              + (churned == 0 ? "no churned" : "no active")
              + " customers; a churn model needs both");
    }
  }
}

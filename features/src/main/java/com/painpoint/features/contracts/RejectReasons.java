package com.painpoint.features.contracts;

/** Reject reasons shared by every source; source-specific ones are built from column names. */
public final class RejectReasons {
  /** The CSV/JSON parser could not split the row into the header's columns. */
  public static final String MALFORMED_ROW = "malformed_row";

  /**
   * A value holding bytes that are not UTF-8 (the reader turned them into U+FFFD): the text is
   * damaged, so the row is quarantined rather than scored or joined on a mangled value.
   */
  public static final String INVALID_UTF8 = "invalid_utf8";

  /** A byte-identical copy (after normalisation) of an accepted row. */
  public static final String DUPLICATE_ROW = "duplicate_row";

  /** The same id with different values: every row of that id is rejected. */
  public static final String CONFLICTING_DUPLICATE_ID = "conflicting_duplicate_id";

  private RejectReasons() {}

  public static String missing(String column) {
    return "missing_" + column;
  }

  public static String invalid(String column) {
    return "invalid_" + column;
  }

  public static String outOfRange(String column) {
    return column + "_out_of_range";
  }
}

package com.painpoint.features.quality;

import java.io.Serializable;
import java.util.Map;

/**
 * Data-quality metrics of one source for one run.
 *
 * @param source crm, feedback or clickstream
 * @param rowsRead rows the reader produced
 * @param accepted rows that passed the contract
 * @param rejectedByReason reject reason -> rows (only reasons that occurred)
 * @param examples reject reason -> the first offending row (file, column, value)
 * @param completeness column -> share of accepted rows with a value
 * @param distinctCustomers distinct customer ids among accepted rows
 */
public record SourceQuality(
    String source,
    long rowsRead,
    long accepted,
    Map<String, Long> rejectedByReason,
    Map<String, RejectExample> examples,
    Map<String, Double> completeness,
    long distinctCustomers)
    implements Serializable {

  /** One offending row, to name in a message. */
  public record RejectExample(String file, String column, String value) implements Serializable {}

  public long rejected() {
    return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /** True when every row read is either accepted or rejected with a reason. */
  public boolean reconciles() {
    return rowsRead == accepted + rejected();
  }
}

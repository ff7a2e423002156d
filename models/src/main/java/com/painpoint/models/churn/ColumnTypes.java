package com.painpoint.models.churn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each column of a customer table is used by the churn model: numeric, categorical, or excluded
 * with the reason; plus the row and churner counts seen while deciding.
 *
 * @param labelCol the churn label column
 * @param idCol the customer id column, or null when the table has none
 * @param numeric columns whose non-blank values all parse as numbers
 * @param categorical columns used as categories (one-hot)
 * @param excluded column name to why it is not a feature, in table order
 * @param distinct approximate distinct non-blank values per column
 * @param rows rows in the table
 * @param churned rows labelled churned
 */
public record ColumnTypes(
    String labelCol,
    String idCol,
    List<String> numeric,
    List<String> categorical,
    Map<String, String> excluded,
    Map<String, Long> distinct,
    long rows,
    long churned) {

  public ColumnTypes {
    numeric = List.copyOf(numeric);
    categorical = List.copyOf(categorical);
    excluded = Collections.unmodifiableMap(new LinkedHashMap<>(excluded));
    distinct = Collections.unmodifiableMap(new LinkedHashMap<>(distinct));
  }

  /** Rows labelled active. */
  public long active() {
    return rows - churned;
  }
}

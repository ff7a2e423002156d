package com.painpoint.features.contracts;

import org.apache.spark.sql.Column;

/**
 * A contract rule on parsed values: rows where {@code violated} is true are rejected with {@code
 * reason}, citing {@code column}.
 */
public record RowRule(String reason, String column, Column violated) {}

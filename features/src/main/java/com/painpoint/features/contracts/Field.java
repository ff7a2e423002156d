package com.painpoint.features.contracts;

import java.io.Serializable;

/**
 * One column of an input contract.
 *
 * @param name Painpoint's name for the column
 * @param type its type and parsing rule
 * @param requiredColumn the file must have this column (else the run stops)
 * @param requiredValue a row without a value is rejected as {@code missing_<name>}
 */
public record Field(String name, FieldType type, boolean requiredColumn, boolean requiredValue)
    implements Serializable {

  public static Field required(String name, FieldType type) {
    return new Field(name, type, true, true);
  }

  public static Field optional(String name, FieldType type) {
    return new Field(name, type, false, false);
  }
}

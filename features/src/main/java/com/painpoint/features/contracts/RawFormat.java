package com.painpoint.features.contracts;

import com.painpoint.features.config.SourceConfig;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;

/**
 * How the raw values of one column are written when the source's config says they differ from the
 * contract's defaults: amounts with a decimal comma, timestamps as epoch numbers. The reader puts
 * it in the raw column's metadata and the contract reads it back when it parses the column: the
 * ingest hands the contract only the raw Dataset, so the options travel with it, as MLlib's column
 * attributes do.
 */
final class RawFormat {
  /** Metadata key: the epoch unit (seconds, millis, micros) of a timestamp column's numbers. */
  static final String TIMESTAMP_UNIT = "painpoint.timestamp_unit";

  /** Metadata key: the decimal separator of an amount or score column written as text. */
  static final String DECIMAL = "painpoint.decimal";

  private RawFormat() {}

  /** The metadata for {@code field}'s raw column under {@code config} (empty: the defaults). */
  static Metadata of(Field field, SourceConfig config) {
    MetadataBuilder m = new MetadataBuilder();
    if (field.type() == FieldType.TIMESTAMP && config.timestampUnit() != null) {
      m.putString(TIMESTAMP_UNIT, config.timestampUnit().key());
    }
    if ((field.type() == FieldType.MONEY || field.type() == FieldType.DOUBLE)
        && config.decimalComma()) {
      m.putString(DECIMAL, SourceConfig.DECIMAL_COMMA);
    }
    return m.build();
  }

  /** The epoch unit of {@code raw}'s numbers, or null when it holds none. */
  static SourceConfig.TimestampUnit timestampUnit(StructField raw) {
    Metadata m = raw.metadata();
    return m.contains(TIMESTAMP_UNIT)
        ? SourceConfig.TimestampUnit.of(m.getString(TIMESTAMP_UNIT))
        : null;
  }

  static boolean decimalComma(StructField raw) {
    Metadata m = raw.metadata();
    return m.contains(DECIMAL) && SourceConfig.DECIMAL_COMMA.equals(m.getString(DECIMAL));
  }
}

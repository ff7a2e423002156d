package com.painpoint.features.contracts;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The contract of one input source: parses raw columns into typed ones and marks every row that
 * breaks the contract with a {@code reject_reason}, the offending column and its raw value. Exact
 * duplicates (after id normalisation) are marked {@code duplicate_row}; ids carried by rows with
 * different values are marked {@code conflicting_duplicate_id}.
 */
public final class SourceContract {
  public static final String REJECT_REASON = "reject_reason";
  public static final String REJECT_COLUMN = "reject_column";
  public static final String REJECT_VALUE = "reject_value";
  public static final String SOURCE_FILE = "source_file";

  /** Raw values of a rejected row, as text, for the quarantine output. */
  public static final String RAW = "raw";

  /** Column the CSV/JSON readers fill with a row they could not parse. */
  public static final String CORRUPT_RECORD = "_corrupt_record";

  private static final int MAX_VALUE_CHARS = 200;
  private static final String REPLACEMENT_CHARACTER = "\uFFFD";

  private final String name;
  private final List<Field> fields;
  private final String idColumn;
  private final LocalDate runDate;
  private final Function<Function<String, Column>, List<RowRule>> rules;

  /**
   * @param name source name (crm, feedback, clickstream)
   * @param fields contract columns in output order
   * @param idColumn column whose value identifies a row (null: rows are identified by content)
   * @param runDate the run's date: data must not be dated after it
   * @param rules rules on typed values; given a function from column name to typed column
   */
  public SourceContract(
      String name,
      List<Field> fields,
      String idColumn,
      LocalDate runDate,
      Function<Function<String, Column>, List<RowRule>> rules) {
    this.name = name;
    this.fields = List.copyOf(fields);
    this.idColumn = idColumn;
    this.runDate = runDate;
    this.rules = rules;
  }

  public String name() {
    return name;
  }

  public List<Field> fields() {
    return fields;
  }

  public Optional<String> idColumn() {
    return Optional.ofNullable(idColumn);
  }

  LocalDate runDate() {
    return runDate;
  }

  public List<String> fieldNames() {
    return fields.stream().map(Field::name).toList();
  }

  /** The typed schema of accepted rows. */
  public StructType schema() {
    List<StructField> out = new ArrayList<>();
    for (Field f : fields) {
      out.add(DataTypes.createStructField(f.name(), f.type().sparkType(), !f.requiredValue()));
    }
    return DataTypes.createStructType(out);
  }

  /** Every reason this contract can give, in the order the checks run. */
  public List<String> reasons() {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    out.add(RejectReasons.MALFORMED_ROW);
    out.add(RejectReasons.INVALID_UTF8);
    for (Field f : fields) {
      if (canBeInvalid(f)) {
        out.add(RejectReasons.invalid(f.name()));
      }
      if (f.requiredValue()) {
        out.add(RejectReasons.missing(f.name()));
      }
    }
    for (RowRule r : rules.apply(c -> col(c))) {
      out.add(r.reason());
    }
    out.add(RejectReasons.CONFLICTING_DUPLICATE_ID);
    out.add(RejectReasons.DUPLICATE_ROW);
    return List.copyOf(out);
  }

  private static boolean canBeInvalid(Field f) {
    return !f.type().sparkType().equals(DataTypes.StringType);
  }

  /**
   * Parses and checks {@code raw} (our column names, raw types, plus {@link #SOURCE_FILE} and
   * optionally {@link #CORRUPT_RECORD}); returns typed columns plus the reject columns.
   */
  public Dataset<Row> validate(Dataset<Row> raw) {
    StructType rs = raw.schema();
    List<Column> typed = new ArrayList<>();
    // The raw values as read (text from CSV/JSON, native types from Parquet): they are turned
    // into text only for the rows that get rejected, not for every row.
    List<Column> rawValues = new ArrayList<>();
    for (Field f : fields) {
      Column r = col(quote(f.name()));
      typed.add(f.type().parse(r, rs.apply(f.name())).as(f.name()));
      rawValues.add(r.as(f.name()));
    }
    boolean hasCorrupt = List.of(rs.fieldNames()).contains(CORRUPT_RECORD);
    typed.add(col(SOURCE_FILE));
    typed.add(
        (hasCorrupt ? col(CORRUPT_RECORD) : lit(null).cast(DataTypes.StringType))
            .as(CORRUPT_RECORD));
    typed.add(struct(rawValues.toArray(Column[]::new)).as(RAW));
    Dataset<Row> parsed = raw.select(typed.toArray(Column[]::new));

    // First failing check wins; the order is that of reasons(), but for a refused line with bad
    // bytes.
    Column reason = null;
    Column column = null;
    Column value = null;
    List<Column[]> checks = new ArrayList<>();
    // A line the JSON parser refused because of bytes that are not UTF-8 is named for the bytes.
    checks.add(
        new Column[] {
          coalesce(notUtf8(col(CORRUPT_RECORD)), lit(false)),
          lit(RejectReasons.INVALID_UTF8),
          lit("*"),
          col(CORRUPT_RECORD)
        });
    checks.add(
        new Column[] {
          col(CORRUPT_RECORD).isNotNull(),
          lit(RejectReasons.MALFORMED_ROW),
          lit("*"),
          col(CORRUPT_RECORD)
        });
    // Only text can carry bytes that are not UTF-8, or be blank: a native Parquet value cannot.
    for (Field f : fields) {
      if (textual(rs, f)) {
        Column rawValue = col(RAW + "." + quote(f.name()));
        checks.add(
            new Column[] {
              coalesce(notUtf8(rawValue), lit(false)),
              lit(RejectReasons.INVALID_UTF8),
              lit(f.name()),
              rawValue
            });
      }
    }
    for (Field f : fields) {
      Column rawValue = col(RAW + "." + quote(f.name()));
      Column present =
          textual(rs, f)
              ? rawValue.isNotNull().and(FieldType.strip(rawValue).notEqual(""))
              : rawValue.isNotNull();
      if (canBeInvalid(f)) {
        checks.add(
            new Column[] {
              present.and(col(f.name()).isNull()),
              lit(RejectReasons.invalid(f.name())),
              lit(f.name()),
              rawValue
            });
      }
      if (f.requiredValue()) {
        checks.add(
            new Column[] {
              col(f.name()).isNull(), lit(RejectReasons.missing(f.name())), lit(f.name()), rawValue
            });
      }
    }
    for (RowRule rule : rules.apply(c -> col(quote(c)))) {
      checks.add(
          new Column[] {
            coalesce(rule.violated(), lit(false)),
            lit(rule.reason()),
            lit(rule.column()),
            col(RAW + "." + quote(rule.column()))
          });
    }
    // The conditions are evaluated once per row, in one chain giving the index of the first
    // failing check; reason, column and value are then looked up from that index.
    Column index = null;
    for (int i = 0; i < checks.size(); i++) {
      Column[] c = checks.get(i);
      index = index == null ? when(c[0], lit(i)) : index.when(c[0], lit(i));
    }
    Column at = col("_check");
    for (int i = 0; i < checks.size(); i++) {
      Column[] c = checks.get(i);
      Column hit = at.equalTo(lit(i));
      reason = reason == null ? when(hit, c[1]) : reason.when(hit, c[1]);
      column = column == null ? when(hit, c[2]) : column.when(hit, c[2]);
      Column shown = c[3].cast(DataTypes.StringType);
      value = value == null ? when(hit, shown) : value.when(hit, shown);
    }
    Dataset<Row> checked =
        parsed
            .withColumn("_check", index)
            // An accepted row's index is null: no lookup matches, and the three are null.
            .select(
                col("*"),
                reason.as(REJECT_REASON),
                column.as(REJECT_COLUMN),
                substring(value, 1, MAX_VALUE_CHARS).as(REJECT_VALUE))
            .drop("_check");
    return markDuplicates(checked);
  }

  private Dataset<Row> markDuplicates(Dataset<Row> checked) {
    Column hash = xxhash64(fields.stream().map(f -> col(quote(f.name()))).toArray(Column[]::new));
    Column key =
        idColumn == null
            ? concat(lit("#"), hash.cast(DataTypes.StringType))
            : coalesce(col(idColumn), concat(lit("#"), hash.cast(DataTypes.StringType)));
    Column okHash = when(col(REJECT_REASON).isNull(), col("_hash"));
    // Both windows share partitioning and order, so one sort serves both.
    WindowSpec ordered =
        Window.partitionBy(col("_key"))
            .orderBy(
                col(REJECT_REASON).isNull().desc(),
                col("_hash"),
                col(SOURCE_FILE).asc_nulls_last());
    WindowSpec byKey =
        ordered.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    Column conflicting =
        col(REJECT_REASON).isNull().and(min(okHash).over(byKey).notEqual(max(okHash).over(byKey)));
    Column duplicate = col(REJECT_REASON).isNull().and(row_number().over(ordered).gt(1));
    String idShown = idColumn == null ? fields.get(0).name() : idColumn;
    Dataset<Row> marked =
        checked
            .withColumn("_hash", hash)
            .withColumn("_key", key)
            // One select, so both window expressions land in one Window operator.
            .select(col("*"), conflicting.as("_conflict"), duplicate.as("_dup"))
            .withColumn(
                REJECT_COLUMN,
                when(col("_conflict").or(col("_dup")), lit(idShown)).otherwise(col(REJECT_COLUMN)))
            .withColumn(
                REJECT_VALUE,
                when(
                        col("_conflict").or(col("_dup")),
                        col(RAW + "." + quote(idShown)).cast(DataTypes.StringType))
                    .otherwise(col(REJECT_VALUE)))
            .withColumn(
                REJECT_REASON,
                when(col("_conflict"), lit(RejectReasons.CONFLICTING_DUPLICATE_ID))
                    .when(col("_dup"), lit(RejectReasons.DUPLICATE_ROW))
                    .otherwise(col(REJECT_REASON)));
    List<Column> out = new ArrayList<>();
    for (Field f : fields) {
      out.add(col(quote(f.name())));
    }
    out.add(col(SOURCE_FILE));
    out.add(col(REJECT_REASON));
    out.add(col(REJECT_COLUMN));
    out.add(col(REJECT_VALUE));
    List<Column> rawText = new ArrayList<>();
    for (Field f : fields) {
      rawText.add(col(RAW + "." + quote(f.name())).cast(DataTypes.StringType).as(f.name()));
    }
    out.add(when(col(REJECT_REASON).isNotNull(), struct(rawText.toArray(Column[]::new))).as(RAW));
    return marked.select(out.toArray(Column[]::new));
  }

  /** Rows that keep their place in the pipeline, with the contract schema. */
  public Dataset<Row> accepted(Dataset<Row> validated) {
    return validated
        .filter(col(REJECT_REASON).isNull())
        .select(fields.stream().map(f -> col(quote(f.name()))).toArray(Column[]::new));
  }

  /**
   * Quarantined rows: reason, column, raw value, file, and every raw column as text. Free text (and
   * the raw line of a malformed record) is PII-redacted, since customers write their emails, phone
   * and card numbers into it and quarantine files get passed around.
   */
  public Dataset<Row> rejected(Dataset<Row> validated) {
    Dataset<Row> rows =
        validated
            .filter(col(REJECT_REASON).isNotNull())
            .select(
                col(REJECT_REASON),
                col(REJECT_COLUMN),
                col(REJECT_VALUE),
                col(SOURCE_FILE),
                col(RAW + ".*"));
    List<String> present = List.of(rows.columns());
    List<String> freeText = new ArrayList<>();
    for (Field f : fields) {
      if (f.type() == FieldType.FREE_TEXT) {
        freeText.add(f.name());
      }
    }
    freeText.add(CORRUPT_RECORD);
    Column redactValue = lit(false);
    for (String name : freeText) {
      if (present.contains(name)) {
        rows = rows.withColumn(name, REDACT.apply(col(quote(name))));
      }
      redactValue = redactValue.or(col(REJECT_COLUMN).equalTo(lit(name)));
    }
    return rows.withColumn(
        REJECT_VALUE,
        when(redactValue, REDACT.apply(col(REJECT_VALUE))).otherwise(col(REJECT_VALUE)));
  }

  private static final org.apache.spark.sql.expressions.UserDefinedFunction REDACT =
      org.apache.spark.sql.functions.udf(
          (org.apache.spark.sql.api.java.UDF1<String, String>)
              com.painpoint.features.text.PiiRedactor::redact,
          DataTypes.StringType);

  /**
   * True for text holding bytes that were not UTF-8: the CSV reader decodes them as U+FFFD, the
   * JSON reader keeps a refused line's raw bytes.
   */
  private static Column notUtf8(Column text) {
    return text.contains(REPLACEMENT_CHARACTER)
        .or(org.apache.spark.sql.functions.not(org.apache.spark.sql.functions.is_valid_utf8(text)));
  }

  private static boolean textual(StructType raw, Field f) {
    return raw.apply(f.name()).dataType().equals(DataTypes.StringType);
  }

  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}

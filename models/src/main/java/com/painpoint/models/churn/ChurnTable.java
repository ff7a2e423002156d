package com.painpoint.models.churn;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Turns a raw customer table (any column types, typically all strings from a CSV) into the typed
 * table the churn model reads: the id, {@link ChurnColumns#LABEL}, categoricals as strings with
 * blanks as {@link ChurnColumns#MISSING_CATEGORY}, numerics as doubles with blanks as null.
 */
public final class ChurnTable {
  private ChurnTable() {}

  /** Keeps the columns {@code types} uses, under their own names, typed. */
  public static Dataset<Row> prepare(Dataset<Row> raw, ColumnTypes types) {
    List<Column> out = new ArrayList<>();
    if (types.idCol() != null) {
      out.add(cleaned(types.idCol()).as(types.idCol()));
    }
    out.add(ChurnLabel.parse(ref(types.labelCol())).as(ChurnColumns.LABEL));
    for (String c : types.categorical()) {
      out.add(coalesce(cleaned(c), lit(ChurnColumns.MISSING_CATEGORY)).as(c));
    }
    for (String c : types.numeric()) {
      out.add(cleaned(c).try_cast(DataTypes.DoubleType).as(c));
    }
    return raw.select(out.toArray(new Column[0]));
  }

  /** A column by its exact name, even if the name holds dots or spaces. */
  static Column ref(String name) {
    return col("`" + name.replace("`", "``") + "`");
  }

  /** The column as trimmed text; blank ("" or spaces only) becomes null. */
  static Column cleaned(String name) {
    Column t = trim(ref(name).cast(DataTypes.StringType));
    return when(t.notEqual(lit("")), t);
  }
}

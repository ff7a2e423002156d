package com.painpoint.features.journeys;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.contracts.ClickstreamSchema;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.taxonomy.Touchpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Adds the touchpoint of each event: an event name listed by a touchpoint wins; otherwise the first
 * touchpoint (in taxonomy file order) whose url pattern is found in the url's path; else null.
 */
public final class TouchpointMapper {
  private TouchpointMapper() {}

  public static Dataset<Row> withTouchpoint(Dataset<Row> events, Taxonomy taxonomy) {
    return events.withColumn(JourneyColumns.TOUCHPOINT, touchpointOf(taxonomy));
  }

  static Column touchpointOf(Taxonomy taxonomy) {
    Column type = col(ClickstreamSchema.EVENT_TYPE);
    // Scheme and host, then query and fragment, are stripped so patterns see only the path.
    Column path =
        regexp_replace(
            regexp_replace(col(ClickstreamSchema.URL), "^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", ""),
            "[?#].*$",
            "");
    Column expr = null;
    for (Touchpoint t : taxonomy.touchpoints()) {
      List<String> names = new ArrayList<>();
      for (String e : concat(t.events(), t.startEvents(), t.successEvents())) {
        names.add(e.toLowerCase(Locale.ROOT));
      }
      if (!names.isEmpty()) {
        Column cond = type.isin(names.toArray());
        expr = expr == null ? when(cond, t.name()) : expr.when(cond, t.name());
      }
    }
    for (Touchpoint t : taxonomy.touchpoints()) {
      for (String p : t.urlPatterns()) {
        Column cond = path.rlike(p);
        expr = expr == null ? when(cond, t.name()) : expr.when(cond, t.name());
      }
    }
    return expr == null ? lit(null).cast(DataTypes.StringType) : expr;
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> out = new ArrayList<>();
    for (List<String> l : lists) {
      out.addAll(l);
    }
    return out;
  }
}

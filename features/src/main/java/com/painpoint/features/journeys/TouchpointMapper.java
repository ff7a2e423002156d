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

  private static final String PATH = "_path";

  public static Dataset<Row> withTouchpoint(Dataset<Row> events, Taxonomy taxonomy) {
    // The path is its own column so that it is computed once per event: inlined into the CASE
    // below, Spark would strip the url again for every url-pattern branch it tries.
    return events
        .withColumn(PATH, pathOf(col(ClickstreamSchema.URL)))
        .withColumn(JourneyColumns.TOUCHPOINT, touchpointOf(taxonomy, col(PATH)))
        .drop(PATH);
  }

  /** Scheme and host, then query and fragment, are stripped so patterns see only the path. */
  static Column pathOf(Column url) {
    return regexp_replace(
        regexp_replace(url, "^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", ""), "[?#].*$", "");
  }

  private static Column touchpointOf(Taxonomy taxonomy, Column path) {
    Column type = col(ClickstreamSchema.EVENT_TYPE);
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
      for (String p : urlRegexes(t.urlPatterns())) {
        Column cond = path.rlike(p);
        expr = expr == null ? when(cond, t.name()) : expr.when(cond, t.name());
      }
    }
    return expr == null ? lit(null).cast(DataTypes.StringType) : expr;
  }

  /**
   * A touchpoint's url patterns as one alternation, so each event runs one regex per touchpoint
   * rather than one per pattern. The first touchpoint with any matching pattern still wins.
   * Patterns with back-references keep their own regex (group numbers would shift inside an
   * alternation).
   */
  static List<String> urlRegexes(List<String> patterns) {
    if (patterns.size() < 2 || patterns.stream().anyMatch(p -> p.matches("(?s).*\\\\[1-9].*"))) {
      return patterns;
    }
    List<String> groups = new ArrayList<>();
    for (String p : patterns) {
      groups.add("(?:" + p + ")");
    }
    return List.of(String.join("|", groups));
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

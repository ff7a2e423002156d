package com.painpoint.jobs.bench;

import com.painpoint.features.journeys.JourneyConfig;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.taxonomy.Touchpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The journeys and friction stages written as DuckDB SQL over the same Parquet files: the same
 * normalisation as the clickstream contract, touchpoint mapping, 30-minute sessionization, friction
 * signals per session x touchpoint, and the per-touchpoint and per-customer aggregates. Mirrors
 * {@code TouchpointMapper}, {@code Sessionizer}, {@code FrictionSignals} and {@code
 * JourneyAggregates} rule for rule; the benchmark checks that both give the same counts.
 */
final class DuckDbJourneys {
  private DuckDbJourneys() {}

  /** CREATE TABLE st AS ...: one row per (actor, session, touchpoint), as FrictionSignals. */
  static String sessionTouchpointsSql(
      String clickstreamGlob, Taxonomy taxonomy, JourneyConfig config, long asOfMillis) {
    long gapMs = config.sessionGapMinutes() * 60_000L;
    return "CREATE OR REPLACE TABLE st AS\n"
        + "WITH ev AS (\n"
        + "  SELECT nullif(lower(trim(event_id)), '') AS event_id,\n"
        + "         nullif(lower(trim(customer_id)), '') AS customer_id,\n"
        + "         nullif(lower(trim(anonymous_id)), '') AS anonymous_id,\n"
        + "         nullif(trim(session_id), '') AS session_id,\n"
        + "         event_time,\n"
        + "         nullif(lower(trim(event_type)), '') AS event_type,\n"
        + "         nullif(trim(url), '') AS url,\n"
        + "         nullif(trim(target), '') AS target,\n"
        + "         status_code, duration_ms\n"
        + "  FROM read_parquet('"
        + clickstreamGlob.replace("'", "''")
        + "', hive_partitioning = false)\n"
        + "), pathed AS (\n"
        + "  SELECT *, regexp_replace(regexp_replace(url, '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*', ''),"
        + " '[?#].*$', '') AS _path FROM ev\n"
        + "), mapped AS (\n"
        + "  SELECT *, "
        + touchpointCase(taxonomy)
        + " AS touchpoint,\n"
        + "         coalesce(customer_id, 'anon:' || anonymous_id) AS actor_id,\n"
        + "         session_id IS NOT NULL AS _has_session,\n"
        + "         epoch_ms(event_time) AS _ms\n"
        + "  FROM pathed\n"
        + "), starts AS (\n"
        + "  SELECT *, CASE WHEN lag(_ms) OVER w IS NULL OR _ms - lag(_ms) OVER w > "
        + gapMs
        + " THEN 1 ELSE 0 END AS _starts\n"
        + "  FROM mapped\n"
        + "  WINDOW w AS (PARTITION BY actor_id, _has_session ORDER BY event_time, event_id)\n"
        + "), sessions AS (\n"
        + "  SELECT *, CASE WHEN _has_session THEN actor_id || '|' || session_id\n"
        + "    ELSE actor_id || '|~' || CAST(sum(_starts) OVER (PARTITION BY actor_id, _has_session"
        + " ORDER BY event_time, event_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"
        + " AS VARCHAR) END AS session_key\n"
        + "  FROM starts\n"
        + "), clicks AS (\n"
        + "  SELECT *, (event_type = 'click' AND target IS NOT NULL) AS _is_click FROM sessions\n"
        + "), flagged_all AS (\n"
        + "  SELECT *,\n"
        + "    touchpoint IS NOT NULL AND NOT (lag(touchpoint) OVER w_order IS NOT DISTINCT FROM"
        + " touchpoint) AS _visit_start,\n"
        + "    _is_click AND lag(_ms, "
        + (config.rageClickCount() - 1)
        + ") OVER w_target IS NOT NULL AND _ms - lag(_ms, "
        + (config.rageClickCount() - 1)
        + ") OVER w_target <= "
        + config.rageClickWindowMs()
        + " AS _rage,\n"
        + "    max(event_time) OVER (PARTITION BY actor_id, session_key) AS _session_end\n"
        + "  FROM clicks\n"
        + "  WINDOW w_order AS (PARTITION BY actor_id, session_key ORDER BY event_time, event_id),\n"
        + "         w_target AS (PARTITION BY actor_id, session_key, _is_click, target"
        + " ORDER BY event_time, event_id)\n"
        + "), configured AS (\n"
        + "  SELECT * FROM (VALUES "
        + configuredRows(taxonomy)
        + ") AS c(touchpoint, _configured)\n"
        + "), observed AS (\n"
        + "  SELECT touchpoint, quantile_disc(duration_ms, "
        + config.slowPercentile()
        + ") AS _observed FROM flagged_all\n"
        + "  WHERE touchpoint IS NOT NULL AND event_type = 'page_view' AND duration_ms IS NOT NULL\n"
        + "  GROUP BY touchpoint\n"
        + "), thresholds AS (\n"
        + "  SELECT c.touchpoint, CAST(coalesce(c._configured, o._observed) AS BIGINT) AS _threshold\n"
        + "  FROM configured c LEFT JOIN observed o USING (touchpoint)\n"
        + "), flagged AS (\n"
        + "  SELECT f.*, t._threshold,\n"
        + "    f.event_type = 'error' OR coalesce(f.status_code >= 500, false) AS _is_error,\n"
        + "    f.event_type = 'page_view' AND coalesce(f.duration_ms > t._threshold, false)"
        + " AS _is_slow,\n"
        + "    "
        + flowEvent(taxonomy, true)
        + " AS _is_start,\n"
        + "    "
        + flowEvent(taxonomy, false)
        + " AS _is_success\n"
        + "  FROM flagged_all f JOIN thresholds t ON f.touchpoint = t.touchpoint\n"
        + "), per_session AS (\n"
        + "  SELECT actor_id, session_key, touchpoint,\n"
        + "    max(customer_id) AS customer_id, min(event_time) AS start_time,"
        + " max(event_time) AS end_time, count(*) AS events,\n"
        + "    sum(CASE WHEN _visit_start THEN 1 ELSE 0 END) AS visits,\n"
        + "    sum(CASE WHEN _is_error THEN 1 ELSE 0 END) AS error_events,\n"
        + "    sum(CASE WHEN _rage THEN 1 ELSE 0 END) AS rage_clicks,\n"
        + "    sum(CASE WHEN _is_slow THEN 1 ELSE 0 END) AS slow_views,\n"
        + "    bool_or(_is_start) AS _has_start, bool_or(_is_success) AS _has_success,\n"
        + "    max(_session_end) AS _session_end, max(_threshold) AS slow_threshold_ms\n"
        + "  FROM flagged GROUP BY actor_id, session_key, touchpoint\n"
        + "), flags AS (\n"
        + "  SELECT *, error_events > 0 AS has_error, rage_clicks > 0 AS has_rage_click,\n"
        + "    visits >= "
        + config.loopVisits()
        + " AS has_loop,\n"
        + "    _has_start AND NOT _has_success AND epoch_ms(_session_end) <= "
        + (asOfMillis - gapMs)
        + " AS has_abandonment,\n"
        + "    slow_views > 0 AS has_slowness\n"
        + "  FROM per_session\n"
        + ")\n"
        + "SELECT actor_id, session_key, touchpoint, customer_id, start_time, end_time, events,"
        + " visits, error_events, rage_clicks, slow_views, slow_threshold_ms,\n"
        + "  has_error, has_rage_click, has_loop, has_abandonment, has_slowness,\n"
        + "  has_error OR has_rage_click OR has_loop OR has_abandonment OR has_slowness"
        + " AS has_friction,\n"
        + "  list_filter([CASE WHEN has_error THEN 'error' END, CASE WHEN has_rage_click THEN"
        + " 'rage_click' END, CASE WHEN has_loop THEN 'loop' END, CASE WHEN has_abandonment THEN"
        + " 'abandonment' END, CASE WHEN has_slowness THEN 'slowness' END], x -> x IS NOT NULL)"
        + " AS friction_kinds\n"
        + "FROM flags";
  }

  /** The per-touchpoint friction table (counts and rates), as JourneyAggregates. */
  static String touchpointFrictionSql(Taxonomy taxonomy) {
    return "WITH agg AS (SELECT touchpoint, count(*) AS sessions,"
        + " count(DISTINCT customer_id) AS customers,"
        + " sum(CASE WHEN has_friction THEN 1 ELSE 0 END) AS friction_sessions,"
        + " sum(CASE WHEN has_error THEN 1 ELSE 0 END) AS n_error,"
        + " sum(CASE WHEN has_rage_click THEN 1 ELSE 0 END) AS n_rage_click,"
        + " sum(CASE WHEN has_loop THEN 1 ELSE 0 END) AS n_loop,"
        + " sum(CASE WHEN has_abandonment THEN 1 ELSE 0 END) AS n_abandonment,"
        + " sum(CASE WHEN has_slowness THEN 1 ELSE 0 END) AS n_slowness,"
        + " max(slow_threshold_ms) AS slow_threshold_ms FROM st GROUP BY touchpoint)\n"
        + "SELECT t.touchpoint, coalesce(sessions, 0) AS sessions,"
        + " coalesce(customers, 0) AS customers,"
        + " coalesce(friction_sessions, 0) AS friction_sessions,"
        + " CASE WHEN sessions > 0 THEN friction_sessions / sessions END AS friction_rate,"
        + " coalesce(n_error, 0) AS n_error, coalesce(n_rage_click, 0) AS n_rage_click,"
        + " coalesce(n_loop, 0) AS n_loop, coalesce(n_abandonment, 0) AS n_abandonment,"
        + " coalesce(n_slowness, 0) AS n_slowness, slow_threshold_ms\n"
        + "FROM (VALUES "
        + taxonomy.touchpoints().stream()
            .map(t -> "(" + quote(t.name()) + ", " + t.position() + ")")
            .collect(Collectors.joining(", "))
        + ") AS t(touchpoint, position) LEFT JOIN agg USING (touchpoint)\n"
        + "ORDER BY friction_rate DESC NULLS LAST, position";
  }

  /** Each friction exposure of a known customer, as JourneyAggregates.customerFriction. */
  static String customerFrictionSql(Taxonomy taxonomy) {
    return "SELECT customer_id, st.touchpoint, session_key, start_time AS exposure_time,"
        + " friction_kinds, o.outcome FROM st JOIN (VALUES "
        + taxonomy.touchpoints().stream()
            .map(t -> "(" + quote(t.name()) + ", " + t.outcome() + ")")
            .collect(Collectors.joining(", "))
        + ") AS o(touchpoint, outcome) ON st.touchpoint = o.touchpoint"
        + " WHERE has_friction AND customer_id IS NOT NULL";
  }

  private static String touchpointCase(Taxonomy taxonomy) {
    StringBuilder b = new StringBuilder("CASE");
    for (Touchpoint t : taxonomy.touchpoints()) {
      List<String> names = new ArrayList<>();
      for (List<String> l : List.of(t.events(), t.startEvents(), t.successEvents())) {
        for (String e : l) {
          names.add(quote(e.toLowerCase(Locale.ROOT)));
        }
      }
      if (!names.isEmpty()) {
        b.append(" WHEN event_type IN (")
            .append(String.join(", ", names))
            .append(") THEN ")
            .append(quote(t.name()));
      }
    }
    for (Touchpoint t : taxonomy.touchpoints()) {
      for (String p : t.urlPatterns()) {
        b.append(" WHEN regexp_matches(_path, ")
            .append(quote(p))
            .append(") THEN ")
            .append(quote(t.name()));
      }
    }
    return b.append(" END").toString();
  }

  private static String flowEvent(Taxonomy taxonomy, boolean start) {
    List<String> parts = new ArrayList<>();
    for (Touchpoint t : taxonomy.touchpoints()) {
      List<String> names = start ? t.startEvents() : t.successEvents();
      if (names.isEmpty()) {
        continue;
      }
      parts.add(
          "(f.touchpoint = "
              + quote(t.name())
              + " AND f.event_type IN ("
              + names.stream()
                  .map(n -> quote(n.toLowerCase(Locale.ROOT)))
                  .collect(Collectors.joining(", "))
              + "))");
    }
    return parts.isEmpty() ? "false" : "(false OR " + String.join(" OR ", parts) + ")";
  }

  private static String configuredRows(Taxonomy taxonomy) {
    return taxonomy.touchpoints().stream()
        .map(
            t ->
                "("
                    + quote(t.name())
                    + ", "
                    + (t.slowMs() == null ? "CAST(NULL AS BIGINT)" : t.slowMs() + "::BIGINT")
                    + ")")
        .collect(Collectors.joining(", "));
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}

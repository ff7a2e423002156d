package com.painpoint.features.journeys;

/** Column names of the journeys stage's outputs. */
public final class JourneyColumns {
  public static final String TOUCHPOINT = "touchpoint";

  /** customer_id, or "anon:" + anonymous_id for visitors not yet known. */
  public static final String ACTOR_ID = "actor_id";

  /** Unique across actors: actor_id + "|" + the source's session_id, or "|~n" when derived. */
  public static final String SESSION_KEY = "session_key";

  public static final String START_TIME = "start_time";
  public static final String END_TIME = "end_time";
  public static final String EVENTS = "events";
  public static final String VISITS = "visits";
  public static final String ERROR_EVENTS = "error_events";
  public static final String RAGE_CLICKS = "rage_clicks";
  public static final String SLOW_VIEWS = "slow_views";
  public static final String SLOW_THRESHOLD_MS = "slow_threshold_ms";
  public static final String HAS_ERROR = "has_error";
  public static final String HAS_RAGE_CLICK = "has_rage_click";
  public static final String HAS_LOOP = "has_loop";
  public static final String HAS_ABANDONMENT = "has_abandonment";
  public static final String HAS_SLOWNESS = "has_slowness";
  public static final String HAS_FRICTION = "has_friction";
  public static final String FRICTION_KINDS = "friction_kinds";
  public static final String OUTCOME = "outcome";
  public static final String EXPOSURE_TIME = "exposure_time";

  public static final String POSITION = "position";
  public static final String OWNER = "owner";
  public static final String SESSIONS = "sessions";
  public static final String CUSTOMERS = "customers";
  public static final String FRICTION_SESSIONS = "friction_sessions";
  public static final String FRICTION_RATE = "friction_rate";
  public static final String FRICTION_RANK = "friction_rank";

  /** Friction kinds, as they appear in {@link #FRICTION_KINDS}. */
  public static final String KIND_ERROR = "error";

  public static final String KIND_RAGE_CLICK = "rage_click";
  public static final String KIND_LOOP = "loop";
  public static final String KIND_ABANDONMENT = "abandonment";
  public static final String KIND_SLOWNESS = "slowness";

  /** Every friction kind, in report order. */
  public static final java.util.List<String> KINDS =
      java.util.List.of(KIND_ERROR, KIND_RAGE_CLICK, KIND_LOOP, KIND_ABANDONMENT, KIND_SLOWNESS);

  private JourneyColumns() {}

  /** The rate column of one friction kind in the per-touchpoint table. */
  public static String rateOf(String kind) {
    return kind + "_rate";
  }
}

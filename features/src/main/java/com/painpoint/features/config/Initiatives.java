package com.painpoint.features.config;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.painpoint.features.taxonomy.Taxonomy;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The company's initiatives ({@code initiatives.yaml}, {@code --initiatives}): fixes it shipped at
 * a touchpoint from a start date, whose effect the night measures (before against after, against
 * the touchpoints without an initiative).
 *
 * @param windowDays days of the before window and of the after window (default 28)
 * @param guardDays days left out on each side of the start date, while the fix rolls out (default
 *     3)
 * @param churnFollowUpDays a customer exposed at the touchpoint counts as churned when they churn
 *     within this many days after their first exposure in the window (default 14)
 * @param minRows fewest rows (session × touchpoint rows, sentences, customers) in each of the four
 *     cells (touchpoint or control, before or after) for a metric to be measured (default 30)
 * @param initiatives the initiatives, in file order
 */
public record Initiatives(
    int windowDays, int guardDays, int churnFollowUpDays, int minRows, List<Initiative> initiatives)
    implements Serializable {

  /**
   * One initiative.
   *
   * @param id short name, unique in the file
   * @param touchpoint where the fix was made (a taxonomy touchpoint)
   * @param friction the friction kind it targets (error, rage_click, loop, abandonment, slowness);
   *     null: any friction
   * @param theme a theme id or a word of a theme's label or top terms it targets; null: none
   * @param start the first day the fix was live
   * @param description what was done, in the words leadership reads
   * @param owner the team; null: the touchpoint's owner in the taxonomy
   */
  public record Initiative(
      String id,
      String touchpoint,
      String friction,
      String theme,
      LocalDate start,
      String description,
      String owner)
      implements Serializable {

    @JsonCreator
    static Initiative fromYaml(
        @JsonProperty("id") String id,
        @JsonProperty("touchpoint") String touchpoint,
        @JsonProperty("friction") String friction,
        @JsonProperty("theme") String theme,
        @JsonProperty("start") String start,
        @JsonProperty("description") String description,
        @JsonProperty("owner") String owner) {
      if (id == null || id.isBlank()) {
        throw new InvalidConfigValue("id", "is required (a short name for the initiative)");
      }
      String named = " (initiative '" + id.trim() + "')";
      if (touchpoint == null || touchpoint.isBlank()) {
        throw new InvalidConfigValue("touchpoint", "is required" + named);
      }
      String kind = EntryFields.frictionKind(friction, named);
      String themeWord = EntryFields.theme(theme, named);
      if (start == null || start.isBlank()) {
        throw new InvalidConfigValue(
            "start", "is required (the first day the fix was live, yyyy-MM-dd)" + named);
      }
      LocalDate day;
      try {
        day = LocalDate.parse(start.trim());
      } catch (DateTimeParseException e) {
        throw new InvalidConfigValue(
            "start", "must be a date yyyy-MM-dd, got '" + start + "'" + named);
      }
      if (description == null || description.isBlank()) {
        throw new InvalidConfigValue("description", "is required (what was done)" + named);
      }
      String team = EntryFields.owner(owner, named);
      return new Initiative(
          id.trim(), touchpoint.trim(), kind, themeWord, day, description.trim(), team);
    }
  }

  @JsonCreator
  static Initiatives fromYaml(
      @JsonProperty("window_days") Integer windowDays,
      @JsonProperty("guard_days") Integer guardDays,
      @JsonProperty("churn_follow_up_days") Integer churnFollowUpDays,
      @JsonProperty("min_rows") Integer minRows,
      @JsonProperty("initiatives") List<Initiative> initiatives) {
    int window = requireNonNullElse(windowDays, 28);
    if (window < 1 || window > 366) {
      throw new InvalidConfigValue("window_days", "must be from 1 to 366, got " + window);
    }
    int guard = requireNonNullElse(guardDays, 3);
    if (guard < 0 || guard > 90) {
      throw new InvalidConfigValue("guard_days", "must be from 0 to 90, got " + guard);
    }
    int followUp = requireNonNullElse(churnFollowUpDays, 14);
    if (followUp < 1 || followUp > 366) {
      throw new InvalidConfigValue(
          "churn_follow_up_days", "must be from 1 to 366, got " + followUp);
    }
    int min = requireNonNullElse(minRows, 30);
    if (min < 1) {
      throw new InvalidConfigValue("min_rows", "must be at least 1, got " + min);
    }
    if (initiatives == null || initiatives.isEmpty()) {
      throw new InvalidConfigValue("initiatives", "must list at least one initiative");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < initiatives.size(); i++) {
      if (initiatives.get(i) == null) {
        throw new InvalidConfigValue("initiatives[" + i + "]", "is empty");
      }
      if (!ids.add(initiatives.get(i).id())) {
        throw new InvalidConfigValue(
            "initiatives[" + i + "].id",
            "'" + initiatives.get(i).id() + "' is used by an earlier initiative");
      }
    }
    return new Initiatives(window, guard, followUp, min, List.copyOf(initiatives));
  }

  /** The initiatives in {@code file}. */
  public static Initiatives parse(String file, String yaml) {
    Initiatives i = YamlBinding.parse(file, yaml, Initiatives.class, null);
    if (i == null) {
      throw PainpointException.config(
          file + ": the initiatives file is empty (leave --initiatives out when there are none)");
    }
    return i;
  }

  /**
   * Checks each initiative against the taxonomy and the night: an unknown touchpoint, or a start
   * date after the run date or before the lookback window, is a CONFIG error naming the file, the
   * initiative and the field. A start date with too little data around it is not an error: its
   * effect rows say so.
   *
   * @param windowFrom the first day of the night's lookback window; null when it reads all history
   */
  public Initiatives checkedAgainst(
      Taxonomy taxonomy, LocalDate runDate, LocalDate windowFrom, String file) {
    Set<String> known = new HashSet<>();
    taxonomy.touchpoints().forEach(t -> known.add(t.name()));
    for (int i = 0; i < initiatives.size(); i++) {
      Initiative in = initiatives.get(i);
      String named = " (initiative '" + in.id() + "')";
      if (!known.contains(in.touchpoint())) {
        throw YamlBinding.fieldError(
            file,
            "initiatives[" + i + "].touchpoint",
            "names '"
                + in.touchpoint()
                + "', not in the taxonomy"
                + named
                + "; touchpoints: "
                + String.join(", ", known.stream().sorted().toList()));
      }
      if (in.start().isAfter(runDate)) {
        throw YamlBinding.fieldError(
            file,
            "initiatives[" + i + "].start",
            "is "
                + in.start()
                + ", after the run date "
                + runDate
                + ": there is no data after it yet"
                + named);
      }
      if (windowFrom != null && in.start().isBefore(windowFrom)) {
        throw YamlBinding.fieldError(
            file,
            "initiatives[" + i + "].start",
            "is "
                + in.start()
                + ", before the night's lookback window (from "
                + windowFrom
                + "): there is no data before it"
                + named);
      }
    }
    return this;
  }

  /** Touchpoints with an initiative: left out of every initiative's control group. */
  public Set<String> touchpoints() {
    Set<String> out = new HashSet<>();
    initiatives.forEach(i -> out.add(i.touchpoint()));
    return out;
  }
}

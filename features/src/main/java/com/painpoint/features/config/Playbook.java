package com.painpoint.features.config;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.painpoint.features.taxonomy.Taxonomy;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The counter-measure playbook ({@code playbook.yaml}): rules from evidence at a touchpoint to an
 * action and the team that owns it. The company edits it; without one the night uses the default
 * that ships in the jar ({@value #DEFAULT_RESOURCE}).
 *
 * @param maxActions most actions named per touchpoint (the first rules that fire, in file order)
 * @param rules the rules, in priority order
 */
public record Playbook(int maxActions, List<Rule> rules) implements Serializable {

  /** The default playbook, a class-path resource. */
  public static final String DEFAULT_RESOURCE = "painpoint/playbook.yaml";

  /** Evidence kinds a rule can ask for. */
  public static final String FRICTION = "friction";

  public static final String THEME = "theme";
  public static final String NEGATIVITY = "negativity";
  public static final String CHURN = "churn";

  /** {@code theme: any}: the touchpoint's largest theme. */
  public static final String ANY_THEME = "any";

  /**
   * One rule. Exactly one of {@code friction}, {@code theme}, {@code negativity} and {@code churn}
   * says which evidence makes it fire.
   *
   * @param id the rule's name, unique in the file
   * @param friction a friction kind (error, rage_click, loop, abandonment, slowness): fires where
   *     that kind's session rate is at least {@code minRate}
   * @param theme a word of a theme's label or top terms, a theme id, or {@code any}: fires where
   *     such a theme holds at least {@code minSize} negative sentences
   * @param negativity fires where the touchpoint's negative share is at least this
   * @param churn fires where the lower 95 % bound of the touchpoint's risk ratio is at least this
   * @param minRate friction rate threshold (default 0.05)
   * @param minSize theme size threshold (default 10 sentences)
   * @param action what to do, in the words the owner team reads
   * @param owner the team; null: the touchpoint's owner in the taxonomy
   * @param touchpoints only these touchpoints; empty: every touchpoint
   */
  public record Rule(
      String id,
      String friction,
      String theme,
      Double negativity,
      Double churn,
      double minRate,
      int minSize,
      String action,
      String owner,
      List<String> touchpoints)
      implements Serializable {

    /** The evidence kind the rule asks for. */
    public String kind() {
      if (friction != null) {
        return FRICTION;
      }
      if (theme != null) {
        return THEME;
      }
      return negativity != null ? NEGATIVITY : CHURN;
    }

    /** Whether the rule may fire at {@code touchpoint}. */
    public boolean appliesTo(String touchpoint) {
      return touchpoints.isEmpty() || touchpoints.contains(touchpoint);
    }

    @JsonCreator
    static Rule fromYaml(
        @JsonProperty("id") String id,
        @JsonProperty("friction") String friction,
        @JsonProperty("theme") String theme,
        @JsonProperty("negativity") Double negativity,
        @JsonProperty("churn") Double churn,
        @JsonProperty("min_rate") Double minRate,
        @JsonProperty("min_size") Integer minSize,
        @JsonProperty("action") String action,
        @JsonProperty("owner") String owner,
        @JsonProperty("touchpoints") List<String> touchpoints) {
      if (id == null || id.isBlank()) {
        throw new InvalidConfigValue("id", "is required (a short name for the rule)");
      }
      String named = " (rule '" + id + "')";
      int kinds =
          (friction != null ? 1 : 0)
              + (theme != null ? 1 : 0)
              + (negativity != null ? 1 : 0)
              + (churn != null ? 1 : 0);
      if (kinds != 1) {
        throw new InvalidConfigValue(
            "",
            "must set exactly one of friction, theme, negativity, churn; it sets " + kinds + named);
      }
      String kind = EntryFields.frictionKind(friction, named);
      String themeWord = EntryFields.theme(theme, named);
      if (negativity != null && !(negativity > 0 && negativity <= 1)) {
        throw new InvalidConfigValue(
            "negativity", "must be a share in (0, 1], got " + negativity + named);
      }
      if (churn != null && !(churn > 0 && churn < 1000)) {
        throw new InvalidConfigValue(
            "churn", "must be a risk ratio > 0 (1.0: churn above baseline), got " + churn + named);
      }
      double rate = requireNonNullElse(minRate, 0.05);
      if (!(rate >= 0 && rate <= 1)) {
        throw new InvalidConfigValue("min_rate", "must be a share in [0, 1], got " + rate + named);
      }
      int size = requireNonNullElse(minSize, 10);
      if (size < 1) {
        throw new InvalidConfigValue("min_size", "must be at least 1, got " + size + named);
      }
      if (action == null || action.isBlank()) {
        throw new InvalidConfigValue("action", "is required (what to do)" + named);
      }
      String team = EntryFields.owner(owner, named);
      return new Rule(
          id.trim(),
          kind,
          themeWord,
          negativity,
          churn,
          rate,
          size,
          action.trim(),
          team,
          touchpoints == null ? List.of() : List.copyOf(touchpoints));
    }
  }

  @JsonCreator
  static Playbook fromYaml(
      @JsonProperty("max_actions") Integer maxActions, @JsonProperty("rules") List<Rule> rules) {
    int max = requireNonNullElse(maxActions, 3);
    if (max < 1 || max > 10) {
      throw new InvalidConfigValue("max_actions", "must be between 1 and 10, got " + max);
    }
    if (rules == null || rules.isEmpty()) {
      throw new InvalidConfigValue("rules", "must list at least one rule");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i) == null) {
        throw new InvalidConfigValue("rules[" + i + "]", "is empty");
      }
      if (!ids.add(rules.get(i).id())) {
        throw new InvalidConfigValue(
            "rules[" + i + "].id", "'" + rules.get(i).id() + "' is used by an earlier rule");
      }
    }
    return new Playbook(max, List.copyOf(rules));
  }

  /** The playbook in {@code file}, or the default one when {@code file} is null. */
  public static Playbook parse(String file, String yaml) {
    Playbook p = YamlBinding.parse(file, yaml, Playbook.class, null);
    if (p == null) {
      throw PainpointException.config(
          file + ": the playbook is empty (leave --playbook out for the default)");
    }
    return p;
  }

  /** The playbook that ships in the jar. */
  public static Playbook defaults() {
    return parse(DEFAULT_RESOURCE, defaultText());
  }

  /** The default playbook's YAML text. */
  public static String defaultText() {
    try (InputStream in = Playbook.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
    }
  }

  /**
   * Checks the rules' touchpoints against the taxonomy: an unknown one is a CONFIG error naming the
   * file, the rule and the field.
   */
  public Playbook checkedAgainst(Taxonomy taxonomy, String file) {
    Set<String> known = new HashSet<>();
    taxonomy.touchpoints().forEach(t -> known.add(t.name()));
    for (int i = 0; i < rules.size(); i++) {
      Rule r = rules.get(i);
      List<String> unknown = new ArrayList<>();
      for (String t : r.touchpoints()) {
        if (!known.contains(t)) {
          unknown.add(t);
        }
      }
      if (!unknown.isEmpty()) {
        throw YamlBinding.fieldError(
            file,
            "rules[" + i + "].touchpoints",
            "names "
                + unknown
                + ", not in the taxonomy (rule '"
                + r.id()
                + "'; touchpoints: "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
    return this;
  }
}

package com.painpoint.features.taxonomy;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.config.YamlMap;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The company's touchpoint taxonomy, validated: touchpoints in file order (which is also the order
 * in which url patterns are tried) and in journey order.
 */
public final class Taxonomy implements Serializable {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Set<String> TOP_KEYS = Set.of("touchpoints");
  private static final Set<String> TOUCHPOINT_KEYS =
      Set.of(
          "name",
          "position",
          "owner",
          "description",
          "url_patterns",
          "events",
          "keywords",
          "start_events",
          "success_events",
          "outcome",
          "slow_ms");

  private final List<Touchpoint> touchpoints;

  public Taxonomy(List<Touchpoint> touchpoints) {
    this.touchpoints = List.copyOf(touchpoints);
  }

  /** Loads and validates a taxonomy file; any problem is one {@link PainpointException}. */
  public static Taxonomy load(Path file) {
    return fromYaml(YamlMap.load(file));
  }

  /** Parses taxonomy YAML text; {@code name} is used in error messages. */
  public static Taxonomy parse(String name, String yaml) {
    return fromYaml(YamlMap.parse(name, new StringReader(yaml)));
  }

  private static Taxonomy fromYaml(YamlMap root) {
    String file = root.file();
    root.requireOnlyKeys(TOP_KEYS);
    List<YamlMap> items = root.maps("touchpoints");
    if (items.isEmpty()) {
      throw PainpointException.config(
          "taxonomy " + file + ": no touchpoints defined (expected a 'touchpoints:' list)");
    }
    List<Touchpoint> out = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    Map<Long, String> positions = new HashMap<>();
    Map<String, String> eventOwners = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      YamlMap m = items.get(i).requireOnlyKeys(TOUCHPOINT_KEYS);
      String name = m.requiredString("name");
      String label = "taxonomy " + file + ": touchpoint #" + (i + 1) + " '" + name + "'";
      if (!NAME.matcher(name).matches()) {
        throw PainpointException.config(
            label + ": name must be lower_snake_case (letters, digits, underscores)");
      }
      if (names.putIfAbsent(name, i + 1) != null) {
        throw PainpointException.config(
            label + ": duplicate name, already used by touchpoint #" + names.get(name));
      }
      Long position = m.longValue("position", null);
      if (position == null || position < 1) {
        throw PainpointException.config(
            label
                + ": field 'position' is required and must be a whole number >= 1, got "
                + position);
      }
      String clash = positions.putIfAbsent(position, name);
      if (clash != null) {
        throw PainpointException.config(
            label + ": position " + position + " is already used by '" + clash + "'");
      }
      String owner = m.requiredString("owner");
      List<String> urls = m.strings("url_patterns");
      for (String p : urls) {
        try {
          Pattern.compile(p);
        } catch (PatternSyntaxException e) {
          throw PainpointException.config(
              label
                  + ": field 'url_patterns' has an invalid regex '"
                  + p
                  + "': "
                  + e.getDescription());
        }
      }
      List<String> events = m.strings("events");
      List<String> starts = m.strings("start_events");
      List<String> successes = m.strings("success_events");
      if (starts.isEmpty() != successes.isEmpty()) {
        throw PainpointException.config(
            label
                + ": 'start_events' and 'success_events' must be given together (abandonment needs both)");
      }
      for (String e : concat(events, starts, successes)) {
        String other = eventOwners.putIfAbsent(e, name);
        if (other != null && !other.equals(name)) {
          throw PainpointException.config(
              label + ": event '" + e + "' is already mapped to touchpoint '" + other + "'");
        }
      }
      List<String> keywords = new ArrayList<>();
      for (String k : m.strings("keywords")) {
        if (!k.isBlank()) {
          keywords.add(k.trim().toLowerCase(java.util.Locale.ROOT));
        }
      }
      if (urls.isEmpty() && events.isEmpty() && starts.isEmpty() && keywords.isEmpty()) {
        throw PainpointException.config(
            label + ": needs at least one of url_patterns, events or keywords to be recognised");
      }
      Long slow = m.longValue("slow_ms", null);
      if (slow != null && slow <= 0) {
        throw PainpointException.config(label + ": field 'slow_ms' must be > 0, got " + slow);
      }
      out.add(
          new Touchpoint(
              name,
              position.intValue(),
              owner,
              urls,
              events,
              keywords,
              starts,
              successes,
              m.bool("outcome", false),
              slow));
    }
    return new Taxonomy(out);
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> l : lists) {
      all.addAll(l);
    }
    return all;
  }

  /** Touchpoints in file order: the order in which url patterns are tried. */
  public List<Touchpoint> touchpoints() {
    return touchpoints;
  }

  /** Touchpoints in journey order (by position). */
  public List<Touchpoint> inJourneyOrder() {
    List<Touchpoint> sorted = new ArrayList<>(touchpoints);
    sorted.sort(Comparator.comparingInt(Touchpoint::position));
    return sorted;
  }

  public Optional<Touchpoint> find(String name) {
    return touchpoints.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}

package com.painpoint.features.taxonomy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.painpoint.features.config.PainpointException;
import com.painpoint.features.config.YamlBinding;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The company's touchpoint taxonomy, validated: touchpoints in file order (which is also the order
 * in which url patterns are tried) and in journey order.
 */
public final class Taxonomy implements Serializable {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  /** The file as written: a list of touchpoint entries. */
  private record TaxonomyFile(List<Entry> touchpoints) {
    @JsonCreator
    TaxonomyFile(@JsonProperty("touchpoints") List<Entry> touchpoints) {
      this.touchpoints = touchpoints == null ? List.of() : touchpoints;
    }
  }

  /** One entry of {@code touchpoints:} as written; checked (and defaulted) by {@link #check}. */
  private record Entry(
      String name,
      Long position,
      String owner,
      String description,
      List<String> urlPatterns,
      List<String> events,
      List<String> keywords,
      List<String> startEvents,
      List<String> successEvents,
      Boolean outcome,
      Long slowMs) {
    @JsonCreator
    Entry(
        @JsonProperty("name") String name,
        @JsonProperty("position") Long position,
        @JsonProperty("owner") String owner,
        @JsonProperty("description") String description,
        @JsonProperty("url_patterns") List<String> urlPatterns,
        @JsonProperty("events") List<String> events,
        @JsonProperty("keywords") List<String> keywords,
        @JsonProperty("start_events") List<String> startEvents,
        @JsonProperty("success_events") List<String> successEvents,
        @JsonProperty("outcome") Boolean outcome,
        @JsonProperty("slow_ms") Long slowMs) {
      this.name = name;
      this.position = position;
      this.owner = owner;
      this.description = description;
      this.urlPatterns = urlPatterns;
      this.events = events;
      this.keywords = keywords;
      this.startEvents = startEvents;
      this.successEvents = successEvents;
      this.outcome = outcome;
      this.slowMs = slowMs;
    }
  }

  private final List<Touchpoint> touchpoints;

  public Taxonomy(List<Touchpoint> touchpoints) {
    this.touchpoints = List.copyOf(touchpoints);
  }

  /** Loads and validates a taxonomy file; any problem is one {@link PainpointException}. */
  public static Taxonomy load(Path file) {
    return check(file.toString(), YamlBinding.load(file, TaxonomyFile.class, EMPTY));
  }

  /** Parses taxonomy YAML text; {@code name} is used in error messages. */
  public static Taxonomy parse(String name, String yaml) {
    return check(name, YamlBinding.parse(name, yaml, TaxonomyFile.class, EMPTY));
  }

  private static final TaxonomyFile EMPTY = new TaxonomyFile(List.of());

  private static Taxonomy check(String file, TaxonomyFile parsed) {
    List<Entry> items = parsed.touchpoints();
    if (items.isEmpty()) {
      throw PainpointException.config(
          "taxonomy " + file + ": no touchpoints defined (expected a 'touchpoints:' list)");
    }
    List<Touchpoint> out = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    Map<Long, String> positions = new HashMap<>();
    Map<String, String> eventOwners = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String at = "touchpoints[" + i + "]";
      Entry m = items.get(i);
      if (m == null) {
        throw YamlBinding.fieldError(file, at, "must be a mapping of keys, got nothing");
      }
      String name = required(file, at + ".name", m.name());
      String label = "taxonomy " + file + ": touchpoint #" + (i + 1) + " '" + name + "'";
      if (!NAME.matcher(name).matches()) {
        throw PainpointException.config(
            label + ": name must be lower_snake_case (letters, digits, underscores)");
      }
      if (names.putIfAbsent(name, i + 1) != null) {
        throw PainpointException.config(
            label + ": duplicate name, already used by touchpoint #" + names.get(name));
      }
      Long position = m.position();
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
      String owner = required(file, at + ".owner", m.owner());
      List<String> urls = texts(file, at + ".url_patterns", m.urlPatterns());
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
      List<String> events = texts(file, at + ".events", m.events());
      List<String> starts = texts(file, at + ".start_events", m.startEvents());
      List<String> successes = texts(file, at + ".success_events", m.successEvents());
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
      for (String k : texts(file, at + ".keywords", m.keywords())) {
        if (!k.isBlank()) {
          keywords.add(k.trim().toLowerCase(java.util.Locale.ROOT));
        }
      }
      if (urls.isEmpty() && events.isEmpty() && starts.isEmpty() && keywords.isEmpty()) {
        throw PainpointException.config(
            label + ": needs at least one of url_patterns, events or keywords to be recognised");
      }
      Long slow = m.slowMs();
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
              Boolean.TRUE.equals(m.outcome()),
              slow,
              m.description() == null || m.description().isBlank()
                  ? null
                  : m.description().strip()));
    }
    return new Taxonomy(out);
  }

  private static String required(String file, String path, String value) {
    if (value == null || value.isBlank()) {
      throw YamlBinding.fieldError(file, path, "is required");
    }
    return value.trim();
  }

  /** A list of text values (an absent key is an empty list; an empty item is refused). */
  private static List<String> texts(String file, String path, List<String> values) {
    if (values == null) {
      return List.of();
    }
    for (String v : values) {
      if (v == null) {
        throw YamlBinding.fieldError(
            file, path, "must be a list of text values, got an empty item");
      }
    }
    return values;
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

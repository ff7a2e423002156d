package com.painpoint.features.config;

import com.painpoint.features.journeys.JourneyColumns;
import java.util.Locale;

/**
 * Checks of the fields a playbook rule and an initiative share (friction kind, theme, owner), so
 * both files refuse the same values with the same words.
 */
final class EntryFields {
  private EntryFields() {}

  /**
   * A friction kind in lower case, or null when absent.
   *
   * @param named the entry's name for the message, " (rule 'x')"
   */
  static String frictionKind(String friction, String named) {
    String kind = friction == null ? null : friction.trim().toLowerCase(Locale.ROOT);
    if (kind != null && !JourneyColumns.KINDS.contains(kind)) {
      throw new InvalidConfigValue(
          "friction",
          "must be one of "
              + String.join(", ", JourneyColumns.KINDS)
              + ", got '"
              + friction
              + "'"
              + named);
    }
    return kind;
  }

  /** A theme word or id in lower case, or null when absent; an empty one is refused. */
  static String theme(String theme, String named) {
    if (theme != null && theme.isBlank()) {
      throw new InvalidConfigValue("theme", "must not be empty" + named);
    }
    return theme == null ? null : theme.trim().toLowerCase(Locale.ROOT);
  }

  /** The owner team, or null for the touchpoint's owner; an empty one is refused. */
  static String owner(String owner, String named) {
    if (owner != null && owner.isBlank()) {
      throw new InvalidConfigValue(
          "owner", "must not be empty (leave it out for the touchpoint's owner)" + named);
    }
    return owner == null ? null : owner.trim();
  }
}

package com.painpoint.features.taxonomy;

import java.io.Serializable;
import java.util.List;

/**
 * One touchpoint of the customer journey as the company defines it: where it sits, who owns it and
 * how events and text are recognised as belonging to it.
 *
 * @param name unique lower_snake_case name
 * @param position place in the journey (1 = first)
 * @param owner owner team (marketing, sales, product, service, finance, operations...)
 * @param urlPatterns Java regexes searched in the url path
 * @param events event_type values that map here regardless of url
 * @param keywords lower-case words or phrases that attribute text to this touchpoint
 * @param startEvents event types that start a flow here (for abandonment)
 * @param successEvents event types that complete that flow
 * @param outcome true for outcome touchpoints (e.g. cancellation) that never count as a cause
 * @param slowMs slowness limit in ms, or null to use the touchpoint's own percentile
 * @param description what customers mean by it, in a sentence (optional; read by attribution by
 *     sentence similarity)
 */
public record Touchpoint(
    String name,
    int position,
    String owner,
    List<String> urlPatterns,
    List<String> events,
    List<String> keywords,
    List<String> startEvents,
    List<String> successEvents,
    boolean outcome,
    Long slowMs,
    String description)
    implements Serializable {

  public Touchpoint {
    urlPatterns = List.copyOf(urlPatterns);
    events = List.copyOf(events);
    keywords = List.copyOf(keywords);
    startEvents = List.copyOf(startEvents);
    successEvents = List.copyOf(successEvents);
  }

  /** True when abandonment can be measured here. */
  public boolean tracksAbandonment() {
    return !startEvents.isEmpty() && !successEvents.isEmpty();
  }
}

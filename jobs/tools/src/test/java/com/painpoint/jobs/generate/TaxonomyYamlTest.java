package com.painpoint.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class TaxonomyYamlTest {

  /** The engine's mapping: event names before urls, first touchpoint in file order wins. */
  static Touchpoint map(String eventType, String url) {
    for (Touchpoint t : Touchpoint.values()) {
      if (t.events.contains(eventType)) {
        return t;
      }
    }
    for (Touchpoint t : Touchpoint.values()) {
      for (String p : t.urlPatterns) {
        if (url != null && Pattern.compile(p).matcher(url).find()) {
          return t;
        }
      }
    }
    return null;
  }

  @Test
  @SuppressWarnings("unchecked")
  void rendersEveryTouchpointInTheEngineFormat() {
    Map<String, Object> yaml = new Yaml().load(TaxonomyYaml.render());
    List<Map<String, Object>> touchpoints = (List<Map<String, Object>>) yaml.get("touchpoints");
    assertThat(touchpoints).hasSize(Touchpoint.values().length);
    HashSet<Object> positions = new HashSet<>();
    for (int i = 0; i < touchpoints.size(); i++) {
      Map<String, Object> m = touchpoints.get(i);
      Touchpoint t = Touchpoint.values()[i];
      assertThat(m.get("name")).isEqualTo(t.id);
      assertThat(positions.add(m.get("position"))).isTrue();
      assertThat(m.get("url_patterns")).isEqualTo(t.urlPatterns);
      assertThat(m.get("events")).isEqualTo(t.events);
      assertThat(m.get("keywords")).isEqualTo(t.keywords);
      assertThat(m.get("outcome")).isEqualTo(t.outcome);
      assertThat(m.get("slow_ms")).isEqualTo(t.slowMs);
      assertThat(m.get("owner"))
          .isIn("marketing", "sales", "product", "service", "finance", "operations");
      assertThat((String) m.get("name")).matches("[a-z_]+");
    }
    assertThat(touchpoints.get(Touchpoint.CANCELLATION.ordinal()).get("outcome")).isEqualTo(true);
  }

  @Test
  void everySimulatedEventMapsToTheTouchpointItWasMeantFor() {
    GeneratorOptions options =
        new GeneratorOptions(
            300, 5, "unused", java.time.LocalDate.parse("2026-06-30"), 90, 1.5, 75, true);
    BadRowPlan plan = new BadRowPlan(300, true);
    int checked = 0;
    for (long i = 0; i < 300; i++) {
      CustomerProfile p = CustomerProfile.sample(options, plan, i);
      for (JourneyPlanner.PlannedSession s :
          JourneyPlanner.plan(
              p,
              new SplittableRandom(i),
              new SplittableRandom(-i),
              new SplittableRandom(i + 7),
              80,
              40)) {
        for (SessionBuilder.RawEvent e : s.built().events()) {
          assertThat(map(e.eventType(), e.url())).as(e.url()).isEqualTo(e.touchpoint());
          checked++;
        }
        // The planted initiative's fixed variant of a failing payment maps the same way.
        if (s.fixed() != null) {
          for (SessionBuilder.RawEvent e : s.fixed().events()) {
            assertThat(map(e.eventType(), e.url())).as(e.url()).isEqualTo(e.touchpoint());
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(10_000);
  }
}

package com.painpoint.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import com.painpoint.features.text.PiiRedactor;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The seeded PII set is real (valid checksums, six kinds) and the redactor removes all of it. */
class PiiSamplesTest {
  static final List<PiiSamples.Pii> PII = PiiSamples.seeded(7);

  @Test
  void fiftyStringsOfSixKindsWithValidChecksums() {
    assertThat(PII).hasSizeGreaterThanOrEqualTo(50);
    Map<String, Long> kinds =
        PII.stream().collect(Collectors.groupingBy(PiiSamples.Pii::kind, Collectors.counting()));
    assertThat(kinds.keySet())
        .containsExactlyInAnyOrder("email", "phone", "card", "iban", "url", "handle");
    assertThat(kinds.values()).allMatch(n -> n >= 8);
    for (PiiSamples.Pii p : PII) {
      String digits = p.value().replaceAll("\\D", "");
      if (p.kind().equals("card")) {
        assertThat(PiiSamples.luhn(digits)).as(p.value()).isTrue();
      }
      if (p.kind().equals("iban")) {
        assertThat(
                PiiSamples.mod97(
                    p.value().replace(" ", "").substring(4)
                        + p.value().replace(" ", "").substring(0, 4)))
            .as(p.value())
            .isEqualTo(1);
      }
    }
    assertThat(PiiSamples.seeded(7)).isEqualTo(PII);
  }

  @Test
  void everyStringIsRedactedInsideASentence() {
    for (PiiSamples.Pii p : PII) {
      String text = "The refund never came, reach me at " + p.value() + " today, awful service.";
      String redacted = PiiRedactor.redact(text);
      assertThat(PiiSamples.normalise(redacted))
          .as(p.kind() + " " + p.value() + " -> " + redacted)
          .doesNotContain(p.normalised());
      assertThat(redacted)
          .startsWith("The refund never came, reach me at [")
          .endsWith(" today, awful service.");
    }
  }
}

package com.painpoint.features.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiRedactorTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "mail me at jane.doe@example.com please | mail me at [email] please",
        "J.Smith+orders@mail.co.uk wrote | [email] wrote",
        "call me on +44 7700 900123 | call me on [phone]",
        "ring (555) 123-4567 today | ring [phone] today",
        "my number is 555-123-4567. | my number is [phone].",
        "reach +1-202-555-0143 now | reach [phone] now",
        "Telefon: +49 30 1234567 | Telefon: [phone]",
        "appelez le 06 12 34 56 78 | appelez le [phone]",
        "card 4111 1111 1111 1111 was charged | card [card] was charged",
        "card 4111-1111-1111-1111 | card [card]",
        "IBAN GB82 WEST 1234 5698 7654 32 please | IBAN [iban] please",
        "to DE89370400440532013000 | to [iban]",
        "reset link https://shop.example.com/reset?token=abc123 failed | reset link [url] failed",
        "see https://x.io/r/9f8e7d6c5b4a39281706 | see [url]",
        "ping @janedoe on twitter | ping [handle] on twitter",
        "account 12345678 is locked | account [account] is locked",
      })
  void redactsEachKind(String in, String out) {
    assertThat(PiiRedactor.redact(in)).isEqualTo(out);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "charged 19.99 on 2026-05-03 for plan 2",
        "delivered on 03.04.2026 at 10:30",
        "visit https://example.com/help for answers",
        "waited 45 minutes, order #1234",
        "4111 1111 1111 1112 is not a valid card number",
        "great service, 10/10 would buy again",
      })
  void leavesOrdinaryTextAlone(String in) {
    assertThat(PiiRedactor.redact(in)).isEqualTo(in);
  }

  @org.junit.jupiter.api.Test
  void maskMarksExactlyThePersonalData() {
    String text = "Mail a.b@example.com or call +44 7700 900771, thanks";
    boolean[] mask = PiiRedactor.mask(text);
    StringBuilder marked = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      marked.append(mask[i] ? '#' : text.charAt(i));
    }
    org.assertj.core.api.Assertions.assertThat(marked.toString())
        .isEqualTo("Mail ############### or call ###############, thanks");
    org.assertj.core.api.Assertions.assertThat(PiiRedactor.mask("no personal data here"))
        .doesNotContain(true);
  }
}

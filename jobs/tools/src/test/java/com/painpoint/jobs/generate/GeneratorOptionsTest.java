package com.painpoint.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GeneratorOptionsTest {

  @Test
  void parsesRequiredOptionsAndFillsDefaults() {
    GeneratorOptions o =
        GeneratorOptions.parse(new String[] {"--customers", "2000", "--seed", "42", "--out", "d"});
    assertThat(o)
        .isEqualTo(
            new GeneratorOptions(2000, 42, "d", LocalDate.parse("2026-06-30"), 90, 1.5, 75, true));
    assertThat(o.windowStart()).isEqualTo(LocalDate.parse("2026-04-02"));
  }

  @Test
  void acceptsEqualsSyntax() {
    GeneratorOptions o =
        GeneratorOptions.parse(
            new String[] {
              "--customers=10", "--seed=-3", "--out=x", "--days=30", "--plant-bad-rows=false"
            });
    assertThat(o.customers()).isEqualTo(10);
    assertThat(o.seed()).isEqualTo(-3);
    assertThat(o.days()).isEqualTo(30);
    assertThat(o.plantBadRows()).isFalse();
  }

  @Test
  void namesTheBadValue() {
    assertThatThrownBy(
            () -> GeneratorOptions.parse(new String[] {"--customers", "lots", "--seed", "1"}))
        .hasMessage("--customers must be a whole number from 1 to 9999999, got 'lots'");
    assertThatThrownBy(
            () ->
                GeneratorOptions.parse(
                    new String[] {"--customers", "5", "--seed", "1", "--out", "d", "--days", "2"}))
        .hasMessage("--days must be a whole number from 14 to 3650, got '2'");
    assertThatThrownBy(
            () ->
                GeneratorOptions.parse(
                    new String[] {
                      "--customers", "5", "--seed", "1", "--out", "d", "--snapshot-date", "30/06"
                    }))
        .hasMessage("--snapshot-date must be a date like 2026-06-30, got '30/06'");
    assertThatThrownBy(
            () ->
                GeneratorOptions.parse(
                    new String[] {
                      "--customers", "5", "--seed", "1", "--out", "d", "--plant-bad-rows", "yes"
                    }))
        .hasMessage("--plant-bad-rows must be true or false, got 'yes'");
    assertThatThrownBy(
            () ->
                GeneratorOptions.parse(
                    new String[] {
                      "--customers", "5", "--seed", "1", "--out", "d", "--events-per-customer", "5"
                    }))
        .hasMessage("--events-per-customer must be a number from 10 to 300, got '5'");
  }

  @Test
  void rejectsUnknownAndMissingOptions() {
    assertThatThrownBy(() -> GeneratorOptions.parse(new String[] {"--customer", "5"}))
        .hasMessageStartingWith("unknown option '--customer'");
    assertThatThrownBy(() -> GeneratorOptions.parse(new String[] {"--customers", "5"}))
        .hasMessageStartingWith("missing required option --seed");
    assertThatThrownBy(() -> GeneratorOptions.parse(new String[] {"--customers"}))
        .hasMessage("option --customers needs a value");
  }
}

package com.painpoint.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.painpoint.features.config.PainpointException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NightlyOptionsTest {
  static final String[] VALID = {
    "--crm",
    "c.csv",
    "--feedback",
    "f.jsonl",
    "--clickstream",
    "cs",
    "--taxonomy",
    "t.yaml",
    "--run-date",
    "2026-06-30",
    "--out",
    "out"
  };

  @Test
  void parsesFlagsInBothForms() {
    NightlyOptions o = NightlyOptions.parse(VALID);
    assertThat(o.runDate()).isEqualTo(LocalDate.of(2026, 6, 30));
    assertThat(o.config()).isNull();
    NightlyOptions eq =
        NightlyOptions.parse(
            "--crm=c.csv",
            "--feedback=f.jsonl",
            "--clickstream=cs",
            "--taxonomy=t.yaml",
            "--run-date=2026-06-30",
            "--out=out",
            "--config=p.yaml");
    assertThat(eq)
        .isEqualTo(
            new NightlyOptions(
                "c.csv", "f.jsonl", "cs", "t.yaml", LocalDate.of(2026, 6, 30), "out", "p.yaml"));
  }

  @Test
  void badRunDateNamesTheValue() {
    String[] args = VALID.clone();
    args[9] = "30/06/2026";
    assertThatThrownBy(() -> NightlyOptions.parse(args))
        .isInstanceOf(PainpointException.class)
        .hasMessage("--run-date: '30/06/2026' is not a date (expected YYYY-MM-DD)");
    args[9] = "1999-01-01";
    assertThatThrownBy(() -> NightlyOptions.parse(args))
        .hasMessage("--run-date: '1999-01-01' is outside 2000-2100; expected the night to compute");
  }

  @Test
  void unknownMissingAndRepeatedOptions() {
    assertThatThrownBy(() -> NightlyOptions.parse("--crm-path", "x"))
        .hasMessageStartingWith("unknown option '--crm-path' (known: --crm, --feedback,");
    assertThatThrownBy(() -> NightlyOptions.parse("--crm", "x"))
        .hasMessageStartingWith("missing required option --feedback\nusage: NightlyJob");
    assertThatThrownBy(() -> NightlyOptions.parse("--crm", "x", "--crm", "y"))
        .hasMessage("option --crm given twice");
    assertThatThrownBy(() -> NightlyOptions.parse("--out"))
        .hasMessage("option --out needs a value");
    assertThatThrownBy(() -> NightlyOptions.parse(VALID[0], VALID[1], "--run-date", "x"))
        .extracting(e -> ((PainpointException) e).kind().exitCode())
        .isEqualTo(3);
  }

  @Test
  void lookbackDaysIsOptionalAndDefaultsToAllHistory() {
    NightlyOptions o = NightlyOptions.parse(VALID);
    assertThat(o.lookbackDays()).isNull();
    assertThat(o.window().bounded()).isFalse();
  }

  @Test
  void playbookIsOptionalAndNamedInTheUsage() {
    assertThat(NightlyOptions.parse(with()).playbook()).isNull();
    assertThat(NightlyOptions.parse(with("--playbook", "ours.yaml")).playbook())
        .isEqualTo("ours.yaml");
    assertThat(NightlyOptions.usage()).contains("[--playbook <file>]").contains("--playbook ");
    assertThat(NightlyOptions.parse(with("--initiatives", "i.yaml")).initiatives())
        .isEqualTo("i.yaml");
    assertThat(NightlyOptions.parse(with()).initiatives()).isNull();
    assertThat(NightlyOptions.usage()).contains("[--initiatives <file>]");
  }

  @Test
  void lookbackDaysInBothFormsSetsAUtcWindowEndingWithTheRunDate() {
    NightlyOptions o = NightlyOptions.parse(with("--lookback-days", "30"));
    assertThat(o.lookbackDays()).isEqualTo(30);
    assertThat(o.window().from()).contains(Instant.parse("2026-06-01T00:00:00Z"));
    assertThat(o.window().until()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
    assertThat(NightlyOptions.parse(with("--lookback-days= 1 ")).lookbackDays()).isEqualTo(1);
    assertThat(NightlyOptions.parse(with("--lookback-days=36500")).lookbackDays()).isEqualTo(36500);
  }

  @ParameterizedTest(name = "--lookback-days ''{0}''")
  @ValueSource(strings = {"0", "-3", "+3", "7d", "1.5", "", " ", "36501", "99999999999", "seven"})
  void badLookbackDaysIsAConfigErrorNamingTheValue(String value) {
    assertThatThrownBy(() -> NightlyOptions.parse(with("--lookback-days", value)))
        .isInstanceOf(PainpointException.class)
        .hasMessage(
            "--lookback-days: '"
                + value
                + "' is not a whole number of days from 1 to 36500 (omit the option to use all"
                + " history)")
        .extracting(e -> ((PainpointException) e).kind().exitCode())
        .isEqualTo(3);
  }

  @Test
  void usageListsLookbackDays() {
    assertThat(NightlyOptions.usage())
        .contains("[--config <file>] [--lookback-days <N>]")
        .contains("  --lookback-days  count only clickstream and feedback of the last N days");
  }

  private static String[] with(String... more) {
    String[] args = Arrays.copyOf(VALID, VALID.length + more.length);
    System.arraycopy(more, 0, args, VALID.length, more.length);
    return args;
  }
}

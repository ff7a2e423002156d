package com.painpoint.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.painpoint.jobs.report.ReportBrowser.Page;
import com.painpoint.jobs.report.ReportModel.ActionView;
import com.painpoint.jobs.report.ReportModel.Card;
import com.painpoint.jobs.report.ReportModel.FrictionKind;
import com.painpoint.jobs.report.ReportModel.Headline;
import com.painpoint.jobs.report.ReportModel.InitiativeView;
import com.painpoint.jobs.report.ReportModel.Method;
import com.painpoint.jobs.report.ReportModel.Quality;
import com.painpoint.jobs.report.ReportModel.Ranked;
import com.painpoint.jobs.report.ReportModel.SourceRow;
import com.painpoint.jobs.report.ReportModel.Stop;
import com.painpoint.jobs.report.ReportModel.Team;
import com.painpoint.jobs.report.ReportModel.TeamActions;
import com.painpoint.jobs.report.ReportModel.ThemeView;
import com.painpoint.jobs.report.ReportModel.TopPain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report renders customer text as inert text: an OWASP-style payload list is placed in every
 * field that carries customer words (theme labels, quotes, main themes) and in a touchpoint name,
 * and a real headless Chromium proves nothing runs, loads or injects markup.
 */
class ReportRendererTest {
  static final Path SCREENSHOTS = Path.of("target", "report-screenshots");
  static final String HOSTILE_TOUCHPOINT = "\"><svg onload=window.__xss=99>";

  static List<String> payloads;
  static ReportBrowser browser;

  @BeforeAll
  static void setUp() throws IOException {
    try (InputStream in =
        ReportRendererTest.class.getResourceAsStream("/report/xss-payloads.txt")) {
      payloads =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.isBlank())
              .toList();
    }
    browser = ReportBrowser.start();
  }

  @AfterAll
  static void tearDown() {
    if (browser != null) {
      browser.close();
    }
  }

  /** A report whose every customer-text field carries payloads. */
  static ReportModel hostileModel() {
    List<ThemeView> themes = new ArrayList<>();
    for (int i = 0; i < payloads.size(); i += 2) {
      List<String> quotes = payloads.subList(i, Math.min(i + 2, payloads.size()));
      themes.add(new ThemeView(payloads.get(i), 10 + i, "5%", "new", "-0.40", 7, quotes));
    }
    List<Stop> journey =
        List.of(
            new Stop(1, "signup", "sales", false, "+0.30", "#2", "0"),
            new Stop(2, HOSTILE_TOUCHPOINT, "finance", false, "-0.20", "#1", "100k"),
            new Stop(3, "cancellation", "service", true, "+0.10", "outcome", "0"));
    List<ReportCharts.JourneyPoint> points =
        List.of(
            new ReportCharts.JourneyPoint("signup", 0.3, 0),
            new ReportCharts.JourneyPoint(HOSTILE_TOUCHPOINT, -0.2, 100_000),
            new ReportCharts.JourneyPoint("cancellation", 0.1, 0));
    // A counter-measure whose evidence quotes customer text (and whose playbook text is hostile).
    ActionView action =
        new ActionView(
            1,
            HOSTILE_TOUCHPOINT,
            payloads.get(3),
            "finance",
            "theme 'x': 9 negative sentences; \"" + payloads.get(5) + "\"");
    Card card =
        new Card(
            1,
            HOSTILE_TOUCHPOINT,
            "finance",
            "80.0",
            "80% of its feedback sentences are negative.",
            themes,
            "7",
            "12",
            List.of(new FrictionKind("error", "7.7%"), new FrictionKind("loop", "0.0%")),
            themes.subList(0, 3),
            null,
            List.of(action));
    return new ReportModel(
        "2026-06-30",
        "2026-07-01 02:00 UTC",
        "clickstream 2026-04-01 to 2026-06-30 · feedback 2026-04-01 to 2026-06-30",
        new Quality(
            "good",
            "0 of 10 input rows quarantined",
            List.of(new SourceRow("crm", "10", "10", "0", "none"))),
        new Headline(
            List.of(
                new TopPain(
                    1,
                    HOSTILE_TOUCHPOINT,
                    "finance",
                    "80.0",
                    "2.00 [1.50–2.50]",
                    "100k",
                    payloads.get(0)),
                new TopPain(
                    2, "signup", "sales", "20.0", "1.10 [0.90–1.30]", "0", payloads.get(2))),
            "100k",
            "95% interval 50k–150k",
            "1 touchpoint(s)",
            null),
        journey,
        List.of(
            new Ranked(
                1,
                HOSTILE_TOUCHPOINT,
                "finance",
                "80.0",
                "2.00 [1.50–2.50]",
                true,
                "100k [50k–150k]",
                "9 negative sentences",
                "first run",
                "flat"),
            new Ranked(
                2,
                "signup",
                "sales",
                "20.0",
                "1.10 [0.90–1.30] (only 12 exposed)",
                false,
                "—",
                "3 negative sentences",
                "first run",
                "flat")),
        List.of(card),
        List.of(
            new Team(
                "finance", List.of("#1 " + HOSTILE_TOUCHPOINT), "100k", payloads.get(4), "80.0")),
        List.of(new TeamActions("finance", List.of(action))),
        List.of(
            new InitiativeView(
                "fix-1",
                HOSTILE_TOUCHPOINT,
                "finance",
                "2026-05-15",
                payloads.get(3),
                "before 2026-04-14 to 2026-05-11, after 2026-05-18 to 2026-06-14",
                "worked",
                "better",
                List.of("friction at " + HOSTILE_TOUCHPOINT + " fell 7.7 points [4.8 to 10.7]"))),
        new ReportModel.Paths(
            "order-2 chain over 10 customers' journeys",
            payloads.get(3) + " carries +12.0 points more of the churn",
            List.of(
                new ReportModel.PathStep(
                    HOSTILE_TOUCHPOINT + ":pain > support",
                    "step pair",
                    "+12.0",
                    "[+5.0 to +19.0]",
                    "+30.0",
                    "40",
                    "50%",
                    "worse")),
            List.of(
                new ReportModel.ChurnPath(
                    1, HOSTILE_TOUCHPOINT + ":pain > support", "40", "20", "50%"))),
        new Method(
            "a sentence encoder",
            payloads.get(2),
            "logistic regression",
            "0.830",
            "0.650",
            "0.170",
            "400 held-out customers",
            "riskiest tenth: predicted 90%, observed 73%",
            "negativity 0.25",
            "30",
            payloads.get(1),
            "painpoint dev"),
        new ReportModel.Charts(
            ReportCharts.journeyMap(points),
            ReportCharts.riskRatios(
                List.of(new ReportCharts.RiskInterval(HOSTILE_TOUCHPOINT, 2.0, 1.5, 2.5))),
            ReportCharts.scoreComponents(
                List.of(new ReportCharts.ScoreParts(HOSTILE_TOUCHPOINT, 20, 20, 25, 15))),
            ReportCharts.churnPaths(
                List.of(
                    new ReportCharts.PathBar(HOSTILE_TOUCHPOINT + ":pain > support", 20, 20)))));
  }

  @Test
  void payloadsInCustomerTextRenderAsInertTextInTheBrowser(@TempDir Path dir) throws Exception {
    String html = ReportRenderer.html(hostileModel());
    // The template itself carries no script at all; every '<' of a payload is escaped.
    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img");
    assertThat(html).contains("&lt;script&gt;window.__xss=1;alert(1)&lt;/script&gt;");
    Path file = Files.writeString(dir.resolve("report.html"), html);

    Page page = browser.open(file);
    Files.createDirectories(SCREENSHOTS);
    page.screenshot(SCREENSHOTS.resolve("xss-report.png"), true);

    assertThat(findings(page, file)).as("what the report did in the browser").isEmpty();
    assertThat(page.requests()).as("requests").containsExactly(file.toUri().toString());
    // Only the report's own four charts are SVG roots.
    JsonNode svgs =
        page.evaluate("Array.from(document.querySelectorAll('svg')).map(s => s.id || '(no id)')");
    assertThat(svgs.toString())
        .isEqualTo("[\"journey\",\"riskratios\",\"components\",\"churnpaths\"]");

    // Each quote shows exactly the customer's text, template syntax included, as plain text.
    JsonNode quotes =
        page.evaluate(
            "Array.from(document.querySelectorAll('#cards .cols > div:first-child blockquote.quote')).map(q => q.textContent)");
    List<String> shown = new ArrayList<>();
    quotes.forEach(q -> shown.add(q.asText()));
    assertThat(shown).containsExactlyElementsOf(payloads);
    String text = page.evaluate("document.body.innerText").asText();
    assertThat(text).contains("{{ 7*7 }}").contains("{% for x in range(1,3) %}loop{% endfor %}");
    assertThat(text).doesNotContain("looploop");
    assertThat(
            page.evaluate(
                    "document.querySelector('#card-' + CSS.escape('"
                        + "\\\"><svg onload=window.__xss=99>"
                        + "')) !== null")
                .asBoolean())
        .as("the hostile touchpoint name stays an attribute value")
        .isTrue();
  }

  @Test
  void theBrowserChecksCatchAPayloadThatEscapesEscaping(@TempDir Path dir) throws Exception {
    // The hostile report with one payload pasted in raw, as a broken escaper would leave it.
    String html = ReportRenderer.html(hostileModel());
    String quote = "<blockquote class=\"quote\">";
    int at = html.indexOf(quote);
    assertThat(at).isPositive();
    String payload =
        "<img src=\"https://example.invalid/x.png\" onerror=\"window.__xss=1;alert(1)\">";
    String broken = html.substring(0, at) + quote + payload + html.substring(at + quote.length());

    // The report's Content-Security-Policy stops it from loading or running: each refusal is a
    // console error, and the element and its handler are seen in the DOM.
    Path withPolicy = Files.writeString(dir.resolve("with-policy.html"), broken);
    List<String> found = findings(browser.open(withPolicy), withPolicy);
    assertThat(found)
        .anySatisfy(f -> assertThat(f).startsWith("console error").contains("Content Security"))
        .contains("injected element IMG", "event-handler attribute IMG onerror")
        .noneSatisfy(f -> assertThat(f).startsWith("dialog"))
        .doesNotContain("window.__xss is a number");

    // Without the policy the payload runs, and the dialog, its marker and the request out are
    // each caught.
    String unprotected =
        broken.replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "");
    assertThat(unprotected).isNotEqualTo(broken);
    Path withoutPolicy = Files.writeString(dir.resolve("without-policy.html"), unprotected);
    assertThat(findings(browser.open(withoutPolicy), withoutPolicy))
        .contains(
            "dialog alert: 1",
            "window.__xss is a number",
            "request https://example.invalid/x.png",
            "injected element IMG",
            "event-handler attribute IMG onerror")
        .anySatisfy(
            f ->
                assertThat(f)
                    .startsWith("console error")
                    .contains("https://example.invalid/x.png"));
  }

  /**
   * What the browser saw a report do that an inert one never does, one line per finding: a
   * JavaScript dialog, a console error (a Content Security Policy violation among them), a request
   * besides the file itself, the payloads' marker variable set, an element or {@code on*} attribute
   * a payload would inject. Empty for an inert report.
   */
  static List<String> findings(Page page, Path file) {
    List<String> found = new ArrayList<>();
    page.dialogs().forEach(d -> found.add("dialog " + d));
    page.consoleErrors().forEach(e -> found.add("console error " + e));
    page.requests().stream()
        .filter(r -> !r.equals(file.toUri().toString()))
        .forEach(r -> found.add("request " + r));
    String marker = page.evaluate("typeof window.__xss").asText();
    if (!marker.equals("undefined")) {
      found.add("window.__xss is a " + marker);
    }
    page.evaluate(
            "Array.from(document.querySelectorAll('script,iframe,object,embed,form,base,link,img,"
                + "input,video,details,marquee,math,a,meta[http-equiv=refresh],body style,"
                + "blockquote *')).map(e => e.tagName)")
        .forEach(tag -> found.add("injected element " + tag.asText()));
    page.evaluate(
            "Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes)"
                + ".filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))")
        .forEach(a -> found.add("event-handler attribute " + a.asText()));
    return found;
  }

  @Test
  void markdownSummaryEscapesPayloadsAndKeepsTheTableShape() {
    String md = ReportRenderer.markdown(hostileModel());
    assertThat(md).doesNotContain("<script").doesNotContain("<svg").doesNotContain("<img");
    assertThat(md).contains("&lt;script&gt;window.\\_\\_xss=1;alert(1)&lt;/script&gt;");
    List<String> rows = md.lines().filter(l -> l.startsWith("| ")).toList();
    assertThat(rows).hasSize(4);
    for (String row : rows) {
      // Unescaped pipes only: 9 separators for 8 columns, whatever the cells hold.
      assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).as(row).isEqualTo(9);
    }
    // The paths' lead is a line of its own, and the top path into churn a list item of its own.
    assertThat(md.lines().filter(l -> l.startsWith("Paths to churn (path_effects.csv")))
        .singleElement()
        .satisfies(l -> assertThat(l).endsWith("carries +12.0 points more of the churn"));
    assertThat(md.lines().filter(l -> l.startsWith("- Most common path into churn: "))).hasSize(1);
  }

  @Test
  void sameModelRendersIdentically() {
    assertThat(ReportRenderer.html(hostileModel())).isEqualTo(ReportRenderer.html(hostileModel()));
    assertThat(ReportRenderer.markdown(hostileModel()))
        .isEqualTo(ReportRenderer.markdown(hostileModel()));
  }

  @Test
  void escapeMarkdownNeutralisesMarkupAndLineBreaks() {
    assertThat(ReportRenderer.escapeMarkdown("a|b *c* _d_ [e](f) <g>\nh & `i`"))
        .isEqualTo("a\\|b \\*c\\* \\_d\\_ \\[e\\](f) &lt;g&gt; h &amp; \\`i\\`");
  }

  @Test
  void formatsAreShortAndLocaleIndependent() {
    assertThat(ReportFormat.money(277548.5)).isEqualTo("278k");
    assertThat(ReportFormat.money(1234567.0)).isEqualTo("1.23M");
    assertThat(ReportFormat.money(8400.0)).isEqualTo("8.4k");
    assertThat(ReportFormat.money(950.0)).isEqualTo("950");
    assertThat(ReportFormat.money(null)).isEqualTo("—");
    assertThat(ReportFormat.ratio(2.5764, 2.2242, 2.9843)).isEqualTo("2.58 [2.22–2.98]");
    assertThat(ReportFormat.percent(0.39355)).isEqualTo("39.4%");
    assertThat(ReportFormat.count(157366)).isEqualTo("157,366");
    assertThat(ReportFormat.signed(-0.1625, 2)).isEqualTo("-0.16");
    assertThat(ReportFormat.timestamp("2026-11-22T20:47:43.646684940Z"))
        .isEqualTo("2026-11-22 20:47 UTC");
  }
}

package com.painpoint.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.painpoint.jobs.report.ReportBrowser.BrowserException;
import com.painpoint.jobs.report.ReportBrowser.Page;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real browser: these fail (not skip) when no Chromium or chromedriver is installed.
 * Each check a report test relies on is shown failing on a page made to trip it.
 */
class ReportBrowserTest {
  static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

  static ReportBrowser browser;

  @BeforeAll
  static void start() {
    browser = ReportBrowser.start();
    System.out.println("ReportBrowserTest: " + browser.version());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  static Path write(Path dir, String name, String body) throws Exception {
    return write(dir, name, "", body);
  }

  static Path write(Path dir, String name, String head, String body) throws Exception {
    return Files.writeString(
        dir.resolve(name),
        "<!doctype html><html><head><meta charset=utf-8><title>"
            + name
            + "</title>"
            + head
            + "</head><body>"
            + body
            + "</body></html>",
        StandardCharsets.UTF_8);
  }

  @Test
  void aCleanPageHasNoErrorsShowsItsHeadingAndIsCaptured(@TempDir Path dir) throws Exception {
    Path html =
        write(dir, "clean.html", "<h1 id=t>Hello</h1><p id=hidden style='display:none'>no</p>");
    Page page = browser.open(html);

    assertThat(page.consoleErrors()).isEmpty();
    assertThat(page.dialogs()).isEmpty();
    assertThat(page.evaluate("document.getElementById('t').textContent").asText())
        .isEqualTo("Hello");
    JsonNode box =
        page.evaluate(
            "(() => { const e = document.getElementById('t'); const r = e.getBoundingClientRect();"
                + " const s = getComputedStyle(e); return {x: r.x, y: r.y, w: r.width,"
                + " h: r.height, visibility: s.visibility, display: s.display}; })()");
    assertThat(box.get("w").asDouble()).isPositive();
    assertThat(box.get("h").asDouble()).isPositive();
    assertThat(box.get("visibility").asText()).isEqualTo("visible");
    assertThat(box.get("display").asText()).isNotEqualTo("none");
    assertThat(page.isVisible("#t")).isTrue();
    assertThat(page.isVisible("#hidden")).isFalse();
    assertThat(page.isVisible("#absent")).isFalse();

    Path png = page.screenshot(dir.resolve("shots/clean.png"), true);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes).startsWith(PNG_MAGIC);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(ReportBrowser.WIDTH);
    // The heading was painted: its box holds dark (text) pixels, the page corner is white.
    int darkest = 255;
    for (int y = box.get("y").asInt(); y < box.get("y").asInt() + box.get("h").asInt(); y++) {
      for (int x = 0; x < Math.min(200, image.getWidth()); x++) {
        darkest = Math.min(darkest, image.getRGB(x, y) & 0xff);
      }
    }
    assertThat(darkest).isLessThan(100);
    assertThat(image.getRGB(image.getWidth() - 1, image.getHeight() - 1) & 0xffffff)
        .isEqualTo(0xffffff);

    Path pdf = page.printToPdf(dir.resolve("clean.pdf"));
    assertThat(Files.readString(pdf, StandardCharsets.ISO_8859_1)).startsWith("%PDF-");
  }

  @Test
  void aFullPageScreenshotIsAsTallAsTheContentAndSurvivesSeveralMegabytes(@TempDir Path dir)
      throws Exception {
    // Random noise does not compress: the PNG is several MB, carried base64 through chromedriver.
    Path html =
        write(
            dir,
            "tall.html",
            "<style>body{margin:0}canvas{display:block}</style>"
                + "<canvas id=c width=1280 height=1600></canvas><div style='height:1400px'></div>"
                + "<script>const c = document.getElementById('c').getContext('2d');"
                + " const d = c.createImageData(1280, 1600);"
                + " for (let i = 0; i < d.data.length; i++) d.data[i] = i % 4 == 3 ? 255"
                + " : Math.random() * 256 | 0;"
                + " c.putImageData(d, 0, 0);</script>");
    Page page = browser.open(html);
    assertThat(page.consoleErrors()).isEmpty();

    Path full = page.screenshot(dir.resolve("full.png"), true);
    assertThat(Files.size(full)).isGreaterThan(3_000_000L);
    BufferedImage image = ImageIO.read(full.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(3000);

    BufferedImage viewport = ImageIO.read(page.screenshot(dir.resolve("vp.png"), false).toFile());
    assertThat(viewport.getWidth()).isEqualTo(1280);
    assertThat(viewport.getHeight()).isEqualTo(ReportBrowser.HEIGHT);
  }

  @Test
  void consoleErrorsAndUncaughtExceptionsAreReported(@TempDir Path dir) throws Exception {
    Page logged = browser.open(write(dir, "logged.html", "<script>console.error('boom')</script>"));
    assertThat(logged.consoleErrors()).hasSize(1);
    assertThat(logged.consoleErrors().get(0)).contains("boom");

    Page thrown = browser.open(write(dir, "thrown.html", "<script>undefinedFn()</script>"));
    assertThat(thrown.consoleErrors()).hasSize(1);
    assertThat(thrown.consoleErrors().get(0))
        .contains("ReferenceError")
        .contains("undefinedFn is not defined");

    Page late =
        browser.open(
            write(
                dir,
                "late.html",
                "<script>setTimeout(() => console.assert(false, 'late'), 0);"
                    + " Promise.reject(new Error('rejected'));"
                    + " console.warn('only a warning'); console.log('fine')</script>"));
    assertThat(late.consoleErrors())
        .anySatisfy(e -> assertThat(e).contains("late"))
        .anySatisfy(e -> assertThat(e).contains("rejected"))
        .noneSatisfy(e -> assertThat(e).contains("only a warning"))
        .hasSize(2);

    Page missing = browser.open(write(dir, "missing.html", "<img src=missing.png alt=''>"));
    assertThat(missing.consoleErrors())
        .singleElement()
        .satisfies(e -> assertThat(e).contains("ERR_FILE_NOT_FOUND").contains("missing.png"));

    // Each page keeps its own record: a clean page opened after them reports nothing.
    Page clean = browser.open(write(dir, "after.html", "<p>fine</p>"));
    assertThat(clean.consoleErrors()).isEmpty();
    assertThat(logged.consoleErrors()).hasSize(1);
    logged.close();
    thrown.close();
    late.close();
    missing.close();
    clean.close();
  }

  @Test
  void dialogsAreRecordedAndDismissedSoThePageFinishesLoading(@TempDir Path dir) throws Exception {
    Page page = browser.open(write(dir, "alert.html", "<script>alert('x')</script><p id=after>"));
    assertThat(page.dialogs()).singleElement().satisfies(d -> assertThat(d).contains("x"));
    assertThat(page.dialogs().get(0)).isEqualTo("alert: x");
    assertThat(page.evaluate("document.readyState").asText()).isEqualTo("complete");
    assertThat(page.evaluate("!!document.getElementById('after')").asBoolean()).isTrue();

    // An injected payload that runs is seen; the same payload escaped is inert text.
    Page injected =
        browser.open(write(dir, "injected.html", "<p><img src=x onerror=\"alert(1)\"></p>"));
    assertThat(injected.dialogs()).containsExactly("alert: 1");
    Page escaped =
        browser.open(
            write(
                dir, "escaped.html", "<p id=p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>"));
    assertThat(escaped.dialogs()).isEmpty();
    assertThat(escaped.evaluate("document.getElementById('p').textContent").asText())
        .isEqualTo("<img src=x onerror=\"alert(1)\">");
    // confirm() and prompt() are dismissed too.
    Page asks =
        browser.open(
            write(
                dir,
                "asks.html",
                "<script>window.answers = [confirm('sure?'), prompt('name?', 'n')]</script>"));
    assertThat(asks.dialogs()).containsExactly("confirm: sure?", "prompt: name?");
    assertThat(asks.evaluate("window.answers").toString()).isEqualTo("[false,null]");
  }

  @Test
  void everyRequestIsRecordedSoAPageThatFetchesFromOutsideIsCaught(@TempDir Path dir)
      throws Exception {
    Path own = write(dir, "own.html", "<p>self-contained</p>");
    assertThat(browser.open(own).requests()).containsExactly(own.toUri().toString());

    Path external = write(dir, "external.html", "<img src=\"https://example.invalid/a.png\">");
    Page page = browser.open(external);
    assertThat(page.requests())
        .contains(external.toUri().toString(), "https://example.invalid/a.png")
        .hasSize(2);
    // The name was never resolved: the load failed here, and that is an error too.
    assertThat(page.consoleErrors())
        .anySatisfy(e -> assertThat(e).contains("https://example.invalid/a.png"));
  }

  @Test
  void evaluateReturnsValuesAwaitsPromisesAndThrowsWhatThePageThrows(@TempDir Path dir)
      throws Exception {
    Page page = browser.open(write(dir, "eval.html", "<p>eval</p>"));
    assertThat(page.evaluate("Promise.resolve(6 * 7)").asInt()).isEqualTo(42);
    assertThat(page.evaluate("({a: [1, 'b']})").toString()).isEqualTo("{\"a\":[1,\"b\"]}");
    assertThat(page.evaluate("undefined").isNull()).isTrue();
    assertThat(page.evaluate("0/0").asText()).isEqualTo("NaN");
    assertThatThrownBy(() -> page.evaluate("nope.x"))
        .isInstanceOf(BrowserException.class)
        .hasMessageContaining("ReferenceError: nope is not defined");
    assertThatThrownBy(() -> page.evaluate("Promise.reject(new Error('no'))"))
        .isInstanceOf(BrowserException.class)
        .hasMessageContaining("Error: no");
    // A failed evaluation is the test's, not the page's.
    assertThat(page.consoleErrors()).isEmpty();
  }

  @Test
  void aContentSecurityPolicyViolationIsAConsoleError(@TempDir Path dir) throws Exception {
    // The report's own policy: what it forbids is reported when a page tries it.
    String policy =
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
            + " style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">";
    Page page =
        browser.open(
            write(
                dir,
                "csp.html",
                policy,
                "<p id=p style='color:red'>styled</p><script>window.__ran = 1</script>"
                    + "<img src=\"https://example.invalid/pixel.png\">"));
    assertThat(page.consoleErrors())
        .anySatisfy(e -> assertThat(e).contains("Content Security Policy").contains("script-src"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains("Content Security Policy")
                    .contains("https://example.invalid/pixel.png"))
        .hasSize(2);
    assertThat(page.evaluate("typeof window.__ran").asText()).isEqualTo("undefined");
    // A load the policy blocked still counts as a request the page made: requests() lists what
    // the page tried to fetch, so a report that tries is caught even when its policy holds.
    assertThat(page.requests())
        .containsExactly(page.url().toString(), "https://example.invalid/pixel.png");

    // What the policy allows (inline style, data: images) raises nothing.
    Page allowed =
        browser.open(
            write(
                dir,
                "allowed.html",
                policy,
                "<p style='color:red'>styled</p><img alt='' src=\"data:image/gif;base64,"
                    + "R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==\">"));
    assertThat(allowed.consoleErrors()).isEmpty();
  }

  @Test
  void aDialogOpenedAfterTheLoadEventIsRecordedToo(@TempDir Path dir) throws Exception {
    Page page =
        browser.open(
            write(
                dir,
                "later.html",
                "<script>addEventListener('load', () => setTimeout(() => {"
                    + " alert('later'); window.__after = confirm('again?') }, 0))</script>"));
    assertThat(page.evaluate("window.__after").asBoolean(true)).isFalse();
    assertThat(page.dialogs()).containsExactly("alert: later", "confirm: again?");
  }

  @Test
  void theViewportIsFixedAtTheDocumentedSize(@TempDir Path dir) throws Exception {
    Page page = browser.open(write(dir, "size.html", "<p>size</p>"));
    assertThat(page.evaluate("[innerWidth, innerHeight, devicePixelRatio]").toString())
        .isEqualTo("[" + ReportBrowser.WIDTH + "," + ReportBrowser.HEIGHT + ",1]");
  }

  @Test
  void aPageNoLongerShownCannotBeDrivenButKeepsItsRecords(@TempDir Path dir) throws Exception {
    Page first = browser.open(write(dir, "first.html", "<script>console.error('first')</script>"));
    Page second = browser.open(write(dir, "second.html", "<p>second</p>"));
    assertThat(first.consoleErrors())
        .singleElement()
        .satisfies(e -> assertThat(e).contains("first"));
    assertThat(second.consoleErrors()).isEmpty();
    assertThatThrownBy(() -> first.evaluate("1"))
        .isInstanceOf(BrowserException.class)
        .hasMessageContaining("no longer shown");
    second.close();
    assertThatThrownBy(() -> second.screenshot(dir.resolve("x.png"), false))
        .isInstanceOf(BrowserException.class)
        .hasMessageContaining("no longer shown");
    assertThat(second.requests()).containsExactly(second.url().toString());
  }

  @Test
  void aMissingFileBrowserOrDriverFailsWithAClearMessage(@TempDir Path dir) {
    assertThatThrownBy(() -> browser.open(dir.resolve("absent.html")))
        .isInstanceOf(BrowserException.class)
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> ReportBrowser.findBrowser(null, dir.toString()))
        .isInstanceOf(BrowserException.class)
        .hasMessageContaining("scripts/install-chromium")
        .hasMessageContaining("PAINPOINT_CHROMIUM");
    assertThatThrownBy(() -> ReportBrowser.findBrowser(dir.resolve("nope").toString(), ""))
        .isInstanceOf(BrowserException.class)
        .hasMessageContaining("PAINPOINT_CHROMIUM=");
    assertThatThrownBy(() -> ReportBrowser.findDriver(null, dir.toString()))
        .isInstanceOf(BrowserException.class)
        .hasMessageContaining("chromium-driver")
        .hasMessageContaining("PAINPOINT_CHROMEDRIVER");
    assertThatThrownBy(() -> ReportBrowser.findDriver(dir.resolve("nope").toString(), ""))
        .isInstanceOf(BrowserException.class)
        .hasMessageContaining("PAINPOINT_CHROMEDRIVER=");
  }
}

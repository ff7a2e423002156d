package com.painpoint.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.Alert;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;

/**
 * A real headless Chromium, driven by Selenium WebDriver through chromedriver, for tests that must
 * prove in a browser what an HTML file does: that it logs no errors, opens no dialog, shows what it
 * should, never runs an injected script, fetches nothing from outside, and how it looks (PNG) and
 * prints (PDF).
 *
 * <pre>{@code
 * try (ReportBrowser browser = ReportBrowser.start()) {
 *   ReportBrowser.Page page = browser.open(reportHtml);
 *   assertThat(page.consoleErrors()).isEmpty();
 *   assertThat(page.isVisible("#summary")).isTrue();
 *   page.screenshot(dir.resolve("report.png"), true);
 * }
 * }</pre>
 *
 * <p>Where each check comes from: chromedriver records the browser's console ({@code
 * goog:loggingPrefs} browser=ALL: {@code console.error}/{@code console.assert}, uncaught exceptions
 * and promise rejections, failed loads, Content Security Policy violations) and its DevTools events
 * (performance=ALL: {@code Network.requestWillBeSent} for every request, {@code
 * Page.javascriptDialogOpening} for every alert/confirm/prompt); both logs are read through
 * WebDriver. Dialogs are dismissed through WebDriver's alert API, so a page that opens one still
 * finishes loading. Screenshots, the PDF ({@link org.openqa.selenium.PrintsPage}) and evaluation go
 * through WebDriver; the full-page screenshot, the fixed viewport and {@code Runtime.evaluate} use
 * chromedriver's CDP pass-through ({@link ChromeDriver#executeCdpCommand}), which needs no protocol
 * classes of a given Chromium version.
 *
 * <p>The browser is {@code $PAINPOINT_CHROMIUM}, else the first of {@link #BROWSERS} on the PATH;
 * the driver is {@code $PAINPOINT_CHROMEDRIVER}, else {@code chromedriver} on the PATH (Debian's
 * {@code chromium-driver}). Both are given to Selenium explicitly, so Selenium Manager never runs
 * and nothing is downloaded. When either is missing, {@link #start()} throws: a test that needs the
 * browser fails, it does not skip. Every wait has a time limit.
 *
 * <p>One browser window shows one page at a time: {@link #open(Path)} replaces the page shown
 * before, whose records (errors, dialogs, requests) stay readable.
 */
public final class ReportBrowser implements AutoCloseable {
  /** Environment variable naming the Chromium binary to use. */
  public static final String BROWSER_ENV = "PAINPOINT_CHROMIUM";

  /** Environment variable naming the chromedriver binary to use. */
  public static final String DRIVER_ENV = "PAINPOINT_CHROMEDRIVER";

  /** Looked for on the PATH, in this order, when {@link #BROWSER_ENV} is not set. */
  public static final List<String> BROWSERS =
      List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

  /** Looked for on the PATH when {@link #DRIVER_ENV} is not set. */
  public static final List<String> DRIVERS = List.of("chromedriver");

  /** The viewport every page gets, in CSS pixels at device scale factor 1. */
  public static final int WIDTH = 1280;

  public static final int HEIGHT = 900;

  static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
  static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);

  /** After the load event: lets late events (timers, failed loads) happen before tests look. */
  static final Duration SETTLE = Duration.ofMillis(250);

  /** More dialogs than this in a row and the page is taken to open them forever. */
  static final int MAX_DIALOGS = 50;

  static final String INSTALL =
      "run scripts/install-chromium (apt-get install chromium chromium-driver)";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path root;
  private final Thread quitOnExit;
  private Page current;
  private boolean closed;

  private ReportBrowser(
      ChromeDriver driver, ChromeDriverService service, Path root, Thread quitOnExit) {
    this.driver = driver;
    this.service = service;
    this.root = root;
    this.quitOnExit = quitOnExit;
  }

  /** Thrown for anything that goes wrong in or with the browser. */
  public static final class BrowserException extends RuntimeException {
    BrowserException(String message) {
      super(message);
    }

    BrowserException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  // ---------------------------------------------------------------- finding and starting

  /**
   * The Chromium binary from {@code $PAINPOINT_CHROMIUM} or the PATH; throws when there is none.
   */
  public static Path findBrowser() {
    return findBrowser(System.getenv(BROWSER_ENV), System.getenv("PATH"));
  }

  static Path findBrowser(String override, String pathVariable) {
    return find(BROWSER_ENV, override, pathVariable, BROWSERS, "a Chromium binary");
  }

  /**
   * The chromedriver binary from {@code $PAINPOINT_CHROMEDRIVER} or the PATH; throws when there is
   * none.
   */
  public static Path findDriver() {
    return findDriver(System.getenv(DRIVER_ENV), System.getenv("PATH"));
  }

  static Path findDriver(String override, String pathVariable) {
    return find(DRIVER_ENV, override, pathVariable, DRIVERS, "a chromedriver binary");
  }

  private static Path find(
      String env, String override, String pathVariable, List<String> names, String what) {
    if (override != null && !override.isBlank()) {
      Path p = Path.of(override);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
      throw new BrowserException(
          env
              + "="
              + override
              + " is not an executable file; point it at "
              + what
              + " or unset it ("
              + INSTALL
              + ")");
    }
    List<String> dirs =
        pathVariable == null ? List.of() : List.of(pathVariable.split(File.pathSeparator));
    for (String name : names) {
      for (String dir : dirs) {
        if (dir.isEmpty()) {
          continue;
        }
        Path p = Path.of(dir, name);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return p;
        }
      }
    }
    throw new BrowserException(
        "no "
            + what
            + " found: "
            + env
            + " is not set and none of "
            + names
            + " is on the PATH; "
            + INSTALL
            + " or set "
            + env);
  }

  /** Starts the browser and driver found by {@link #findBrowser()} and {@link #findDriver()}. */
  public static ReportBrowser start() {
    return start(findBrowser(), findDriver());
  }

  /**
   * Starts {@code browser} headless through {@code chromedriver}, with a fresh temporary profile.
   */
  public static ReportBrowser start(Path browser, Path chromedriver) {
    Path root;
    try {
      root = Files.createTempDirectory("painpoint-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path profile = root.resolve("profile");
    Path log = root.resolve("chromedriver.log");
    // Selenium runs Selenium Manager (which downloads drivers) only when it is given no driver:
    // the service names it, and so does the system property, for any code that reads that.
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, chromedriver.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=" + WIDTH + "," + HEIGHT,
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--force-color-profile=srgb",
        // No name is ever resolved: a page's reference to any host fails at once, here, instead
        // of sending a DNS query out (the request is still recorded as made).
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // Dialogs are left open for us to record and dismiss (see dismissDialogs).
    options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);

    ChromeDriverService service = null;
    ChromeDriver driver = null;
    Thread quitOnExit = null;
    try {
      Files.createDirectories(profile);
      service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(chromedriver.toFile())
              .usingAnyFreePort()
              .withLogFile(log.toFile())
              .build();
      driver = new ChromeDriver(service, options);
      ChromeDriver started = driver;
      ChromeDriverService startedService = service;
      quitOnExit = new Thread(() -> quit(started, startedService, root), "quit-report-browser");
      Runtime.getRuntime().addShutdownHook(quitOnExit);
      driver.manage().timeouts().pageLoadTimeout(LOAD_TIMEOUT);
      driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
      // The viewport is exactly WIDTH x HEIGHT at scale 1 (the window's own size leaves less).
      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("width", WIDTH);
      metrics.put("height", HEIGHT);
      metrics.put("deviceScaleFactor", 1);
      metrics.put("mobile", false);
      driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", metrics);
      ReportBrowser b = new ReportBrowser(driver, service, root, quitOnExit);
      b.drain(); // what the browser did before any page of ours (its start page) is nobody's
      return b;
    } catch (RuntimeException | IOException e) {
      String output = logTail(log);
      quit(driver, service, root);
      if (quitOnExit != null) {
        removeHook(quitOnExit);
      }
      deleteTree(root);
      throw new BrowserException(
          "could not start "
              + browser
              + " through "
              + chromedriver
              + ": "
              + firstLine(e.getMessage())
              + output,
          e);
    }
  }

  // ---------------------------------------------------------------- the browser

  /**
   * The browser's and the driver's versions, e.g. {@code Chrome/156.0.8078.114 (chromedriver …)}.
   */
  public String version() {
    checkOpen();
    Object chrome = driver.getCapabilities().getCapability("chrome");
    Object driverVersion =
        chrome instanceof Map<?, ?> m ? m.get("chromedriverVersion") : "unknown version";
    return "Chrome/"
        + driver.getCapabilities().getBrowserVersion()
        + " (chromedriver "
        + driverVersion
        + ")";
  }

  /**
   * Shows {@code htmlFile} and returns once it has loaded (at most 60 s) and a short settle has
   * passed. Console, dialog and network events are recorded from before navigation starts;
   * JavaScript dialogs are dismissed as they are seen. The page shown before is left (its records
   * stay readable).
   */
  public Page open(Path htmlFile) {
    checkOpen();
    Path file = htmlFile.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new BrowserException("no such file to open: " + file);
    }
    leaveCurrent();
    Page page = new Page(this, file.toUri());
    current = page;
    String url = page.url.toString();
    try {
      driver.get(url);
    } catch (UnhandledAlertException dialogWhileLoading) {
      // Recorded from the event log; dismissed while waiting for the load below.
    } catch (WebDriverException e) {
      throw new BrowserException("could not load " + url + ": " + firstLine(e.getMessage()), e);
    }
    long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
    while (!"complete".equals(withDialogsDismissed(() -> script("return document.readyState")))) {
      if (System.nanoTime() > deadline) {
        drain();
        throw new BrowserException(
            "timed out after "
                + LOAD_TIMEOUT.toSeconds()
                + " s waiting for the load event of "
                + url
                + " (dialogs so far: "
                + page.dialogs
                + ", errors so far: "
                + page.consoleErrors
                + ")"
                + logTail(root.resolve("chromedriver.log")));
      }
      sleep(50);
    }
    sleep(SETTLE.toMillis());
    // A round trip through the page's event loop: a frame and a zero-delay timer have run.
    withDialogsDismissed(
        () ->
            driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + " requestAnimationFrame(() => setTimeout(done, 0));"));
    drain();
    return page;
  }

  /** Quits the browser and its driver and deletes the temporary profile. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      if (current != null) {
        drain();
        current.shown = false;
      }
    } catch (RuntimeException ignored) {
      // The browser goes below anyway; the records read so far stay.
    } finally {
      closed = true;
      current = null;
      quit(driver, service, root);
      removeHook(quitOnExit);
      deleteTree(root);
    }
  }

  // ---------------------------------------------------------------- internals

  private void checkOpen() {
    if (closed) {
      throw new BrowserException("this ReportBrowser is closed");
    }
  }

  /** Leaves the page shown (its later events recorded), so nothing of it reaches the next one. */
  private void leaveCurrent() {
    if (current == null) {
      return;
    }
    try {
      drain();
      withDialogsDismissed(
          () -> {
            driver.get("about:blank");
            return null;
          });
      drain();
    } finally {
      current.shown = false;
      current = null;
    }
  }

  /**
   * Reads what chromedriver recorded since the last read and adds it to the page shown: browser log
   * entries at level SEVERE are its console errors; from the DevTools event log, every request's
   * URL and every dialog.
   */
  private void drain() {
    List<LogEntry> console =
        withDialogsDismissed(() -> driver.manage().logs().get(LogType.BROWSER).getAll());
    List<LogEntry> events =
        withDialogsDismissed(() -> driver.manage().logs().get(LogType.PERFORMANCE).getAll());
    Page page = current;
    if (page == null) {
      return;
    }
    for (LogEntry entry : console) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        page.consoleErrors.add(entry.getMessage());
      }
    }
    for (LogEntry entry : events) {
      JsonNode message;
      try {
        message = JSON.readTree(entry.getMessage()).path("message");
      } catch (IOException e) {
        throw new BrowserException("unreadable chromedriver event: " + entry.getMessage(), e);
      }
      JsonNode params = message.path("params");
      switch (message.path("method").asText()) {
        case "Network.requestWillBeSent":
          page.requests.add(params.path("request").path("url").asText());
          break;
        case "Page.javascriptDialogOpening":
          page.dialogs.add(params.path("type").asText() + ": " + params.path("message").asText());
          break;
        default:
          break;
      }
    }
  }

  /**
   * Dismisses every open JavaScript dialog (a page may open one after another). They are recorded
   * from the event log, with their type, by {@link #drain()}.
   */
  private void dismissDialogs() {
    for (int i = 0; i < MAX_DIALOGS; i++) {
      Alert alert;
      try {
        alert = driver.switchTo().alert();
      } catch (NoAlertPresentException none) {
        return;
      }
      try {
        alert.dismiss();
      } catch (NoAlertPresentException closedMeanwhile) {
        // Gone already.
      }
    }
    throw new BrowserException("the page keeps opening JavaScript dialogs");
  }

  /**
   * Runs {@code step} with no dialog open. A WebDriver command refuses to run while a dialog is
   * open ({@link UnhandledAlertException}); the dialog is then dismissed and the command repeated,
   * so only idempotent steps go through here.
   */
  private <T> T withDialogsDismissed(Supplier<T> step) {
    for (int i = 0; i < MAX_DIALOGS; i++) {
      dismissDialogs();
      try {
        return step.get();
      } catch (UnhandledAlertException dialog) {
        // Opened since: dismiss it and try again.
      }
    }
    throw new BrowserException("the page keeps opening JavaScript dialogs");
  }

  private Object script(String js) {
    return driver.executeScript(js);
  }

  private static void quit(ChromeDriver driver, ChromeDriverService service, Path root) {
    // The processes this browser started: chromedriver (its log is under root) and chromium (its
    // profile is under root), found before they are asked to end, killed if they did not.
    List<ProcessHandle> ours =
        ProcessHandle.current()
            .descendants()
            .filter(p -> p.info().commandLine().map(c -> c.contains(root.toString())).orElse(false))
            .collect(Collectors.toList());
    List<ProcessHandle> all = new ArrayList<>(ours);
    ours.forEach(p -> p.descendants().forEach(all::add));
    try {
      if (driver != null) {
        driver.quit();
      }
    } catch (RuntimeException ignored) {
      // Killed below.
    }
    try {
      if (service != null) {
        service.stop();
      }
    } catch (RuntimeException ignored) {
      // Killed below.
    }
    for (ProcessHandle p : all) {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs anyway.
    }
  }

  private static void deleteTree(Path root) {
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      if (!Files.exists(root)) {
        return;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
          Files.deleteIfExists(p);
        }
        return;
      } catch (IOException | UncheckedIOException e) {
        // A child process still writing for a moment: try again.
        last = e instanceof IOException ? (IOException) e : ((UncheckedIOException) e).getCause();
        sleep(200);
      }
    }
    throw new UncheckedIOException("could not delete chromium's temporary profile " + root, last);
  }

  /** The last lines chromedriver logged, for error messages. */
  private static String logTail(Path log) {
    try {
      List<String> lines =
          Files.readAllLines(log, StandardCharsets.UTF_8).stream()
              .filter(l -> !l.isBlank())
              .collect(Collectors.toList());
      String text = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
      return text.isEmpty() ? "" : "\n--- chromedriver log (last lines) ---\n" + text;
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrowserException("interrupted", e);
    }
  }

  private static Path write(Path file, byte[] bytes) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- a page

  /** One file shown in the browser; everything it reported since before its navigation began. */
  public static final class Page implements AutoCloseable {
    private final ReportBrowser browser;
    private final URI url;
    private final List<String> consoleErrors = new ArrayList<>();
    private final List<String> dialogs = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();
    private boolean shown = true;

    private Page(ReportBrowser browser, URI url) {
      this.browser = browser;
      this.url = url;
    }

    /** The {@code file://} URL this page was opened at. */
    public URI url() {
      return url;
    }

    /**
     * Every error the page reported: {@code console.error}/{@code console.assert} calls, uncaught
     * exceptions and promise rejections, and the browser's own error entries (failed resource
     * loads, Content Security Policy violations, ...), each one string as chromedriver logged it
     * (source URL, position, text).
     */
    public List<String> consoleErrors() {
      refresh();
      return List.copyOf(consoleErrors);
    }

    /** Every JavaScript dialog the page opened, as {@code "type: message"}; all were dismissed. */
    public List<String> dialogs() {
      refresh();
      return List.copyOf(dialogs);
    }

    /** The URL of every network request the page made (its own document first), in order. */
    public List<String> requests() {
      refresh();
      return List.copyOf(requests);
    }

    /**
     * The value of a JavaScript expression (a promise is awaited), as JSON: objects and arrays come
     * back by value, {@code undefined} as a JSON null, {@code NaN}/{@code Infinity}/bigints as
     * their text. Throws {@link BrowserException} with the exception's text when it throws.
     */
    public JsonNode evaluate(String expression) {
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("expression", expression);
      params.put("returnByValue", true);
      params.put("awaitPromise", true);
      JsonNode answer = JSON.valueToTree(cdp("Runtime.evaluate", params, expression));
      if (answer.has("exceptionDetails")) {
        throw new BrowserException(
            "evaluating `"
                + abbreviate(expression)
                + "` in "
                + url
                + " threw: "
                + describe(answer.get("exceptionDetails")));
      }
      JsonNode result = answer.path("result");
      if (result.has("value")) {
        return result.get("value");
      }
      if (result.has("unserializableValue")) {
        return TextNode.valueOf(result.get("unserializableValue").asText());
      }
      return NullNode.getInstance();
    }

    /**
     * Whether the first element matching a CSS selector is shown: it exists, has a non-empty box,
     * and neither it nor an ancestor is {@code display:none}, {@code visibility:hidden} or fully
     * transparent.
     */
    public boolean isVisible(String cssSelector) {
      String js =
          "(() => { const e = document.querySelector("
              + JSON.valueToTree(cssSelector)
              + "); if (!e) return false; const r = e.getBoundingClientRect();"
              + " return r.width > 0 && r.height > 0 && e.checkVisibility("
              + "{opacityProperty: true, visibilityProperty: true}); })()";
      return evaluate(js).asBoolean();
    }

    /**
     * Writes a PNG of the viewport (1280 x 900), or of the whole page when {@code fullPage}: as
     * wide and as tall as its content.
     */
    public Path screenshot(Path png, boolean fullPage) {
      checkShown();
      if (!fullPage) {
        return write(
            png,
            browser.withDialogsDismissed(() -> browser.driver.getScreenshotAs(OutputType.BYTES)));
      }
      // WebDriver's screenshot is of the viewport; the whole page is captured through CDP.
      JsonNode metrics =
          JSON.valueToTree(cdp("Page.getLayoutMetrics", new LinkedHashMap<>(), "layout metrics"));
      JsonNode size =
          metrics.has("cssContentSize")
              ? metrics.get("cssContentSize")
              : metrics.path("contentSize");
      Map<String, Object> clip = new LinkedHashMap<>();
      clip.put("x", 0);
      clip.put("y", 0);
      clip.put("width", Math.ceil(size.path("width").asDouble(WIDTH)));
      clip.put("height", Math.ceil(size.path("height").asDouble(HEIGHT)));
      clip.put("scale", 1);
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("format", "png");
      params.put("captureBeyondViewport", true);
      params.put("clip", clip);
      Object data = cdp("Page.captureScreenshot", params, "a full-page screenshot").get("data");
      return write(png, Base64.getDecoder().decode(String.valueOf(data)));
    }

    /** Prints the page to an A4 PDF (backgrounds included), as a person's print would. */
    public Path printToPdf(Path pdf) {
      checkShown();
      PrintOptions options = new PrintOptions().setPageSize(PageSize.ISO_A4).setBackground(true);
      String base64 =
          browser.withDialogsDismissed(() -> browser.driver.print(options).getContent());
      return write(pdf, Base64.getDecoder().decode(base64));
    }

    /** Leaves this page (the browser shows a blank one); its records stay readable. */
    @Override
    public void close() {
      if (shown && browser.current == this && !browser.closed) {
        browser.leaveCurrent();
      }
      shown = false;
    }

    // -------------------------------------------------------------- internals

    /** The records are read from chromedriver while this page is the one shown. */
    private void refresh() {
      if (shown && browser.current == this && !browser.closed) {
        browser.drain();
      }
    }

    private void checkShown() {
      browser.checkOpen();
      if (!shown || browser.current != this) {
        throw new BrowserException("page " + url + " is no longer shown (closed or replaced)");
      }
    }

    /**
     * A DevTools command on this page. A dialog open before it is dismissed first; one the command
     * itself makes the page open is an error (the command is not repeated).
     */
    private Map<String, Object> cdp(String method, Map<String, Object> params, String what) {
      checkShown();
      browser.dismissDialogs();
      try {
        return browser.driver.executeCdpCommand(method, params);
      } catch (UnhandledAlertException e) {
        browser.dismissDialogs();
        throw new BrowserException(
            "a JavaScript dialog opened while running " + abbreviate(what) + " in " + url, e);
      } catch (WebDriverException e) {
        throw new BrowserException(
            method + " failed in " + url + ": " + firstLine(e.getMessage()), e);
      }
    }

    private static String render(JsonNode remoteObject) {
      JsonNode value = remoteObject.get("value");
      if (value != null) {
        return value.isTextual() ? value.asText() : value.toString();
      }
      for (String field : List.of("unserializableValue", "description")) {
        if (remoteObject.has(field)) {
          return remoteObject.get(field).asText();
        }
      }
      return remoteObject.path("type").asText();
    }

    private static String describe(JsonNode exceptionDetails) {
      String text = exceptionDetails.path("text").asText("");
      String description = exceptionDetails.path("exception").path("description").asText("");
      if (description.isEmpty()) {
        JsonNode exception = exceptionDetails.path("exception");
        description = exception.has("value") ? render(exception) : "";
      }
      String joined = (text + " " + description).trim();
      return joined.isEmpty() ? exceptionDetails.toString() : joined;
    }

    private static String abbreviate(String s) {
      return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
  }
}

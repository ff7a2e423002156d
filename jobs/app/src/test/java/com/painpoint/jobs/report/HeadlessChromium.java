package com.painpoint.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real headless Chromium, driven over the Chrome DevTools Protocol (CDP), for tests that must
 * prove in a browser what an HTML file does: that it logs no errors, shows what it should, never
 * runs an injected script, fetches nothing from outside, and how it looks (PNG) and prints (PDF).
 *
 * <p>No dependency beyond the JDK's {@link WebSocket} and Jackson. One browser process, one
 * WebSocket to it; each {@link #open(Path)} makes a new tab (CDP target) attached as a flat
 * session, so pages can be opened one after another (or side by side) and their events never mix.
 *
 * <pre>{@code
 * try (HeadlessChromium browser = HeadlessChromium.start()) {
 *   HeadlessChromium.Page page = browser.open(reportHtml);
 *   assertThat(page.consoleErrors()).isEmpty();
 *   assertThat(page.isVisible("#summary")).isTrue();
 *   page.screenshot(dir.resolve("report.png"), true);
 * }
 * }</pre>
 *
 * <p>The binary is {@code $PAINPOINT_CHROMIUM}, else the first of {@code chromium}, {@code
 * chromium-browser}, {@code google-chrome} on the PATH; when there is none, {@link #start()} throws
 * (a test that needs the browser fails, it does not skip). Every wait has a time limit.
 */
public final class HeadlessChromium implements AutoCloseable {
  /** Environment variable naming the Chromium binary to use. */
  public static final String ENV = "PAINPOINT_CHROMIUM";

  /** Looked for on the PATH, in this order, when {@link #ENV} is not set. */
  public static final List<String> CANDIDATES =
      List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

  /** The viewport every page gets, in CSS pixels at device scale factor 1. */
  public static final int WIDTH = 1280;

  public static final int HEIGHT = 900;

  static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
  static final Duration CAPTURE_TIMEOUT = Duration.ofSeconds(60);

  /** After the load event: lets late events (timers, failed loads) reach us before tests look. */
  static final Duration SETTLE = Duration.ofMillis(250);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path root;
  private final Path log;
  private final Connection cdp;
  private final Thread killOnExit;
  private final List<Page> pages = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private HeadlessChromium(
      Process process, Path root, Path log, Connection cdp, Thread killOnExit) {
    this.process = process;
    this.root = root;
    this.log = log;
    this.cdp = cdp;
    this.killOnExit = killOnExit;
  }

  /** Thrown for anything that goes wrong in or with the browser. */
  public static final class ChromiumException extends RuntimeException {
    ChromiumException(String message) {
      super(message);
    }

    ChromiumException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  // ---------------------------------------------------------------- finding and starting

  /**
   * The Chromium binary from {@code $PAINPOINT_CHROMIUM} or the PATH; throws when there is none.
   */
  public static Path findBinary() {
    return findBinary(System.getenv(ENV), System.getenv("PATH"));
  }

  static Path findBinary(String override, String pathVariable) {
    if (override != null && !override.isBlank()) {
      Path p = Path.of(override);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
      throw new ChromiumException(
          ENV
              + "="
              + override
              + " is not an executable file; point it at a Chromium binary or unset it"
              + " (on Debian: apt-get install -y chromium)");
    }
    List<String> dirs =
        pathVariable == null ? List.of() : List.of(pathVariable.split(File.pathSeparator));
    for (String name : CANDIDATES) {
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
    throw new ChromiumException(
        "no Chromium found: "
            + ENV
            + " is not set and none of "
            + CANDIDATES
            + " is on the PATH; run `apt-get install -y chromium` (or set "
            + ENV
            + " to the browser's binary)");
  }

  /** Starts the browser found by {@link #findBinary()}. */
  public static HeadlessChromium start() {
    return start(findBinary());
  }

  /** Starts {@code binary} headless with a fresh, temporary profile. */
  public static HeadlessChromium start(Path binary) {
    Path root;
    try {
      root = Files.createTempDirectory("painpoint-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path profile = root.resolve("profile");
    Path log = root.resolve("chromium.log");
    List<String> command =
        List.of(
            binary.toString(),
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--remote-debugging-port=0",
            "--user-data-dir=" + profile,
            "--window-size=" + WIDTH + "," + HEIGHT,
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--mute-audio",
            "--disable-extensions",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-sync",
            "--disable-breakpad",
            "--disable-features=Translate,MediaRouter,OptimizationHints",
            "--password-store=basic",
            "--use-mock-keychain",
            "--force-color-profile=srgb",
            // No name is ever resolved: a page's reference to any host fails at once, here,
            // instead of sending a DNS query out (requests are still reported as made).
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
            "about:blank");
    Process process = null;
    Thread killOnExit = null;
    try {
      Files.createDirectories(profile);
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      process = pb.start();
      Process started = process;
      killOnExit = new Thread(() -> kill(started), "kill-headless-chromium");
      Runtime.getRuntime().addShutdownHook(killOnExit);

      int port = awaitPort(process, profile.resolve("DevToolsActivePort"), log);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      URI ws = browserWebSocket(http, port);
      Connection cdp = Connection.open(http, ws);
      return new HeadlessChromium(process, root, log, cdp, killOnExit);
    } catch (RuntimeException | IOException e) {
      String output = logTail(log);
      if (process != null) {
        kill(process);
      }
      if (killOnExit != null) {
        removeHook(killOnExit);
      }
      deleteTree(root);
      String message = "could not start " + binary + ": " + e.getMessage() + output;
      throw new ChromiumException(message, e);
    }
  }

  private static int awaitPort(Process process, Path portFile, Path log) throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      try {
        List<String> lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
        if (!lines.isEmpty() && lines.get(0).trim().matches("\\d+")) {
          int port = Integer.parseInt(lines.get(0).trim());
          if (port > 0) {
            return port;
          }
        }
      } catch (NoSuchFileException notYet) {
        // Chromium writes it once it listens.
      }
      if (!process.isAlive()) {
        throw new ChromiumException(
            "chromium exited with code " + process.exitValue() + " before writing " + portFile);
      }
      if (System.nanoTime() > deadline) {
        throw new ChromiumException(
            "chromium wrote no " + portFile + " within " + START_TIMEOUT.toSeconds() + " s");
      }
      sleep(50);
    }
  }

  private static URI browserWebSocket(HttpClient http, int port) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/version"))
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new ChromiumException(
            "/json/version answered " + response.statusCode() + ": " + response.body());
      }
      String url = JSON.readTree(response.body()).path("webSocketDebuggerUrl").asText("");
      if (url.isEmpty()) {
        throw new ChromiumException(
            "/json/version has no webSocketDebuggerUrl: " + response.body());
      }
      return URI.create(url);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChromiumException("interrupted while asking chromium for its WebSocket", e);
    }
  }

  // ---------------------------------------------------------------- the browser

  /** The browser's product string, e.g. {@code Chrome/156.0.8078.79}. */
  public String version() {
    checkOpen();
    return cdp.call(null, "Browser.getVersion", null, COMMAND_TIMEOUT).path("product").asText();
  }

  /**
   * Opens {@code htmlFile} in a new tab and returns once its load event has fired (at most 60 s)
   * and a short settle has passed. Console, dialog and network events are recorded from before
   * navigation starts; JavaScript dialogs are dismissed as they open.
   */
  public Page open(Path htmlFile) {
    checkOpen();
    Path file = htmlFile.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new ChromiumException("no such file to open: " + file);
    }
    ObjectNode create = JSON.createObjectNode().put("url", "about:blank");
    String targetId =
        cdp.call(null, "Target.createTarget", create, COMMAND_TIMEOUT).path("targetId").asText();
    ObjectNode attach = JSON.createObjectNode().put("targetId", targetId).put("flatten", true);
    String sessionId =
        cdp.call(null, "Target.attachToTarget", attach, COMMAND_TIMEOUT).path("sessionId").asText();
    Page page = new Page(this, targetId, sessionId, file.toUri());
    cdp.sessions.put(sessionId, page);
    pages.add(page);
    try {
      page.prepare();
      page.navigate();
    } catch (RuntimeException e) {
      page.close();
      throw e;
    }
    return page;
  }

  /** Closes every page, ends the browser and its child processes, deletes the temporary profile. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Page page : pages) {
      try {
        page.close();
      } catch (RuntimeException ignored) {
        // The process goes below anyway.
      }
    }
    List<ProcessHandle> children = process.descendants().collect(Collectors.toList());
    try {
      cdp.send(null, "Browser.close", null).get(2, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // It may close the socket before it answers; the process is ended below either way.
    }
    cdp.abort();
    try {
      process.waitFor(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kill(process);
    children.forEach(ProcessHandle::destroyForcibly);
    removeHook(killOnExit);
    deleteTree(root);
  }

  private void checkOpen() {
    if (closed) {
      throw new ChromiumException("this HeadlessChromium is closed");
    }
    if (!process.isAlive()) {
      throw new ChromiumException(
          "chromium has exited (code " + process.exitValue() + ")" + logTail(log));
    }
  }

  private static void kill(Process process) {
    List<ProcessHandle> children = process.descendants().collect(Collectors.toList());
    process.destroy();
    try {
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.forEach(ProcessHandle::destroyForcibly);
    process.descendants().forEach(ProcessHandle::destroyForcibly);
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

  /** The last lines chromium printed, without its D-Bus noise, for error messages. */
  private static String logTail(Path log) {
    try {
      List<String> lines =
          Files.readAllLines(log, StandardCharsets.UTF_8).stream()
              .filter(l -> !l.contains("dbus/") && !l.isBlank())
              .collect(Collectors.toList());
      String text = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
      return text.isEmpty() ? "" : "\n--- chromium output (last lines) ---\n" + text;
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChromiumException("interrupted", e);
    }
  }

  // ---------------------------------------------------------------- a page

  /** One tab showing one file; everything it reported since before its navigation began. */
  public static final class Page implements AutoCloseable {
    private final HeadlessChromium browser;
    private final String targetId;
    private final String sessionId;
    private final URI url;
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    private final List<String> dialogs = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Set<String> lifecycle = ConcurrentHashMap.newKeySet();
    private final Object changed = new Object();
    private volatile String gone;
    private volatile boolean closed;

    private Page(HeadlessChromium browser, String targetId, String sessionId, URI url) {
      this.browser = browser;
      this.targetId = targetId;
      this.sessionId = sessionId;
      this.url = url;
    }

    /** The {@code file://} URL this page was opened at. */
    public URI url() {
      return url;
    }

    /**
     * Every error the page reported: {@code console.error}/{@code console.assert} calls, uncaught
     * exceptions and promise rejections, and the browser's own error entries (failed resource
     * loads, Content Security Policy violations, ...). Each is one string, prefixed with its kind.
     */
    public List<String> consoleErrors() {
      return List.copyOf(consoleErrors);
    }

    /** Every JavaScript dialog the page opened, as {@code "type: message"}; all were dismissed. */
    public List<String> dialogs() {
      return List.copyOf(dialogs);
    }

    /** The URL of every network request the page made (its own document first), in order. */
    public List<String> requests() {
      return List.copyOf(requests);
    }

    /**
     * The value of a JavaScript expression (a promise is awaited), as JSON: objects and arrays come
     * back by value, {@code undefined} as a JSON null, {@code NaN}/{@code Infinity}/bigints as
     * their text. Throws {@link ChromiumException} with the exception's text when it throws.
     */
    public JsonNode evaluate(String expression) {
      ObjectNode params =
          JSON.createObjectNode()
              .put("expression", expression)
              .put("returnByValue", true)
              .put("awaitPromise", true);
      JsonNode answer = call("Runtime.evaluate", params, COMMAND_TIMEOUT);
      if (answer.has("exceptionDetails")) {
        throw new ChromiumException(
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
      ObjectNode params = JSON.createObjectNode().put("format", "png");
      if (fullPage) {
        JsonNode metrics = call("Page.getLayoutMetrics", null, COMMAND_TIMEOUT);
        JsonNode size =
            metrics.has("cssContentSize")
                ? metrics.get("cssContentSize")
                : metrics.path("contentSize");
        params.put("captureBeyondViewport", true);
        params
            .putObject("clip")
            .put("x", 0)
            .put("y", 0)
            .put("width", Math.ceil(size.path("width").asDouble(WIDTH)))
            .put("height", Math.ceil(size.path("height").asDouble(HEIGHT)))
            .put("scale", 1);
      }
      return write(png, call("Page.captureScreenshot", params, CAPTURE_TIMEOUT));
    }

    /** Prints the page to an A4 PDF (backgrounds included), as a person's print would. */
    public Path printToPdf(Path pdf) {
      ObjectNode params =
          JSON.createObjectNode()
              .put("paperWidth", 8.27)
              .put("paperHeight", 11.69)
              .put("printBackground", true);
      return write(pdf, call("Page.printToPDF", params, CAPTURE_TIMEOUT));
    }

    /** Closes this tab; its recorded errors, dialogs and requests stay readable. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      browser.pages.remove(this);
      try {
        if (gone == null && !browser.closed) {
          ObjectNode params = JSON.createObjectNode().put("targetId", targetId);
          browser.cdp.call(null, "Target.closeTarget", params, COMMAND_TIMEOUT);
        }
      } finally {
        browser.cdp.sessions.remove(sessionId);
      }
    }

    // -------------------------------------------------------------- internals

    private void prepare() {
      // Everything is switched on before navigating, so nothing the page does is missed.
      call("Page.enable", null, COMMAND_TIMEOUT);
      call("Page.setLifecycleEventsEnabled", JSON.createObjectNode().put("enabled", true), null);
      call("Runtime.enable", null, COMMAND_TIMEOUT);
      call("Log.enable", null, COMMAND_TIMEOUT);
      call("Network.enable", null, COMMAND_TIMEOUT);
      ObjectNode metrics =
          JSON.createObjectNode()
              .put("width", WIDTH)
              .put("height", HEIGHT)
              .put("deviceScaleFactor", 1)
              .put("mobile", false);
      call("Emulation.setDeviceMetricsOverride", metrics, COMMAND_TIMEOUT);
    }

    private void navigate() {
      JsonNode answer =
          call("Page.navigate", JSON.createObjectNode().put("url", url.toString()), LOAD_TIMEOUT);
      String error = answer.path("errorText").asText("");
      if (!error.isEmpty()) {
        throw new ChromiumException("could not load " + url + ": " + error);
      }
      String loaderId = answer.path("loaderId").asText("");
      awaitUntil(
          () -> lifecycle.contains(loaderId + " load"), LOAD_TIMEOUT, "the load event of " + url);
      sleep(SETTLE.toMillis());
      evaluate("0"); // a round trip: events sent before it have been handled when it answers
    }

    private JsonNode call(String method, ObjectNode params, Duration timeout) {
      if (closed) {
        throw new ChromiumException("page " + url + " is closed");
      }
      if (gone != null) {
        throw new ChromiumException("page " + url + ": " + gone);
      }
      return browser.cdp.call(
          sessionId, method, params, timeout == null ? COMMAND_TIMEOUT : timeout);
    }

    private void awaitUntil(BooleanSupplier done, Duration timeout, String what) {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (changed) {
        while (!done.getAsBoolean()) {
          if (gone != null) {
            throw new ChromiumException("while waiting for " + what + ": " + gone);
          }
          if (browser.cdp.closedBecause != null) {
            throw new ChromiumException(
                "while waiting for " + what + ": " + browser.cdp.closedBecause);
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new ChromiumException(
                "timed out after "
                    + timeout.toSeconds()
                    + " s waiting for "
                    + what
                    + " (dialogs so far: "
                    + dialogs
                    + ", errors so far: "
                    + consoleErrors
                    + ")"
                    + logTail(browser.log));
          }
          try {
            changed.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChromiumException("interrupted while waiting for " + what, e);
          }
        }
      }
    }

    /** Called on the WebSocket's thread for every event of this page's session. */
    private void onEvent(String method, JsonNode params) {
      switch (method) {
        case "Runtime.consoleAPICalled":
          {
            String type = params.path("type").asText();
            if (type.equals("error") || type.equals("assert")) {
              List<String> parts = new ArrayList<>();
              params.path("args").forEach(arg -> parts.add(render(arg)));
              consoleErrors.add("console." + type + ": " + String.join(" ", parts));
            }
            break;
          }
        case "Runtime.exceptionThrown":
          consoleErrors.add("uncaught: " + describe(params.path("exceptionDetails")));
          break;
        case "Log.entryAdded":
          {
            JsonNode entry = params.path("entry");
            if (entry.path("level").asText().equals("error")) {
              String where = entry.path("url").asText("");
              consoleErrors.add(
                  "log."
                      + entry.path("source").asText()
                      + ": "
                      + entry.path("text").asText()
                      + (where.isEmpty() ? "" : " (" + where + ")"));
            }
            break;
          }
        case "Page.javascriptDialogOpening":
          dialogs.add(params.path("type").asText() + ": " + params.path("message").asText());
          // Answered without waiting: this is the socket's own thread.
          browser.cdp.send(
              sessionId,
              "Page.handleJavaScriptDialog",
              JSON.createObjectNode().put("accept", false));
          break;
        case "Network.requestWillBeSent":
          requests.add(params.path("request").path("url").asText());
          break;
        case "Page.lifecycleEvent":
          lifecycle.add(params.path("loaderId").asText() + " " + params.path("name").asText());
          break;
        case "Inspector.targetCrashed":
          gone = "its renderer crashed";
          break;
        case "Inspector.detached":
          gone = "detached (" + params.path("reason").asText() + ")";
          break;
        default:
          break;
      }
      synchronized (changed) {
        changed.notifyAll();
      }
    }

    private Path write(Path file, JsonNode answer) {
      byte[] bytes = Base64.getDecoder().decode(answer.path("data").asText());
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

  // ---------------------------------------------------------------- the protocol connection

  /**
   * The one WebSocket to the browser. Commands are matched to answers by id through futures; events
   * are routed to their page by session id. Sends are chained, since a JDK WebSocket takes one
   * outstanding send at a time; text frames are joined until the last fragment.
   */
  private static final class Connection implements WebSocket.Listener {
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    final Map<String, Page> sessions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final StringBuilder fragments = new StringBuilder();
    private final Object sendLock = new Object();
    private CompletableFuture<WebSocket> sending;
    private volatile WebSocket socket;
    volatile String closedBecause;

    private static final class Pending {
      final String method;
      final CompletableFuture<JsonNode> answer = new CompletableFuture<>();

      Pending(String method) {
        this.method = method;
      }
    }

    static Connection open(HttpClient http, URI uri) {
      Connection c = new Connection();
      try {
        // The JDK sends no Origin header, so chromium needs no --remote-allow-origins.
        WebSocket ws =
            http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, c)
                .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        c.socket = ws;
        c.sending = CompletableFuture.completedFuture(ws);
        return c;
      } catch (ExecutionException | TimeoutException e) {
        throw new ChromiumException("could not open the DevTools WebSocket " + uri + ": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChromiumException("interrupted while opening " + uri, e);
      }
    }

    /** Sends a command; the future completes with its {@code result} or fails with its error. */
    CompletableFuture<JsonNode> send(String sessionId, String method, ObjectNode params) {
      long id = ids.incrementAndGet();
      Pending p = new Pending(method);
      ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
      message.set("params", params == null ? JSON.createObjectNode() : params);
      if (sessionId != null) {
        message.put("sessionId", sessionId);
      }
      String text = message.toString();
      pending.put(id, p);
      if (closedBecause != null) {
        fail(id, closedBecause);
        return p.answer;
      }
      synchronized (sendLock) {
        sending = sending.thenCompose(ws -> ws.sendText(text, true));
        sending.whenComplete(
            (ws, error) -> {
              if (error != null) {
                fail(id, "could not send " + method + ": " + error);
              }
            });
      }
      return p.answer;
    }

    /** {@link #send} and wait at most {@code timeout} for the answer. */
    JsonNode call(String sessionId, String method, ObjectNode params, Duration timeout) {
      CompletableFuture<JsonNode> answer = send(sessionId, method, params);
      try {
        return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        answer.cancel(false);
        throw new ChromiumException(
            "chromium did not answer " + method + " within " + timeout.toSeconds() + " s");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        throw new ChromiumException(cause.getMessage(), cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChromiumException("interrupted while waiting for " + method, e);
      }
    }

    void abort() {
      closedBecause = "the connection to chromium was closed";
      WebSocket ws = socket;
      if (ws != null) {
        ws.abort();
      }
      failAll(closedBecause);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      fragments.append(data);
      if (last) {
        String message = fragments.toString();
        fragments.setLength(0);
        try {
          dispatch(message);
        } catch (RuntimeException | IOException e) {
          System.err.println("HeadlessChromium: could not handle a CDP message: " + e);
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closedBecause = "chromium closed the connection (" + statusCode + " " + reason + ")";
      failAll(closedBecause);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closedBecause = "the connection to chromium failed: " + error;
      failAll(closedBecause);
    }

    private void dispatch(String text) throws IOException {
      JsonNode message = JSON.readTree(text);
      if (message.has("id")) {
        Pending p = pending.remove(message.get("id").asLong());
        if (p == null) {
          return; // timed out or cancelled already
        }
        JsonNode error = message.get("error");
        if (error != null) {
          p.answer.completeExceptionally(
              new ChromiumException(
                  p.method
                      + " failed: "
                      + error.path("message").asText()
                      + (error.has("data") ? " (" + error.get("data").asText() + ")" : "")));
        } else {
          JsonNode result = message.get("result");
          p.answer.complete(result == null ? JSON.createObjectNode() : result);
        }
        return;
      }
      String method = message.path("method").asText("");
      JsonNode sessionId = message.get("sessionId");
      if (!method.isEmpty() && sessionId != null) {
        Page page = sessions.get(sessionId.asText());
        if (page != null) {
          page.onEvent(method, message.path("params"));
        }
      }
    }

    private void fail(long id, String why) {
      Pending p = pending.remove(id);
      if (p != null) {
        p.answer.completeExceptionally(new ChromiumException(p.method + ": " + why));
      }
    }

    private void failAll(String why) {
      pending.keySet().forEach(id -> fail(id, why));
      for (Page page : sessions.values()) {
        synchronized (page.changed) {
          page.changed.notifyAll();
        }
      }
    }
  }
}

package org.nnx.examples;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.nnx.report.Json;

/**
 * Headless Chromium driven over its DevTools protocol, for tests of pages: opens a page at a window
 * size, evaluates JavaScript in it, clicks with the mouse, takes full-page screenshots, and collects
 * what the page reports as errors (console errors, uncaught exceptions, resources that failed to
 * load). It needs only the JDK: the protocol's WebSocket is {@link java.net.http.WebSocket}.
 *
 * <p>Chromium runs with a fresh profile in a temporary folder, without network services of its own
 * ({@code --disable-background-networking} and friends), and listens on a free local port that it
 * writes to {@code DevToolsActivePort} in the profile.
 */
final class Chromium implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<Map<String, Object>>> pending;
  private final List<Map<String, Object>> events;

  private Chromium(Process process, WebSocket socket, Listener listener) {
    this.process = process;
    this.socket = socket;
    this.pending = listener.pending;
    this.events = listener.events;
  }

  /**
   * The Chromium to use: {@code $NNX_CHROMIUM}, else the first of {@code chromium}, {@code
   * chromium-browser}, {@code google-chrome} on the {@code PATH}.
   */
  static Optional<Path> executable() {
    String configured = System.getenv("NNX_CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Starts Chromium headless with a new profile in {@code profile} and connects to it.
   *
   * @throws IOException when it does not start or does not open its DevTools port in time
   */
  static Chromium start(Path executable, Path profile) throws IOException, InterruptedException {
    Files.createDirectories(profile);
    Path log = profile.resolveSibling(profile.getFileName() + ".log");
    Process process = new ProcessBuilder(executable.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--no-default-browser-check",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--disable-default-apps", "--mute-audio", "--hide-scrollbars", "--remote-debugging-port=0",
        "--user-data-dir=" + profile, "about:blank")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    List<String> lines = List.of();
    while (System.nanoTime() < deadline) {
      if (Files.exists(portFile)) {
        lines = Files.readAllLines(portFile);
        if (lines.size() >= 2) {
          break;
        }
      }
      if (!process.isAlive()) {
        throw new IOException("Chromium exited with status " + process.exitValue() + ": " + tail(log));
      }
      Thread.sleep(50);
    }
    if (lines.size() < 2) {
      stop(process);
      throw new IOException("Chromium did not open its DevTools port within " + TIMEOUT.toSeconds() + " s: " + tail(log));
    }
    URI uri = URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
    Listener listener = new Listener();
    WebSocket socket;
    try {
      socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(uri, listener)
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      stop(process);
      throw new IOException("cannot connect to Chromium's DevTools at " + uri + ": " + e, e);
    }
    return new Chromium(process, socket, listener);
  }

  /**
   * Opens {@code url} in a new tab with a viewport of {@code width} × {@code height} CSS pixels and
   * waits for its {@code load} event.
   *
   * @param mobile whether to emulate a phone: the page's viewport meta tag applies
   */
  Page open(String url, int width, int height, boolean mobile) {
    String target = (String) call("Target.createTarget", Map.of("url", "about:blank"), null).get("targetId");
    String session = (String) call("Target.attachToTarget", Map.of("targetId", target, "flatten", true), null)
        .get("sessionId");
    Page page = new Page(target, session, width);
    call("Runtime.enable", Map.of(), session);
    call("Log.enable", Map.of(), session);
    call("Page.enable", Map.of(), session);
    call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
        "mobile", mobile), session);
    if (mobile) {
      call("Emulation.setTouchEmulationEnabled", Map.of("enabled", true), session);
    }
    call("Page.navigate", Map.of("url", url), session);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (page.events("Page.loadEventFired").isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the page " + url + " did not load within " + TIMEOUT.toSeconds() + " s");
      }
      synchronized (events) {
        try {
          events.wait(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    return page;
  }

  /** A tab. */
  final class Page {

    private final String target;
    private final String session;
    private final int width;

    private Page(String target, String session, int width) {
      this.target = target;
      this.session = session;
      this.width = width;
    }

    /**
     * What the page reported as errors so far, one line each: {@code console.error} and failed
     * {@code console.assert} calls, uncaught exceptions, and error entries of the browser's log
     * (such as a file that failed to load).
     */
    List<String> errors() {
      List<String> out = new ArrayList<>();
      for (Map<String, Object> event : events(null)) {
        Map<?, ?> params = (Map<?, ?>) event.get("params");
        switch ((String) event.get("method")) {
          case "Runtime.consoleAPICalled" -> {
            String type = (String) params.get("type");
            if (type.equals("error") || type.equals("assert")) {
              List<String> args = new ArrayList<>();
              for (Object arg : (List<?>) params.get("args")) {
                Map<?, ?> a = (Map<?, ?>) arg;
                args.add(String.valueOf(a.containsKey("value") ? a.get("value") : a.get("description")));
              }
              out.add("console." + type + ": " + String.join(" ", args));
            }
          }
          case "Runtime.exceptionThrown" -> {
            Map<?, ?> details = (Map<?, ?>) params.get("exceptionDetails");
            Object exception = details.get("exception");
            out.add("exception: " + (exception instanceof Map<?, ?> e && e.get("description") != null
                ? e.get("description") : details.get("text")));
          }
          case "Log.entryAdded" -> {
            Map<?, ?> entry = (Map<?, ?>) params.get("entry");
            if ("error".equals(entry.get("level"))) {
              out.add("log: " + entry.get("text") + (entry.get("url") != null ? " (" + entry.get("url") + ")" : ""));
            }
          }
          default -> {
          }
        }
      }
      return out;
    }

    /** The value of a JavaScript expression, as JSON values are read ({@link DevToolsJson}). */
    Object eval(String expression) {
      Map<String, Object> result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true),
          session);
      if (result.get("exceptionDetails") instanceof Map<?, ?> details) {
        throw new IllegalStateException("JavaScript failed: " + expression + ": " + details);
      }
      return ((Map<?, ?>) result.get("result")).get("value");
    }

    /**
     * Scrolls the first element matching {@code selector} to the middle of the window and clicks
     * its centre with the left mouse button, as a user would.
     */
    void click(String selector) {
      List<?> centre = (List<?>) eval("(function () { var e = document.querySelector(" + quote(selector) + ");"
          + " e.scrollIntoView({block: 'center', inline: 'center'}); var r = e.getBoundingClientRect();"
          + " return [r.left + r.width / 2, r.top + r.height / 2]; })()");
      for (String type : List.of("mousePressed", "mouseReleased")) {
        call("Input.dispatchMouseEvent", Map.of("type", type, "x", centre.get(0), "y", centre.get(1), "button", "left",
            "clickCount", 1), session);
      }
    }

    /** The whole page, scrolled or not, at the window's width. */
    BufferedImage screenshot() {
      double height = ((Number) eval("document.documentElement.scrollHeight")).doubleValue();
      Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1);
      String data = (String) call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
          "clip", clip), session).get("data");
      try {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(data)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Closes the tab. */
    void close() {
      call("Target.closeTarget", Map.of("targetId", target), null);
    }

    private List<Map<String, Object>> events(String method) {
      synchronized (events) {
        return events.stream().filter(e -> session.equals(e.get("sessionId")))
            .filter(e -> method == null || method.equals(e.get("method"))).toList();
      }
    }
  }

  /** A JavaScript string literal of {@code text}. */
  static String quote(String text) {
    return Json.write(text).strip();
  }

  /** Sends a command and waits for its result; {@link IllegalStateException} when it fails. */
  private Map<String, Object> call(String method, Map<String, Object> params, String session) {
    int id = ids.incrementAndGet();
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("id", id);
    message.put("method", method);
    message.put("params", params);
    if (session != null) {
      message.put("sessionId", session);
    }
    CompletableFuture<Map<String, Object>> reply = new CompletableFuture<>();
    pending.put(id, reply);
    try {
      socket.sendText(Json.write(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Map<String, Object> response = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (response.get("error") != null) {
        throw new IllegalStateException(method + " failed: " + response.get("error"));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> result = (Map<String, Object>) response.getOrDefault("result", Map.of());
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw e instanceof IllegalStateException s ? s : new IllegalStateException(method + ": " + e, e);
    } finally {
      pending.remove(id);
    }
  }

  /** Closes the browser and waits for it (and every process it started) to end. */
  @Override
  public void close() {
    try {
      socket.sendText(Json.write(Map.of("id", ids.incrementAndGet(), "method", "Browser.close")), true)
          .get(5, TimeUnit.SECONDS);
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // stopped below
    }
    socket.abort();
    stop(process);
  }

  private static void stop(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /**
   * Gathers the WebSocket's text frames into messages: a reply completes the command waiting for
   * it, an event is kept (and waiters woken).
   */
  private static final class Listener implements WebSocket.Listener {

    private final StringBuilder buffer = new StringBuilder();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> events = new ArrayList<>();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        received(buffer.toString());
        buffer.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @SuppressWarnings("unchecked")
    private void received(String text) {
      Map<String, Object> message = (Map<String, Object>) DevToolsJson.parse(text);
      if (message.get("id") instanceof Number id) {
        CompletableFuture<Map<String, Object>> reply = pending.get(id.intValue());
        if (reply != null) {
          reply.complete(message);
        }
        return;
      }
      synchronized (events) {
        events.add(message);
        events.notifyAll();
      }
    }
  }
}

package io.k3j.telemetry.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * An upstream OTLP/HTTP collector on 127.0.0.1 whose answers a test scripts. It records every
 * request (gunzipped) and, for answers in the 2xx range, the delivered bodies.
 */
public final class FakeCollector implements AutoCloseable {
  /** One scripted answer. */
  public record Answer(int status, Map<String, String> headers, String contentType, byte[] body) {
    public static Answer ok() {
      return new Answer(200, Map.of(), "application/x-protobuf", new byte[0]);
    }

    public static Answer status(int status) {
      return new Answer(status, Map.of(), "text/plain", ("status " + status).getBytes());
    }

    public static Answer status(int status, Map<String, String> headers) {
      return new Answer(status, headers, "text/plain", new byte[0]);
    }
  }

  /** One received request. */
  public record Received(
      String path, Map<String, List<String>> headers, byte[] body, int answered, long atNanos) {}

  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final int port;
  private HttpServer server;
  private final List<Received> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Received, Answer> script = r -> Answer.ok();

  public FakeCollector() throws IOException {
    server = listen(0);
    port = server.getAddress().getPort();
  }

  private HttpServer listen(int port) throws IOException {
    HttpServer listening = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    listening.createContext("/", this::handle);
    listening.setExecutor(executor);
    listening.start();
    return listening;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port + "/";
  }

  /** Stops listening: connections are refused, as when the destination is down or unreachable. */
  public synchronized void down() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Listens again on the same port. */
  public synchronized void up() throws IOException {
    if (server == null) {
      server = listen(port);
    }
  }

  public void answer(Function<Received, Answer> script) {
    this.script = script;
  }

  public List<Received> requests() {
    return List.copyOf(requests);
  }

  /** Bodies of requests that were answered with 2xx. */
  public List<Received> delivered() {
    return requests.stream().filter(r -> r.answered() / 100 == 2).toList();
  }

  public List<String> deliveredSpanNames() {
    return delivered().stream()
        .filter(r -> r.path().endsWith("/v1/traces"))
        .flatMap(r -> Otlp.spanNames(r.body()).stream())
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      byte[] raw = in.readAllBytes();
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      body =
          "gzip".equals(encoding)
              ? new GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes()
              : raw;
    }
    Received probe =
        new Received(
            exchange.getRequestURI().getPath(),
            Map.copyOf(exchange.getRequestHeaders()),
            body,
            0,
            System.nanoTime());
    Answer answer = script.apply(probe);
    requests.add(
        new Received(probe.path(), probe.headers(), body, answer.status(), probe.atNanos()));
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(
        answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer.body());
    }
  }

  @Override
  public void close() {
    down();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

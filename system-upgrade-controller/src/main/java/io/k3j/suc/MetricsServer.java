package io.k3j.suc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The controller's HTTP endpoints: {@code GET /metrics} (Prometheus text format 0.0.4 from the
 * registry), {@code GET /healthz} and {@code GET /readyz} (200 {@code ok} while {@code running}
 * holds, 503 otherwise, as Kubernetes components answer). Anything else is a 404, a method other
 * than GET or HEAD a 405, both in plain text.
 */
public final class MetricsServer implements AutoCloseable {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Listens on {@code address}; port 0 picks a free port (see {@link #address()}). */
  public static MetricsServer start(
      InetSocketAddress address, PrometheusMeterRegistry registry, BooleanSupplier running)
      throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    server.createContext("/", exchange -> handle(exchange, registry, running));
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "suc-metrics-http");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.start();
    return new MetricsServer(server, executor);
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private static void handle(
      HttpExchange exchange, PrometheusMeterRegistry registry, BooleanSupplier running)
      throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      boolean known = path.equals("/metrics") || path.equals("/healthz") || path.equals("/readyz");
      if (!known) {
        send(exchange, 404, "text/plain; charset=utf-8", "404 page not found\n");
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
      } else if (path.equals("/metrics")) {
        send(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
      } else if (running.getAsBoolean()) {
        send(exchange, 200, "text/plain; charset=utf-8", "ok");
      } else {
        send(exchange, 503, "text/plain; charset=utf-8", "controller is not running");
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

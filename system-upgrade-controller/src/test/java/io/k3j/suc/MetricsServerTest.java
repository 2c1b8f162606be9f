package io.k3j.suc;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The endpoints on loopback, with a registry and a running flag the test controls. */
class MetricsServerTest {
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final AtomicBoolean running = new AtomicBoolean();
  final HttpClient http = HttpClient.newHttpClient();
  MetricsServer server;

  @BeforeEach
  void start() throws IOException {
    server =
        MetricsServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry, running::get);
  }

  @AfterEach
  void stop() {
    server.close();
    registry.close();
  }

  HttpResponse<String> send(String method, String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    return http.send(
        HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName("/metrics serves the registry in Prometheus text format")
  void metrics() throws Exception {
    registry.counter("suc_test_total", "plan", "ns/p").increment(3);
    HttpResponse<String> response = send("GET", "/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue(MetricsServer.PROMETHEUS_TEXT);
    assertThat(response.body()).contains("suc_test_total{plan=\"ns/p\"} 3.0");
  }

  @Test
  @DisplayName("/healthz and /readyz answer 503 until the controller runs, then 200 ok")
  void health() throws Exception {
    assertThat(send("GET", "/healthz").statusCode()).isEqualTo(503);
    assertThat(send("GET", "/readyz").statusCode()).isEqualTo(503);
    running.set(true);
    HttpResponse<String> healthz = send("GET", "/healthz");
    assertThat(healthz.statusCode()).isEqualTo(200);
    assertThat(healthz.body()).isEqualTo("ok");
    assertThat(send("GET", "/readyz").body()).isEqualTo("ok");
    assertThat(send("HEAD", "/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("unknown paths are 404 and other methods 405")
  void errors() throws Exception {
    assertThat(send("GET", "/").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/metrics/x").statusCode()).isEqualTo(404);
    HttpResponse<String> post = send("POST", "/metrics");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }
}

package io.k3j.suc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChannelResolverTest {
  HttpServer server;
  final Map<String, List<String>> seenHeaders = new ConcurrentHashMap<>();
  final ChannelResolver resolver = new ChannelResolver(Duration.ofSeconds(5));

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestHeaders().forEach(seenHeaders::put);
          String path = exchange.getRequestURI().getPath();
          switch (path) {
            case "/stable" ->
                redirect(exchange, "https://github.com/k3s-io/k3s/releases/tag/v1.21.4+k3s1");
            case "/relative" -> redirect(exchange, "/local/test/v1.2.3%2Btest");
            case "/v1.30.0+k3s1" -> exchange.sendResponseHeaders(200, -1);
            case "/moved" -> {
              exchange.getResponseHeaders().add("Location", "/elsewhere/v9");
              exchange.sendResponseHeaders(301, -1);
            }
            default -> exchange.sendResponseHeaders(path.equals("/busy") ? 503 : 404, -1);
          }
          exchange.close();
        });
    server.start();
  }

  private static void redirect(com.sun.net.httpserver.HttpExchange exchange, String location)
      throws IOException {
    exchange.getResponseHeaders().add("Location", location);
    exchange.sendResponseHeaders(302, -1);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  @DisplayName("a 302 answers with the munged last path element of its Location, not followed")
  void redirectGivesVersion() throws Exception {
    assertThat(resolver.resolve(url("/stable"), "", "")).isEqualTo("v1.21.4-k3s1");
    assertThat(resolver.resolve(url("/relative"), "", "")).isEqualTo("v1.2.3-test");
  }

  @Test
  @DisplayName("a 2xx answers with the last path element of the channel URL itself")
  void okGivesChannelBasename() throws Exception {
    assertThat(resolver.resolve(url("/v1.30.0+k3s1"), null, null)).isEqualTo("v1.30.0-k3s1");
  }

  @Test
  @DisplayName("404, 503 and other redirects than 302 are errors naming the status")
  void otherStatusesFail() {
    for (String path : List.of("/missing", "/busy", "/moved")) {
      assertThatThrownBy(() -> resolver.resolve(url(path), "", ""))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("unexpected response");
    }
  }

  @Test
  @DisplayName("cluster id and current version headers are sent only when not empty")
  void headersOnlyWhenSet() throws Exception {
    resolver.resolve(url("/stable"), "", "");
    assertThat(seenHeaders).doesNotContainKeys("X-suc-cluster-id", "X-suc-latest-version");
    resolver.resolve(url("/stable"), "cluster-uid", "v1.20.0-k3s1");
    assertThat(seenHeaders.get("X-suc-cluster-id")).containsExactly("cluster-uid");
    assertThat(seenHeaders.get("X-suc-latest-version")).containsExactly("v1.20.0-k3s1");
  }
}

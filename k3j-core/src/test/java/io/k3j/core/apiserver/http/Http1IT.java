package io.k3j.core.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiHttp;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API over HTTP/1.1 (ALPN {@code http/1.1}) on a raw TLS socket: keep-alive, answers in request
 * order when requests are pipelined, 401 without a certificate.
 */
class Http1IT {
  @TempDir static Path dir;
  private static K3jServer server;

  @BeforeAll
  static void start() throws Exception {
    server = K3jServer.start(ServerConfig.forTests(dir));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName(
      "pipelined HTTP/1.1 requests on one kept-alive connection are answered in request order")
  void pipelinedRequestsAnswerInOrder() throws Exception {
    try (SSLSocket socket = connect(true)) {
      // The first goes to a handler; the second (a WebSocket handshake, declined with 200) and the
      // third are answered without one, so only keeping the order puts them after the first.
      String requests =
          get("/api/v1/namespaces/default", "")
              + get("/api/v1/namespaces", "Upgrade: websocket\r\nConnection: Upgrade\r\n")
              + get("/version", "");
      socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();

      Response namespace = Response.read(in);
      assertThat(namespace.status()).isEqualTo(200);
      assertThat(namespace.json().path("kind").asText()).isEqualTo("Namespace");
      Response declined = Response.read(in);
      assertThat(declined.status()).isEqualTo(200);
      assertThat(declined.json().path("kind").asText()).isEqualTo("Status");
      assertThat(declined.json().path("message").asText()).contains("WebSocket");
      Response version = Response.read(in);
      assertThat(version.status()).isEqualTo(200);
      assertThat(version.json().has("gitVersion")).isTrue();

      // Still open for the next request.
      socket
          .getOutputStream()
          .write(get("/api/v1/namespaces/default", "").getBytes(StandardCharsets.US_ASCII));
      assertThat(Response.read(in).json().path("metadata").path("name").asText())
          .isEqualTo("default");
    }
  }

  @Test
  @DisplayName(
      "after a watch on a kept-alive HTTP/1.1 connection ends, the next request is answered")
  void requestAfterWatchEnds() throws Exception {
    try (SSLSocket socket = connect(true)) {
      socket
          .getOutputStream()
          .write(
              get("/api/v1/namespaces?watch=true&timeoutSeconds=1", "")
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      String head = Response.readHead(in);
      assertThat(head)
          .startsWith("HTTP/1.1 200")
          .containsIgnoringCase("transfer-encoding: chunked");
      String events = readChunks(in);
      assertThat(events).contains("\"type\":\"ADDED\"");

      socket
          .getOutputStream()
          .write(get("/api/v1/namespaces/default", "").getBytes(StandardCharsets.US_ASCII));
      Response next = Response.read(in);
      assertThat(next.status()).isEqualTo(200);
      assertThat(next.json().path("metadata").path("name").asText()).isEqualTo("default");
    }
  }

  @Test
  @DisplayName("an HTTP/1.1 request without a client certificate gets a 401 Status")
  void unauthenticated() throws Exception {
    try (SSLSocket socket = connect(false)) {
      socket
          .getOutputStream()
          .write(get("/api/v1/namespaces", "").getBytes(StandardCharsets.US_ASCII));
      Response denied = Response.read(socket.getInputStream());
      assertThat(denied.status()).isEqualTo(401);
      assertThat(denied.json().path("kind").asText()).isEqualTo("Status");
    }
  }

  private static SSLSocket connect(boolean admin) throws Exception {
    SSLSocket socket =
        (SSLSocket)
            ApiHttp.sslContext(server, admin)
                .getSocketFactory()
                .createSocket("127.0.0.1", server.port());
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setApplicationProtocols(new String[] {"http/1.1"});
    socket.setSSLParameters(parameters);
    socket.setSoTimeout(30_000);
    socket.startHandshake();
    assertThat(socket.getApplicationProtocol()).isEqualTo("http/1.1");
    return socket;
  }

  private static String get(String path, String headers) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n";
  }

  /** A chunked body up to its last chunk (RFC 9112 section 7.1), without trailers. */
  private static String readChunks(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
      if (size == 0) {
        assertThat(readLine(in)).isEmpty();
        return body.toString(StandardCharsets.UTF_8);
      }
      body.write(in.readNBytes(size));
      assertThat(readLine(in)).isEmpty();
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new IOException("connection closed after " + line);
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  /** A response with a Content-Length body, as the server writes every non-watch answer. */
  private record Response(int status, byte[] body) {
    JsonNode json() {
      return Json.tree(body);
    }

    static Response read(InputStream in) throws IOException {
      String head = readHead(in);
      String[] lines = head.split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      int length = -1;
      for (String line : lines) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
        }
      }
      assertThat(length).as("Content-Length in %s", head).isNotNegative();
      return new Response(status, in.readNBytes(length));
    }

    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      while (matched < end.length) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed after " + head);
        }
        head.write(b);
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      return head.toString(StandardCharsets.US_ASCII);
    }
  }
}

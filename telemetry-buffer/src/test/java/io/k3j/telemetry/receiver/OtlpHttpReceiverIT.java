package io.k3j.telemetry.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.rpc.Code;
import io.k3j.telemetry.TelemetryBuffer;
import io.k3j.telemetry.TelemetryBufferConfig;
import io.k3j.telemetry.testing.Buffers;
import io.k3j.telemetry.testing.FakeCollector;
import io.k3j.telemetry.testing.Otlp;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("OTLP/HTTP receiver on loopback")
class OtlpHttpReceiverIT {
  @TempDir static Path dataDir;
  static FakeCollector upstream;
  static TelemetryBuffer buffer;
  static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeCollector();
    Map<String, String> config = Buffers.withDestination(dataDir, "up", upstream.baseUrl());
    config.put("max-request-size", "64KiB");
    buffer = TelemetryBuffer.start(TelemetryBufferConfig.fromMap(config));
  }

  @AfterAll
  static void stop() throws Exception {
    buffer.close();
    upstream.close();
  }

  static HttpResponse<byte[]> post(String path, String contentType, byte[] body, String encoding)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + buffer.httpPort() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (encoding != null) {
      request.header("Content-Encoding", encoding);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static byte[] gzip(byte[] body) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(body);
    }
    return out.toByteArray();
  }

  static com.google.rpc.Status status(HttpResponse<byte[]> response) throws Exception {
    return com.google.rpc.Status.parseFrom(response.body());
  }

  @Test
  @DisplayName("a protobuf export is answered 200 after it is stored, and reaches the destination")
  void protobufExport() throws Exception {
    HttpResponse<byte[]> response =
        post("/v1/traces", "application/x-protobuf", Otlp.spans("http-pb-1").toByteArray(), null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/x-protobuf");
    await().untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).contains("http-pb-1"));
  }

  @Test
  @DisplayName(
      "OTLP/JSON with hex ids, integer enums and unknown fields is accepted; answer is JSON")
  void jsonExport() throws Exception {
    String json =
        """
        {"resourceSpans":[{"scopeSpans":[{"spans":[{
          "traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174",
          "name":"http-json-1","kind":2,"startTimeUnixNano":"1544712660000000000",
          "endTimeUnixNano":1544712661000000000,"someFutureField":true}]}]}]}
        """;
    HttpResponse<byte[]> response =
        post(
            "/v1/traces",
            "application/json; charset=utf-8",
            json.getBytes(StandardCharsets.UTF_8),
            null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
    await()
        .untilAsserted(
            () -> {
              var delivered =
                  upstream.delivered().stream()
                      .map(r -> parse(r.body()))
                      .flatMap(r -> r.getResourceSpansList().stream())
                      .flatMap(r -> r.getScopeSpansList().stream())
                      .flatMap(s -> s.getSpansList().stream())
                      .filter(s -> s.getName().equals("http-json-1"))
                      .findFirst();
              assertThat(delivered).isPresent();
              assertThat(
                      java.util.HexFormat.of()
                          .formatHex(delivered.get().getTraceId().toByteArray()))
                  .isEqualTo("5b8efff798038103d269b633813fc60c");
              assertThat(delivered.get().getKindValue()).isEqualTo(2);
            });
  }

  static ExportTraceServiceRequest parse(byte[] body) {
    try {
      return ExportTraceServiceRequest.parseFrom(body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @DisplayName("a gzip-compressed export is decompressed and accepted")
  void gzipExport() throws Exception {
    byte[] body = gzip(Otlp.spans("http-gz-1").toByteArray());

    HttpResponse<byte[]> response = post("/v1/traces", "application/x-protobuf", body, "gzip");

    assertThat(response.statusCode()).isEqualTo(200);
    await().untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).contains("http-gz-1"));
  }

  @Test
  @DisplayName(
      "the size limit applies after decompression: a small gzip bomb gets 413 with a Status")
  void gzipBomb() throws Exception {
    byte[] bomb = gzip(new byte[1 << 20]);
    assertThat(bomb.length).isLessThan(64 * 1024);

    HttpResponse<byte[]> response = post("/v1/traces", "application/x-protobuf", bomb, "gzip");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(status(response).getCode()).isEqualTo(Code.RESOURCE_EXHAUSTED.getNumber());
  }

  @Test
  @DisplayName("a truncated or corrupt gzip body is 400 INVALID_ARGUMENT and nothing is stored")
  void badGzip() throws Exception {
    byte[] body = gzip(Otlp.spans("http-gz-bad").toByteArray());
    byte[] truncated = java.util.Arrays.copyOf(body, body.length - 5);
    byte[] corrupt = body.clone();
    corrupt[body.length - 8] ^= 1; // the CRC-32 of the content

    HttpResponse<byte[]> cut = post("/v1/traces", "application/x-protobuf", truncated, "gzip");
    HttpResponse<byte[]> bad = post("/v1/traces", "application/x-protobuf", corrupt, "gzip");
    HttpResponse<byte[]> after =
        post(
            "/v1/traces",
            "application/x-protobuf",
            gzip(Otlp.spans("http-gz-after-bad").toByteArray()),
            "x-gzip");

    assertThat(cut.statusCode()).isEqualTo(400);
    assertThat(status(cut).getCode()).isEqualTo(Code.INVALID_ARGUMENT.getNumber());
    assertThat(status(cut).getMessage()).contains("gzip");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(after.statusCode()).isEqualTo(200);
    // the queue is delivered in order: a stored bad request would arrive before this one
    await()
        .untilAsserted(
            () -> assertThat(upstream.deliveredSpanNames()).contains("http-gz-after-bad"));
    assertThat(upstream.deliveredSpanNames()).doesNotContain("http-gz-bad");
  }

  @Test
  @DisplayName("an uncompressed body over the limit gets 413")
  void plainTooLarge() throws Exception {
    HttpResponse<byte[]> response =
        post("/v1/logs", "application/x-protobuf", new byte[100 * 1024], null);

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  @DisplayName("GET on an export path is 405 with Allow: POST")
  void getIsNotAllowed() throws Exception {
    HttpResponse<byte[]> response =
        CLIENT.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + buffer.httpPort() + "/v1/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).contains("POST");
    assertThat(status(response).getMessage()).contains("GET");
  }

  @Test
  @DisplayName("an unsupported content type is 415 and names the supported ones")
  void unsupportedContentType() throws Exception {
    HttpResponse<byte[]> response = post("/v1/traces", "text/plain", new byte[] {1}, null);

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(status(response).getMessage()).contains("application/x-protobuf");
  }

  @Test
  @DisplayName("malformed protobuf is 400 INVALID_ARGUMENT; malformed JSON gets a JSON Status")
  void malformedBodies() throws Exception {
    HttpResponse<byte[]> protobuf =
        post("/v1/traces", "application/x-protobuf", new byte[] {(byte) 0xff, 0x01, 0x02}, null);
    HttpResponse<byte[]> json = post("/v1/traces", "application/json", "{nope".getBytes(), null);

    assertThat(protobuf.statusCode()).isEqualTo(400);
    assertThat(status(protobuf).getCode()).isEqualTo(Code.INVALID_ARGUMENT.getNumber());
    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(new String(json.body(), StandardCharsets.UTF_8)).contains("\"code\":3");
  }

  @Test
  @DisplayName("empty requests succeed (protobuf and JSON)")
  void emptyRequests() throws Exception {
    assertThat(post("/v1/logs", "application/x-protobuf", new byte[0], null).statusCode())
        .isEqualTo(200);
    assertThat(post("/v1/metrics", "application/json", "{}".getBytes(), null).statusCode())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("/healthz answers 200 and /metrics exposes Prometheus counters")
  void healthAndMetrics() throws Exception {
    post("/v1/traces", "application/x-protobuf", Otlp.spans("http-metrics-1").toByteArray(), null);
    String base = "http://127.0.0.1:" + buffer.httpPort();

    HttpResponse<String> health =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> metrics =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("telemetry_buffer_accepted_items_total{signal=\"traces\"}");
  }
}

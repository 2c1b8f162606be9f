package io.k3j.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k3j.telemetry.testing.BufferClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone buffer forwarding to an HTTPS destination that requires a client certificate,
 * configured only through the standard OTEL_EXPORTER_OTLP_* variables.
 */
class TlsDestinationIT {
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  TestCertificates certificates;
  MutualTlsDestination destination;

  @BeforeEach
  void start() throws Exception {
    certificates = new TestCertificates();
    destination = new MutualTlsDestination(certificates);
  }

  @AfterEach
  void stop() {
    destination.close();
  }

  TelemetryBuffer buffer(Map<String, String> env) throws Exception {
    TelemetryBufferMain main = new TelemetryBufferMain();
    new picocli.CommandLine(main)
        .parseArgs(
            "--data-dir=" + dir.resolve("data"),
            "--http-listen=127.0.0.1:0",
            "--grpc-listen=127.0.0.1:0",
            "--set=min-free-disk=0",
            "--set=destination.otel.initial-backoff-ms=50",
            "--set=destination.otel.max-backoff-ms=200");
    return TelemetryBuffer.start(TelemetryBufferConfig.fromMap(main.toConfigMap(env)));
  }

  Map<String, String> env() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "https://127.0.0.1:" + destination.port());
    env.put(
        "OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE",
        TestCertificates.pem(dir.resolve("ca.pem"), certificates.ca).toString());
    env.put(
        "OTEL_EXPORTER_OTLP_CLIENT_KEY",
        TestCertificates.pem(dir.resolve("client-key.pem"), certificates.clientKey).toString());
    env.put(
        "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE",
        TestCertificates.pem(dir.resolve("client.pem"), certificates.client).toString());
    return env;
  }

  @Test
  @DisplayName("OTEL_EXPORTER_OTLP_CERTIFICATE/_CLIENT_KEY/_CLIENT_CERTIFICATE give mutual TLS")
  void mutualTls() throws Exception {
    try (TelemetryBuffer buffer = buffer(env())) {
      assertThat(BufferClient.postSpans(buffer.httpPort(), "over-tls")).isEqualTo(200);
      await().atMost(WAIT).until(() -> destination.spans.contains("over-tls"));
      assertThat(destination.clients).allMatch(subject -> subject.equals("CN=edge-node-1"));
    }
  }

  @Test
  @DisplayName("without the CA the server is not trusted: nothing is sent, the data is kept")
  void untrustedServer() throws Exception {
    Map<String, String> env = env();
    env.remove("OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE");
    try (TelemetryBuffer buffer = buffer(env)) {
      assertThat(BufferClient.postSpans(buffer.httpPort(), "kept")).isEqualTo(200);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                DestinationStatus status = buffer.destinations().get(0);
                assertThat(status.lastError()).isNotEmpty();
                assertThat(status.backlogBytes()).isPositive();
              });
      assertThat(destination.spans).isEmpty();
    }
  }
}

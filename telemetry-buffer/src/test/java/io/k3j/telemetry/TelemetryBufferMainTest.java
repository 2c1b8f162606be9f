package io.k3j.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName("Standalone command line and OTEL_EXPORTER_OTLP_* environment")
class TelemetryBufferMainTest {

  static TelemetryBufferConfig parse(Map<String, String> env, String... args) throws Exception {
    TelemetryBufferMain main = new TelemetryBufferMain();
    new CommandLine(main).parseArgs(args);
    return TelemetryBufferConfig.fromMap(main.toConfigMap(env));
  }

  @Test
  @DisplayName("flags build the config; each --endpoint is a destination with the shared headers")
  void flags() throws Exception {
    TelemetryBufferConfig config =
        parse(
            Map.of("TOKEN", "s3cret"),
            "--data-dir=/tmp/x",
            "--http-listen=127.0.0.1:14318",
            "--grpc-listen=:14317",
            "--endpoint=http://a.example:4318",
            "--endpoint=https://b.example/otlp/",
            "--header=x-team=edge",
            "--header-from-env=x-oneuptime-token=TOKEN",
            "--max-disk=10GiB",
            "--full-policy=drop-oldest");

    assertThat(config.httpListen().port()).isEqualTo(14318);
    assertThat(config.grpcListen().host()).isEqualTo("0.0.0.0");
    assertThat(config.fullPolicy()).isEqualTo(FullPolicy.DROP_OLDEST);
    assertThat(config.destinations()).hasSize(2);
    assertThat(config.destinations().get(1).tracesUrl().toString())
        .isEqualTo("https://b.example/otlp/v1/traces");
    assertThat(config.destinations())
        .allSatisfy(
            d ->
                assertThat(d.headers())
                    .containsEntry("x-team", "edge")
                    .containsEntry("x-oneuptime-token", "s3cret"));
  }

  @Test
  @DisplayName("OTEL_EXPORTER_OTLP_* define a destination; per-signal endpoints are used as-is")
  void environment() throws Exception {
    TelemetryBufferConfig config =
        parse(
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:9999/custom",
                "OTEL_EXPORTER_OTLP_HEADERS", "a=1,b=Basic%20dXNlcg%3D%3D",
                "OTEL_EXPORTER_OTLP_COMPRESSION", "none",
                "OTEL_EXPORTER_OTLP_TIMEOUT", "2500"),
            "--data-dir=/tmp/x");

    DestinationConfig otel = config.destinations().get(0);
    assertThat(otel.tracesUrl().toString()).isEqualTo("http://traces:9999/custom");
    assertThat(otel.metricsUrl().toString()).isEqualTo("http://collector:4318/v1/metrics");
    assertThat(otel.headers()).containsEntry("a", "1").containsEntry("b", "Basic dXNlcg==");
    assertThat(otel.gzip()).isFalse();
    assertThat(otel.timeout().toMillis()).isEqualTo(2500);
  }

  @Test
  @DisplayName("OTEL_EXPORTER_OTLP_PROTOCOL=grpc forwards over gRPC to the endpoint as given")
  void grpcProtocol() throws Exception {
    TelemetryBufferConfig config =
        parse(
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
            "--data-dir=/tmp/x");

    DestinationConfig otel = config.destinations().get(0);
    assertThat(otel.protocol()).isEqualTo(ForwardProtocol.GRPC);
    assertThat(otel.tracesUrl().toString()).isEqualTo("http://collector:4317");
  }

  @Test
  @DisplayName("OTEL_EXPORTER_OTLP_PROTOCOL=http/json forwards OTLP/JSON")
  void jsonProtocol() throws Exception {
    TelemetryBufferConfig config =
        parse(
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"),
            "--data-dir=/tmp/x");
    assertThat(config.destinations().get(0).protocol()).isEqualTo(ForwardProtocol.HTTP_JSON);
    assertThat(config.destinations().get(0).tracesUrl().toString())
        .isEqualTo("http://collector:4318/v1/traces");
  }

  @Test
  @DisplayName("OTEL_EXPORTER_OTLP_CERTIFICATE and client key/certificate become the TLS files")
  void tlsFiles(@TempDir Path dir) throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
    Path key = Files.writeString(dir.resolve("key.pem"), "x");
    Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
    TelemetryBufferConfig config =
        parse(
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "https://collector:4318",
                "OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE", ca.toString(),
                "OTEL_EXPORTER_OTLP_LOGS_CERTIFICATE", ca.toString(),
                "OTEL_EXPORTER_OTLP_CLIENT_KEY", key.toString(),
                "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", cert.toString()),
            "--data-dir=/tmp/x");
    assertThat(config.destinations().get(0).tls()).isEqualTo(TlsSettings.files(ca, key, cert));

    assertThatThrownBy(
            () ->
                parse(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "https://collector:4318",
                        "OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE", ca.toString(),
                        "OTEL_EXPORTER_OTLP_LOGS_CERTIFICATE", key.toString()),
                    "--data-dir=/tmp/x"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("OTEL_EXPORTER_OTLP_LOGS_CERTIFICATE"));
    assertThatThrownBy(
            () ->
                parse(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT",
                        "https://collector:4318",
                        "OTEL_EXPORTER_OTLP_CLIENT_KEY",
                        key.toString()),
                    "--data-dir=/tmp/x"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("destination.otel.client-key"));
    assertThatThrownBy(
            () ->
                parse(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT",
                        "https://collector:4318",
                        "OTEL_EXPORTER_OTLP_CERTIFICATE",
                        dir.resolve("missing.pem").toString()),
                    "--data-dir=/tmp/x"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("destination.otel.certificate"));
  }
}

package io.k3j.telemetry.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k3j.telemetry.TelemetryBuffer;
import io.k3j.telemetry.TelemetryBufferConfig;
import io.k3j.telemetry.testing.Buffers;
import io.k3j.telemetry.testing.FakeCollector;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName(
    "OpenTelemetry Java SDK exporters (HTTP/protobuf, HTTP/JSON, gRPC) send through the buffer")
class SdkExportersIT {
  @TempDir static Path dataDir;
  static FakeCollector upstream;
  static TelemetryBuffer buffer;

  @BeforeAll
  static void start() throws Exception {
    // okhttp is on the class path for the gRPC exporters; HTTP goes through the JDK client
    System.setProperty(
        "io.opentelemetry.sdk.common.export.HttpSenderProvider",
        "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider");
    upstream = new FakeCollector();
    buffer =
        TelemetryBuffer.start(
            TelemetryBufferConfig.fromMap(
                Buffers.withDestination(dataDir, "up", upstream.baseUrl())));
  }

  @AfterAll
  static void stop() {
    buffer.close();
    upstream.close();
  }

  String endpoint(String path) {
    return "http://127.0.0.1:" + buffer.httpPort() + path;
  }

  /** Ends one span through {@code exporter} and checks the SDK saw the export succeed. */
  static void exportSpan(SpanExporter exporter, String name) {
    SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    provider.get("sdk-test").spanBuilder(name).startSpan().end();
    assertThat(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).as(name).isTrue();
    provider.shutdown().join(20, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("HTTP/protobuf spans exported with and without gzip arrive upstream")
  void spans() {
    for (String compression : new String[] {"none", "gzip"}) {
      exportSpan(
          OtlpHttpSpanExporter.builder()
              .setEndpoint(endpoint("/v1/traces"))
              .setCompression(compression)
              .build(),
          "sdk-span-" + compression);
    }

    await()
        .untilAsserted(
            () ->
                assertThat(upstream.deliveredSpanNames())
                    .contains("sdk-span-none", "sdk-span-gzip"));
  }

  @Test
  @DisplayName("HTTP/JSON spans from the SDK's JSON encoder arrive upstream with their ids")
  void jsonSpans() {
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                SimpleSpanProcessor.create(new JsonSpanExporter(endpoint("/v1/traces"))))
            .build();
    var span = provider.get("sdk-test").spanBuilder("sdk-json-span").startSpan();
    String traceId = span.getSpanContext().getTraceId();
    span.end();
    assertThat(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
    provider.shutdown().join(20, TimeUnit.SECONDS);

    await()
        .untilAsserted(
            () ->
                assertThat(upstream.delivered())
                    .filteredOn(r -> r.path().equals("/v1/traces"))
                    .flatMap(r -> parseTraces(r.body()).getResourceSpansList())
                    .flatMap(r -> r.getScopeSpansList())
                    .flatMap(s -> s.getSpansList())
                    .anySatisfy(
                        s -> {
                          assertThat(s.getName()).isEqualTo("sdk-json-span");
                          assertThat(HexFormat.of().formatHex(s.getTraceId().toByteArray()))
                              .isEqualTo(traceId);
                        }));
  }

  @Test
  @DisplayName("gRPC spans, log records and metrics exported with and without gzip arrive upstream")
  void grpc() {
    String endpoint = "http://127.0.0.1:" + buffer.grpcPort();
    for (String compression : new String[] {"none", "gzip"}) {
      exportSpan(
          OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).setCompression(compression).build(),
          "sdk-grpc-span-" + compression);
    }
    SdkLoggerProvider loggers =
        SdkLoggerProvider.builder()
            .addLogRecordProcessor(
                SimpleLogRecordProcessor.create(
                    OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint).build()))
            .build();
    loggers.get("sdk-test").logRecordBuilder().setBody("sdk-grpc-log").emit();
    assertThat(loggers.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
    loggers.shutdown().join(20, TimeUnit.SECONDS);
    SdkMeterProvider meters =
        SdkMeterProvider.builder()
            .registerMetricReader(
                PeriodicMetricReader.builder(
                        OtlpGrpcMetricExporter.builder().setEndpoint(endpoint).build())
                    .build())
            .build();
    meters.get("sdk-test").counterBuilder("sdk_grpc_counter").build().add(5);
    assertThat(meters.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
    meters.shutdown().join(20, TimeUnit.SECONDS);

    await()
        .untilAsserted(
            () -> {
              assertThat(upstream.deliveredSpanNames())
                  .contains("sdk-grpc-span-none", "sdk-grpc-span-gzip");
              assertThat(upstream.delivered())
                  .filteredOn(r -> r.path().equals("/v1/logs"))
                  .anyMatch(r -> parseLogs(r.body()).toString().contains("sdk-grpc-log"));
              assertThat(upstream.delivered())
                  .filteredOn(r -> r.path().equals("/v1/metrics"))
                  .anyMatch(r -> parseMetrics(r.body()).toString().contains("sdk_grpc_counter"));
            });
  }

  @Test
  @DisplayName("log records and metrics exported by the SDK arrive upstream")
  void logsAndMetrics() throws Exception {
    SdkLoggerProvider loggers =
        SdkLoggerProvider.builder()
            .addLogRecordProcessor(
                SimpleLogRecordProcessor.create(
                    OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint("/v1/logs")).build()))
            .build();
    loggers.get("sdk-test").logRecordBuilder().setBody("sdk-log-1").emit();
    assertThat(loggers.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
    loggers.shutdown().join(20, TimeUnit.SECONDS);
    SdkMeterProvider meters =
        SdkMeterProvider.builder()
            .registerMetricReader(
                PeriodicMetricReader.builder(
                        OtlpHttpMetricExporter.builder()
                            .setEndpoint(endpoint("/v1/metrics"))
                            .build())
                    .build())
            .build();
    meters.get("sdk-test").counterBuilder("sdk_counter").build().add(3);
    assertThat(meters.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
    meters.shutdown().join(20, TimeUnit.SECONDS);

    await()
        .untilAsserted(
            () -> {
              assertThat(upstream.delivered())
                  .filteredOn(r -> r.path().equals("/v1/logs"))
                  .anyMatch(r -> parseLogs(r.body()).toString().contains("sdk-log-1"));
              assertThat(upstream.delivered())
                  .filteredOn(r -> r.path().equals("/v1/metrics"))
                  .anyMatch(r -> parseMetrics(r.body()).toString().contains("sdk_counter"));
            });
  }

  static ExportTraceServiceRequest parseTraces(byte[] body) {
    try {
      return ExportTraceServiceRequest.parseFrom(body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static ExportLogsServiceRequest parseLogs(byte[] body) {
    try {
      return ExportLogsServiceRequest.parseFrom(body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static ExportMetricsServiceRequest parseMetrics(byte[] body) {
    try {
      return ExportMetricsServiceRequest.parseFrom(body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}

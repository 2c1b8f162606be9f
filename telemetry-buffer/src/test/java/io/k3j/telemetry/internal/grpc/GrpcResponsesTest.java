package io.k3j.telemetry.internal.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.telemetry.internal.otlp.Signal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("gRPC names and header values")
class GrpcResponsesTest {
  @Test
  @DisplayName("grpc-message is percent-encoded: UTF-8 bytes outside 0x20-0x7E and % become %XX")
  void percentEncoding() {
    assertThat(GrpcResponses.percentEncode("plain text, 100 items"))
        .isEqualTo("plain text, 100 items");
    assertThat(GrpcResponses.percentEncode("50% full\n")).isEqualTo("50%25 full%0A");
    assertThat(GrpcResponses.percentEncode("größe")).isEqualTo("gr%C3%B6%C3%9Fe");
  }

  @Test
  @DisplayName("the three Export methods route to their signal, anything else to none")
  void routes() {
    assertThat(GrpcRoutes.route("/opentelemetry.proto.collector.trace.v1.TraceService/Export"))
        .isEqualTo(Signal.TRACES);
    assertThat(GrpcRoutes.route("/opentelemetry.proto.collector.metrics.v1.MetricsService/Export"))
        .isEqualTo(Signal.METRICS);
    assertThat(GrpcRoutes.route("/opentelemetry.proto.collector.logs.v1.LogsService/Export"))
        .isEqualTo(Signal.LOGS);
    assertThat(GrpcRoutes.route("/opentelemetry.proto.collector.trace.v1.TraceService/Other"))
        .isNull();
    assertThat(GrpcRoutes.route(null)).isNull();
  }

  @Test
  @DisplayName("application/grpc and application/grpc+proto, with parameters, are gRPC calls")
  void contentTypes() {
    assertThat(GrpcContentType.isProtobuf("application/grpc")).isTrue();
    assertThat(GrpcContentType.isProtobuf("application/grpc+proto")).isTrue();
    assertThat(GrpcContentType.isProtobuf("Application/GRPC; charset=utf-8")).isTrue();
    assertThat(GrpcContentType.isProtobuf("application/grpc+json")).isFalse();
    assertThat(GrpcContentType.isProtobuf("application/grpcx")).isFalse();
    assertThat(GrpcContentType.isProtobuf("application/x-protobuf")).isFalse();
    assertThat(GrpcContentType.isProtobuf(null)).isFalse();
  }
}

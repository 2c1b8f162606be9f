package io.k3j.telemetry.internal.grpc;

import io.k3j.telemetry.internal.otlp.Signal;

/**
 * The OTLP/gRPC methods (opentelemetry-proto, {@code collector/*}/v1/*_service.proto): the request
 * path {@code /package.Service/Method} of each unary Export call, per signal.
 */
final class GrpcRoutes {
  static final String TRACES = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
  static final String METRICS = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";
  static final String LOGS = "/opentelemetry.proto.collector.logs.v1.LogsService/Export";

  private GrpcRoutes() {}

  /** The signal the method at {@code path} exports, or {@code null} for any other path. */
  static Signal route(CharSequence path) {
    if (path == null) {
      return null;
    }
    return switch (path.toString()) {
      case TRACES -> Signal.TRACES;
      case METRICS -> Signal.METRICS;
      case LOGS -> Signal.LOGS;
      default -> null;
    };
  }
}

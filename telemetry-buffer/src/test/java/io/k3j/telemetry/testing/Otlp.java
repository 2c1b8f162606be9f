package io.k3j.telemetry.testing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.util.List;

/** Builds OTLP requests whose items carry unique names, so tests can check what arrived. */
public final class Otlp {
  private Otlp() {}

  public static ExportTraceServiceRequest spans(String... names) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (String name : names) {
      scope.addSpans(span(name));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
        .build();
  }

  public static Span span(String name) {
    byte[] traceId = ByteBuffer.allocate(16).putLong(name.hashCode()).putLong(7).array();
    byte[] spanId = ByteBuffer.allocate(8).putLong(name.hashCode()).array();
    return Span.newBuilder()
        .setName(name)
        .setTraceId(ByteString.copyFrom(traceId))
        .setSpanId(ByteString.copyFrom(spanId))
        .setStartTimeUnixNano(1)
        .setEndTimeUnixNano(2)
        .build();
  }

  public static ExportLogsServiceRequest logs(String... bodies) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (String body : bodies) {
      scope.addLogRecords(
          LogRecord.newBuilder()
              .setBody(
                  io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue(body)));
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope))
        .build();
  }

  /** Span names in a received trace request body (binary protobuf). */
  public static List<String> spanNames(byte[] body) {
    try {
      return ExportTraceServiceRequest.parseFrom(body).getResourceSpansList().stream()
          .flatMap(r -> r.getScopeSpansList().stream())
          .flatMap(s -> s.getSpansList().stream())
          .map(Span::getName)
          .toList();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError("upstream received invalid protobuf", e);
    }
  }
}

package io.k3j.telemetry.internal.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;

/**
 * The {@code partial_success} of an Export*ServiceResponse (OTLP spec, "Partial Success"): a final
 * answer that must not be retried; rejected items are counted. A body that is empty, {@code {}}
 * (OneUptime) or not decodable means full success.
 */
public record PartialSuccess(long rejected, String message) {
  public static final PartialSuccess NONE = new PartialSuccess(0, "");

  public static PartialSuccess parse(Signal signal, String contentType, byte[] body) {
    if (body.length == 0) {
      return NONE;
    }
    try {
      Message response = decode(signal, contentType, body);
      if (response instanceof ExportTraceServiceResponse r && r.hasPartialSuccess()) {
        return of(
            r.getPartialSuccess().getRejectedSpans(), r.getPartialSuccess().getErrorMessage());
      }
      if (response instanceof ExportMetricsServiceResponse r && r.hasPartialSuccess()) {
        return of(
            r.getPartialSuccess().getRejectedDataPoints(), r.getPartialSuccess().getErrorMessage());
      }
      if (response instanceof ExportLogsServiceResponse r && r.hasPartialSuccess()) {
        return of(
            r.getPartialSuccess().getRejectedLogRecords(), r.getPartialSuccess().getErrorMessage());
      }
      return NONE;
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return NONE;
    }
  }

  private static PartialSuccess of(long rejected, String message) {
    return rejected == 0 && message.isEmpty() ? NONE : new PartialSuccess(rejected, message);
  }

  private static Message decode(Signal signal, String contentType, byte[] body)
      throws InvalidProtocolBufferException {
    Message.Builder builder =
        switch (signal) {
          case TRACES -> ExportTraceServiceResponse.newBuilder();
          case METRICS -> ExportMetricsServiceResponse.newBuilder();
          case LOGS -> ExportLogsServiceResponse.newBuilder();
        };
    if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("json")) {
      JsonFormat.parser()
          .ignoringUnknownFields()
          .merge(new String(body, StandardCharsets.UTF_8), builder);
    } else {
      builder.mergeFrom(body);
    }
    return builder.build();
  }
}

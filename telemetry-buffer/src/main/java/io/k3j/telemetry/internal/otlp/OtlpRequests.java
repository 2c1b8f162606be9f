package io.k3j.telemetry.internal.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;

/** Decoding, validation and item counting of OTLP export requests. */
public final class OtlpRequests {
  private OtlpRequests() {}

  /** Parses binary protobuf; the bytes are stored as they are when this succeeds. */
  public static Message parseProtobuf(Signal signal, byte[] body) throws InvalidOtlpException {
    try {
      return switch (signal) {
        case TRACES -> ExportTraceServiceRequest.parseFrom(body);
        case METRICS -> ExportMetricsServiceRequest.parseFrom(body);
        case LOGS -> ExportLogsServiceRequest.parseFrom(body);
      };
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidOtlpException("invalid OTLP protobuf: " + e.getMessage(), e);
    }
  }

  /** Parses OTLP/JSON into the protobuf message that is stored in its place. */
  public static Message parseJson(Signal signal, byte[] body) throws InvalidOtlpException {
    Message.Builder builder = newBuilder(signal);
    OtlpJson.merge(body, builder);
    return builder.build();
  }

  static Message.Builder newBuilder(Signal signal) {
    return switch (signal) {
      case TRACES -> ExportTraceServiceRequest.newBuilder();
      case METRICS -> ExportMetricsServiceRequest.newBuilder();
      case LOGS -> ExportLogsServiceRequest.newBuilder();
    };
  }

  /** Spans, data points or log records in the request. */
  public static long countItems(Message request) {
    if (request instanceof ExportTraceServiceRequest traces) {
      return traces.getResourceSpansList().stream()
          .flatMap(r -> r.getScopeSpansList().stream())
          .mapToLong(s -> s.getSpansCount())
          .sum();
    }
    if (request instanceof ExportLogsServiceRequest logs) {
      return logs.getResourceLogsList().stream()
          .flatMap(r -> r.getScopeLogsList().stream())
          .mapToLong(s -> s.getLogRecordsCount())
          .sum();
    }
    if (request instanceof ExportMetricsServiceRequest metrics) {
      return metrics.getResourceMetricsList().stream()
          .flatMap(r -> r.getScopeMetricsList().stream())
          .flatMap(s -> s.getMetricsList().stream())
          .mapToLong(OtlpRequests::dataPoints)
          .sum();
    }
    throw new IllegalArgumentException("not an OTLP export request: " + request.getClass());
  }

  private static long dataPoints(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPointsCount();
      case SUM -> metric.getSum().getDataPointsCount();
      case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
      case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
      case SUMMARY -> metric.getSummary().getDataPointsCount();
      case DATA_NOT_SET -> 0;
    };
  }
}

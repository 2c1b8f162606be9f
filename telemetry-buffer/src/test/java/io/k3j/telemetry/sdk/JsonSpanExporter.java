package io.k3j.telemetry.sdk;

import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.internal.HttpExporter;
import io.opentelemetry.exporter.otlp.internal.HttpExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.internal.StandardComponentId;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * The OpenTelemetry Java SDK's OTLP/HTTP JSON exporter. The SDK builds it internally (its public
 * span exporter builder offers only protobuf), so this wires the SDK's own HTTP exporter in JSON
 * mode to the SDK's own request marshaler: the bytes on the wire are the SDK's OTLP/JSON.
 */
final class JsonSpanExporter implements SpanExporter {
  private final HttpExporter exporter;

  JsonSpanExporter(String endpoint) {
    exporter =
        new HttpExporterBuilder(
                StandardComponentId.ExporterType.OTLP_HTTP_JSON_SPAN_EXPORTER, endpoint)
            .exportAsJson()
            .build();
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return exporter.export(TraceRequestMarshaler.create(spans), spans.size());
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return exporter.shutdown();
  }
}

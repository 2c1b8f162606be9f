package io.k3j.telemetry.internal.grpc;

import io.grpc.stub.StreamObserver;
import io.k3j.telemetry.internal.ingest.Ingestor;
import io.k3j.telemetry.internal.otlp.Signal;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;

/** {@code opentelemetry.proto.collector.metrics.v1.MetricsService/Export}. */
final class MetricsExportService extends MetricsServiceGrpc.MetricsServiceImplBase {
  private final Ingestor ingestor;

  MetricsExportService(Ingestor ingestor) {
    this.ingestor = ingestor;
  }

  @Override
  public void export(
      ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> reply) {
    GrpcExport.export(
        ingestor,
        Signal.METRICS,
        request,
        ExportMetricsServiceResponse.getDefaultInstance(),
        reply);
  }
}

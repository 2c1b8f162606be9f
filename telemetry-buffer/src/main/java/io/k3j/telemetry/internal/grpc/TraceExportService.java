package io.k3j.telemetry.internal.grpc;

import io.grpc.stub.StreamObserver;
import io.k3j.telemetry.internal.ingest.Ingestor;
import io.k3j.telemetry.internal.otlp.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;

/** {@code opentelemetry.proto.collector.trace.v1.TraceService/Export}. */
final class TraceExportService extends TraceServiceGrpc.TraceServiceImplBase {
  private final Ingestor ingestor;

  TraceExportService(Ingestor ingestor) {
    this.ingestor = ingestor;
  }

  @Override
  public void export(
      ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> reply) {
    GrpcExport.export(
        ingestor, Signal.TRACES, request, ExportTraceServiceResponse.getDefaultInstance(), reply);
  }
}

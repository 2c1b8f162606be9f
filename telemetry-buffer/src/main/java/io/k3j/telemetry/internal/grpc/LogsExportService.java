package io.k3j.telemetry.internal.grpc;

import io.grpc.stub.StreamObserver;
import io.k3j.telemetry.internal.ingest.Ingestor;
import io.k3j.telemetry.internal.otlp.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;

/** {@code opentelemetry.proto.collector.logs.v1.LogsService/Export}. */
final class LogsExportService extends LogsServiceGrpc.LogsServiceImplBase {
  private final Ingestor ingestor;

  LogsExportService(Ingestor ingestor) {
    this.ingestor = ingestor;
  }

  @Override
  public void export(
      ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> reply) {
    GrpcExport.export(
        ingestor, Signal.LOGS, request, ExportLogsServiceResponse.getDefaultInstance(), reply);
  }
}

package io.k3j.telemetry.internal.grpc;

import com.google.protobuf.Message;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.k3j.telemetry.internal.ingest.Ingestor;
import io.k3j.telemetry.internal.otlp.OtlpError;
import io.k3j.telemetry.internal.otlp.OtlpErrorException;
import io.k3j.telemetry.internal.otlp.OtlpRequests;
import io.k3j.telemetry.internal.otlp.Signal;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * The body shared by the three OTLP Export methods: append, then answer OK with an empty response,
 * or the {@link OtlpError} as a gRPC status whose details carry RetryInfo when the buffer is full
 * (OTLP spec, "OTLP/gRPC Throttling").
 */
final class GrpcExport {
  private GrpcExport() {}

  static <R> void export(
      Ingestor ingestor, Signal signal, Message request, R emptyResponse, StreamObserver<R> reply) {
    ingestor
        .ingest(signal, request.toByteArray(), OtlpRequests.countItems(request), false)
        .whenComplete(
            (ok, failure) -> {
              if (failure == null) {
                reply.onNext(emptyResponse);
                reply.onCompleted();
                return;
              }
              Throwable cause =
                  failure instanceof CompletionException ? failure.getCause() : failure;
              OtlpError error =
                  cause instanceof OtlpErrorException otlp
                      ? otlp.error()
                      : OtlpError.unavailable("internal error: " + cause, Duration.ZERO);
              reply.onError(StatusProto.toStatusRuntimeException(error.toRpcStatus()));
            });
  }
}

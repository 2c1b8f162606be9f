package io.k3j.telemetry.internal.grpc;

import io.k3j.telemetry.ListenAddress;
import io.k3j.telemetry.internal.ingest.Ingestor;
import io.k3j.telemetry.internal.net.Listener;

/**
 * The OTLP/gRPC receiver (default port 4317): unary Export calls over cleartext HTTP/2, served by
 * the same Netty as the OTLP/HTTP receiver and stored through the same validation, so the buffer
 * loads no gRPC library to receive (docs/adr/0006).
 */
public final class OtlpGrpcServer {
  private OtlpGrpcServer() {}

  public static Listener start(ListenAddress listen, int maxRequestBytes, Ingestor ingestor)
      throws InterruptedException {
    return Listener.start(
        "OTLP/gRPC receiver",
        "otlp-grpc",
        listen,
        new OtlpGrpcInitializer(ingestor, maxRequestBytes));
  }
}

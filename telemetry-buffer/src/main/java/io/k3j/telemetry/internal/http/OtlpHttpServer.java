package io.k3j.telemetry.internal.http;

import io.k3j.telemetry.ListenAddress;
import io.k3j.telemetry.internal.ingest.Ingestor;
import io.k3j.telemetry.internal.net.Listener;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The OTLP/HTTP receiver (default port 4318) with {@code /healthz} and {@code /metrics}. */
public final class OtlpHttpServer {
  private OtlpHttpServer() {}

  public static Listener start(
      ListenAddress listen,
      int maxRequestBytes,
      Ingestor ingestor,
      PrometheusMeterRegistry prometheus)
      throws InterruptedException {
    return Listener.start(
        "OTLP/HTTP receiver",
        "otlp-http",
        listen,
        new OtlpHttpInitializer(
            maxRequestBytes, new ExportEndpoint(ingestor, maxRequestBytes), prometheus));
  }
}

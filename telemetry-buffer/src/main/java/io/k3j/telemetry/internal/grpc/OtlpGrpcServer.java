package io.k3j.telemetry.internal.grpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.k3j.telemetry.ListenAddress;
import io.k3j.telemetry.internal.ingest.Ingestor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OTLP/gRPC receiver (default port 4317). gRPC enforces the size limit on the decompressed
 * message and answers RESOURCE_EXHAUSTED over it; gzip is in gRPC's default decompressors.
 */
public final class OtlpGrpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpGrpcServer.class);
  private final Server server;

  private OtlpGrpcServer(Server server) {
    this.server = server;
  }

  public static OtlpGrpcServer start(ListenAddress listen, int maxRequestBytes, Ingestor ingestor)
      throws IOException {
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(listen.host(), listen.port()))
            .maxInboundMessageSize(maxRequestBytes)
            .addService(new TraceExportService(ingestor))
            .addService(new MetricsExportService(ingestor))
            .addService(new LogsExportService(ingestor))
            .build()
            .start();
    LOG.info("OTLP/gRPC receiver listening on {}", server.getListenSockets());
    return new OtlpGrpcServer(server);
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}

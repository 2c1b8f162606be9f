package io.k3j.telemetry.internal.forward;

import io.k3j.telemetry.DestinationConfig;
import io.k3j.telemetry.internal.otlp.Signal;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one request to a destination and says what its answer means. A future that fails means the
 * request may not have arrived (connection refused, reset, timeout): the forwarder retries.
 */
interface UpstreamClient extends AutoCloseable {

  CompletableFuture<UpstreamAnswer> send(Part part);

  @Override
  void close();

  /** The client for the destination's protocol; refuses unusable headers at start-up. */
  static UpstreamClient forDestination(DestinationConfig config, Clock clock) {
    return switch (config.protocol()) {
      case HTTP_PROTOBUF, HTTP_JSON -> new HttpUpstreamClient(config, clock);
      case GRPC -> new GrpcUpstreamClient(config);
    };
  }

  static URI url(DestinationConfig config, Signal signal) {
    return switch (signal) {
      case TRACES -> config.tracesUrl();
      case METRICS -> config.metricsUrl();
      case LOGS -> config.logsUrl();
    };
  }
}

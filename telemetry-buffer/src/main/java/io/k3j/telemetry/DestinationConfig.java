package io.k3j.telemetry;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One upstream OTLP endpoint with its own acked position, retry loop and dead letters.
 *
 * @param name identifies the destination in file names, metrics and logs ([a-z0-9-]+)
 * @param protocol OTLP/HTTP (default) or OTLP/gRPC
 * @param tracesUrl full URL for traces (base URL + {@code v1/traces} unless set per signal); with
 *     gRPC the endpoint as given, of which only scheme, host and port are used
 * @param headers sent with every request, e.g. {@code x-oneuptime-token}
 * @param gzip whether request bodies are gzip-compressed
 * @param maxBatchBytes largest uncompressed request body; bigger records are split
 * @param maxInFlight requests sent concurrently
 * @param timeout per-request timeout
 * @param initialBackoff first retry delay; doubles per consecutive failure, with jitter
 * @param maxBackoff cap of the retry delay
 * @param maxRetryTime give up on a batch after this long (dead letter); zero retries forever
 * @param pauseRecheck while paused by 401/403, how often one request re-checks the credentials
 * @param tls trusted certificates and client certificate for {@code https} endpoints
 */
public record DestinationConfig(
    String name,
    ForwardProtocol protocol,
    URI tracesUrl,
    URI metricsUrl,
    URI logsUrl,
    Map<String, String> headers,
    boolean gzip,
    int maxBatchBytes,
    int maxInFlight,
    Duration timeout,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryTime,
    Duration pauseRecheck,
    TlsSettings tls) {

  public DestinationConfig {
    headers = Map.copyOf(headers);
    tls = tls == null ? TlsSettings.NONE : tls;
  }

  /** A destination with the JVM's default trust store and no client certificate. */
  public DestinationConfig(
      String name,
      ForwardProtocol protocol,
      URI tracesUrl,
      URI metricsUrl,
      URI logsUrl,
      Map<String, String> headers,
      boolean gzip,
      int maxBatchBytes,
      int maxInFlight,
      Duration timeout,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration maxRetryTime,
      Duration pauseRecheck) {
    this(
        name,
        protocol,
        tracesUrl,
        metricsUrl,
        logsUrl,
        headers,
        gzip,
        maxBatchBytes,
        maxInFlight,
        timeout,
        initialBackoff,
        maxBackoff,
        maxRetryTime,
        pauseRecheck,
        TlsSettings.NONE);
  }

  /** Appends {@code v1/traces} etc. to a base URL, as OTEL_EXPORTER_OTLP_ENDPOINT does. */
  public static URI signalUrl(URI base, String signalPath) {
    String text = base.toString();
    return URI.create((text.endsWith("/") ? text : text + "/") + signalPath);
  }
}

package io.k3j.crds.telemetry.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.List;

/**
 * One upstream OTLP endpoint. {@code endpoint} is a base URL like {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT} (OTLP/HTTP appends {@code v1/traces} etc.); the per-signal endpoints
 * are used as they are.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DestinationSpec {
  /** Names the destination in status, metrics and its acknowledged-position file. */
  @Required
  @Pattern("^[a-z0-9][a-z0-9-]{0,62}$")
  private String name;

  /** Base URL, e.g. {@code https://oneuptime.example.com/otlp}. */
  private String endpoint;

  /** Full URL for traces; overrides {@code endpoint} for traces. */
  private String tracesEndpoint;

  /** Full URL for metrics; overrides {@code endpoint} for metrics. */
  private String metricsEndpoint;

  /** Full URL for logs; overrides {@code endpoint} for logs. */
  private String logsEndpoint;

  /** {@code http/protobuf} (the default), {@code http/json} or {@code grpc}. */
  @Pattern("^(http/protobuf|http/json|grpc)$")
  private String protocol;

  /** {@code gzip} (the default) or {@code none}. */
  @Pattern("^(gzip|none)$")
  private String compression;

  /** Headers sent with every request; values given inline or read from a Secret. */
  private List<HeaderSpec> headers;

  /** A OneUptime telemetry ingestion token, sent as the {@code x-oneuptime-token} header. */
  private SecretKeySelector oneUptimeToken;

  /** Trusted CA, client certificate and server name for an {@code https} endpoint. */
  private TlsSpec tls;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public String getTracesEndpoint() {
    return tracesEndpoint;
  }

  public void setTracesEndpoint(String tracesEndpoint) {
    this.tracesEndpoint = tracesEndpoint;
  }

  public String getMetricsEndpoint() {
    return metricsEndpoint;
  }

  public void setMetricsEndpoint(String metricsEndpoint) {
    this.metricsEndpoint = metricsEndpoint;
  }

  public String getLogsEndpoint() {
    return logsEndpoint;
  }

  public void setLogsEndpoint(String logsEndpoint) {
    this.logsEndpoint = logsEndpoint;
  }

  public String getProtocol() {
    return protocol;
  }

  public void setProtocol(String protocol) {
    this.protocol = protocol;
  }

  public String getCompression() {
    return compression;
  }

  public void setCompression(String compression) {
    this.compression = compression;
  }

  public List<HeaderSpec> getHeaders() {
    return headers;
  }

  public void setHeaders(List<HeaderSpec> headers) {
    this.headers = headers;
  }

  public SecretKeySelector getOneUptimeToken() {
    return oneUptimeToken;
  }

  public void setOneUptimeToken(SecretKeySelector oneUptimeToken) {
    this.oneUptimeToken = oneUptimeToken;
  }

  public TlsSpec getTls() {
    return tls;
  }

  public void setTls(TlsSpec tls) {
    this.tls = tls;
  }
}

package io.k3j.telemetry;

import java.nio.file.Path;

/**
 * PEM files for a destination's TLS connections, as named by the OTLP exporter configuration (OTLP
 * spec, "OpenTelemetry Protocol Exporter": {@code OTEL_EXPORTER_OTLP_CERTIFICATE}, {@code
 * _CLIENT_KEY}, {@code _CLIENT_CERTIFICATE}). Each may be null: no certificate means the JVM's
 * default trust store, no client key and certificate means no client authentication.
 *
 * @param certificate trusted CA certificate(s) that verify the server
 * @param clientKey the client's private key, PKCS#8 PEM
 * @param clientCertificate the client's certificate chain, PEM
 */
public record TlsFiles(Path certificate, Path clientKey, Path clientCertificate) {
  public static final TlsFiles NONE = new TlsFiles(null, null, null);

  public boolean isDefault() {
    return certificate == null && clientKey == null && clientCertificate == null;
  }
}

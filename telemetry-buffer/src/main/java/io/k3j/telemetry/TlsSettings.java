package io.k3j.telemetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLS of a destination's connections. The PEM material is named as by the OTLP exporter
 * configuration (OTLP spec, "OpenTelemetry Protocol Exporter": {@code
 * OTEL_EXPORTER_OTLP_CERTIFICATE}, {@code _CLIENT_KEY}, {@code _CLIENT_CERTIFICATE}) and may be a
 * file or, as the OpenTelemetry Collector's {@code configtls} {@code ca_pem}/{@code key_pem}/{@code
 * cert_pem}, PEM text (the operator copies it from Secrets). Each may be null: no certificate means
 * the JVM's default trust store, no client key and certificate means no client authentication.
 *
 * @param certificate trusted CA certificate(s) that verify the server
 * @param clientKey the client's private key, PKCS#8 PEM
 * @param clientCertificate the client's certificate chain, PEM
 * @param serverName the name the server's certificate must carry instead of the URL's host ({@code
 *     configtls} {@code server_name_override}); null for the URL's host
 * @param insecureSkipVerify accept any server certificate ({@code configtls} {@code
 *     insecure_skip_verify})
 */
public record TlsSettings(
    Pem certificate,
    Pem clientKey,
    Pem clientCertificate,
    String serverName,
    boolean insecureSkipVerify) {
  public static final TlsSettings NONE = new TlsSettings(null, null, null, null, false);

  /** PEM files only, as the OTEL_EXPORTER_OTLP_* variables give them. */
  public static TlsSettings files(Path certificate, Path clientKey, Path clientCertificate) {
    return new TlsSettings(
        Pem.file(certificate), Pem.file(clientKey), Pem.file(clientCertificate), null, false);
  }

  public boolean isDefault() {
    return equals(NONE);
  }

  /**
   * PEM text given inline or in a file read when the destination starts. Inline text takes part in
   * equality, so a changed Secret is a changed destination.
   *
   * @param file the PEM file, or null
   * @param text the PEM text, or null
   */
  public record Pem(Path file, String text) {
    public static Pem file(Path file) {
      return file == null ? null : new Pem(file, null);
    }

    public static Pem text(String text) {
      return text == null ? null : new Pem(null, text);
    }

    public String read() throws IOException {
      return text != null ? text : Files.readString(file, StandardCharsets.US_ASCII);
    }

    /** Where the PEM comes from, for error messages (never the text itself). */
    public String describe() {
      return file != null ? file.toString() : "inline PEM";
    }

    @Override
    public String toString() {
      return "Pem[" + describe() + "]";
    }
  }
}

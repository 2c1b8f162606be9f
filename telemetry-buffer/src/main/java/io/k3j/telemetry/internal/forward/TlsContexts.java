package io.k3j.telemetry.internal.forward;

import io.k3j.telemetry.ConfigException;
import io.k3j.telemetry.TlsFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the JDK {@link SSLContext} of an OTLP/HTTP destination from PEM files: CA certificates
 * become the trust store, a PKCS#8 key with its certificate chain the client identity. Unreadable
 * or malformed files are a {@link ConfigException} naming the destination's key.
 */
final class TlsContexts {
  private static final char[] NO_PASSWORD = new char[0];

  private TlsContexts() {}

  static SSLContext sslContext(String destination, TlsFiles files) {
    String prefix = "destination." + destination + ".";
    try {
      TrustManagerFactory trust = null;
      if (files.certificate() != null) {
        KeyStore store = emptyStore();
        int i = 0;
        for (Certificate certificate : certificates(prefix + "certificate", files.certificate())) {
          store.setCertificateEntry("ca-" + i++, certificate);
        }
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
      }
      KeyManagerFactory keys = null;
      if (files.clientKey() != null) {
        KeyStore store = emptyStore();
        Collection<? extends Certificate> chain =
            certificates(prefix + "client-certificate", files.clientCertificate());
        store.setKeyEntry(
            "client",
            privateKey(prefix + "client-key", files.clientKey()),
            NO_PASSWORD,
            chain.toArray(new Certificate[0]));
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, NO_PASSWORD);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          keys == null ? null : keys.getKeyManagers(),
          trust == null ? null : trust.getTrustManagers(),
          null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException(prefix + "certificate", "TLS setup failed: " + e.getMessage());
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }

  private static Collection<? extends Certificate> certificates(String key, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new ConfigException(key, "no PEM certificate in " + file);
      }
      return certificates;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(key, "cannot read certificates from " + file + ": " + e);
    }
  }

  /** An unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}) of any algorithm the JDK knows. */
  private static PrivateKey privateKey(String key, Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ConfigException(key, "cannot read " + file + ": " + e);
    }
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new ConfigException(
          key, file + " holds no unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----)");
    }
    byte[] der =
        Base64.getMimeDecoder()
            .decode(pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new ConfigException(key, file + ": key algorithm not RSA, EC or EdDSA");
  }
}

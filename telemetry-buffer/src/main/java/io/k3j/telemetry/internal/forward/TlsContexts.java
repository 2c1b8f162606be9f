package io.k3j.telemetry.internal.forward;

import io.k3j.telemetry.ConfigException;
import io.k3j.telemetry.TlsSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the key and trust managers of a destination from its {@link TlsSettings}: CA certificates
 * become the trust store, a PKCS#8 key with its certificate chain the client identity, a server
 * name or {@code insecureSkipVerify} replace the check of the URL's host. Unreadable or malformed
 * PEM is a {@link ConfigException} naming the destination's key.
 */
final class TlsContexts {
  private static final char[] NO_PASSWORD = new char[0];

  private TlsContexts() {}

  /** The JDK HTTP client's context; it checks the server's name in the trust manager. */
  static SSLContext sslContext(String destination, TlsSettings settings) {
    try {
      TrustManager[] trust = trustManagers(destination, settings);
      if (settings.serverName() != null && !settings.insecureSkipVerify()) {
        trust = new TrustManager[] {new ServerNameTrustManager(x509(trust), settings.serverName())};
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(destination, settings), trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigException(
          "destination." + destination + ".certificate", "TLS setup failed: " + e.getMessage());
    }
  }

  /**
   * Verifies the server against the CA (or the JVM's trust store); trusts anything with {@code
   * insecureSkipVerify}. The server's name is checked by the caller.
   */
  static TrustManager[] trustManagers(String destination, TlsSettings settings) {
    if (settings.insecureSkipVerify()) {
      return new TrustManager[] {new TrustAllManager()};
    }
    String key = "destination." + destination + ".certificate";
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (settings.certificate() == null) {
        trust.init((KeyStore) null);
      } else {
        KeyStore store = emptyStore();
        int i = 0;
        for (Certificate certificate : certificates(key, settings.certificate())) {
          store.setCertificateEntry("ca-" + i++, certificate);
        }
        trust.init(store);
      }
      return trust.getTrustManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException(key, "TLS setup failed: " + e.getMessage());
    }
  }

  /** The client identity for mutual TLS, or null without a client key. */
  static KeyManager[] keyManagers(String destination, TlsSettings settings) {
    if (settings.clientKey() == null) {
      return null;
    }
    String prefix = "destination." + destination + ".";
    try {
      KeyStore store = emptyStore();
      Collection<? extends Certificate> chain =
          certificates(prefix + "client-certificate", settings.clientCertificate());
      store.setKeyEntry(
          "client",
          privateKey(prefix + "client-key", settings.clientKey()),
          NO_PASSWORD,
          chain.toArray(new Certificate[0]));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, NO_PASSWORD);
      return keys.getKeyManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException(prefix + "client-key", "TLS setup failed: " + e.getMessage());
    }
  }

  private static X509ExtendedTrustManager x509(TrustManager[] managers) {
    for (TrustManager manager : managers) {
      if (manager instanceof X509ExtendedTrustManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("no X.509 trust manager");
  }

  private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }

  private static Collection<? extends Certificate> certificates(String key, TlsSettings.Pem pem) {
    try {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.read().getBytes(StandardCharsets.US_ASCII)));
      if (certificates.isEmpty()) {
        throw new ConfigException(key, "no PEM certificate in " + pem.describe());
      }
      return certificates;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(key, "cannot read certificates from " + pem.describe() + ": " + e);
    }
  }

  /** An unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}) of any algorithm the JDK knows. */
  private static PrivateKey privateKey(String key, TlsSettings.Pem source) {
    String pem;
    try {
      pem = source.read();
    } catch (IOException e) {
      throw new ConfigException(key, "cannot read " + source.describe() + ": " + e);
    }
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new ConfigException(
          key,
          source.describe() + " holds no unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----)");
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
    throw new ConfigException(key, source.describe() + ": key algorithm not RSA, EC or EdDSA");
  }
}

package io.k3j.telemetry;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away CA with a server certificate for 127.0.0.1 and a client certificate, as PEM. */
final class TestCertificates {
  private static final char[] PASSWORD = "test".toCharArray();
  final KeyPair caKey;
  final X509Certificate ca;
  final KeyPair serverKey;
  final X509Certificate server;
  final KeyPair clientKey;
  final X509Certificate client;

  TestCertificates() throws Exception {
    caKey = keyPair();
    ca = sign("CN=k3j test CA", caKey, "CN=k3j test CA", caKey, true, null);
    serverKey = keyPair();
    server = sign("CN=127.0.0.1", serverKey, "CN=k3j test CA", caKey, false, "127.0.0.1");
    clientKey = keyPair();
    client = sign("CN=edge-node-1", clientKey, "CN=k3j test CA", caKey, false, null);
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(
      String subject,
      KeyPair subjectKey,
      String issuer,
      KeyPair issuerKey,
      boolean isCa,
      String ipAddress)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer),
            BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(subject.hashCode())),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(Duration.ofDays(1))),
            new X500Name(subject),
            subjectKey.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (ipAddress != null) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.iPAddress, ipAddress)));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
  }

  /** Writes an object as PEM; a private key is written as PKCS#8 ("PRIVATE KEY"). */
  static Path pem(Path file, Object object) throws IOException {
    return Files.writeString(file, pemText(object));
  }

  /** An object as PEM text; a private key as PKCS#8 ("PRIVATE KEY"). */
  static String pemText(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(
          object instanceof KeyPair pair
              ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(pair.getPrivate(), null)
              : object);
    }
    return text.toString();
  }

  /** The HTTPS server's context: its own certificate, client certificates verified by the CA. */
  SSLContext serverContext() throws GeneralSecurityException, IOException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "server", serverKey.getPrivate(), PASSWORD, new X509Certificate[] {server, ca});
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", ca);
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }
}

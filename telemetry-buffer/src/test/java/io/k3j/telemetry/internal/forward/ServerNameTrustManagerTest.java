package io.k3j.telemetry.internal.forward;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServerNameTrustManagerTest {
  static X509Certificate certificate;
  static X509ExtendedTrustManager trusting;

  /** A self-signed certificate for *.collector.internal, api.example.com and 10.0.0.7. */
  @BeforeAll
  static void certificate() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = generator.generateKeyPair();
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=collector"),
            BigInteger.ONE,
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(Duration.ofDays(1))),
            new X500Name("CN=collector"),
            key.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "*.collector.internal"),
              new GeneralName(GeneralName.dNSName, "api.example.com"),
              new GeneralName(GeneralName.iPAddress, "10.0.0.7")
            }));
    certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("self", certificate);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    trusting = (X509ExtendedTrustManager) factory.getTrustManagers()[0];
  }

  static void check(String serverName) throws CertificateException {
    new ServerNameTrustManager(trusting, serverName)
        .checkServerTrusted(new X509Certificate[] {certificate}, "ECDHE_ECDSA");
  }

  @Test
  @DisplayName("the server name must be one of the certificate's DNS or IP subject names")
  void matchesSubjectAlternativeNames() {
    assertThatCode(() -> check("api.example.com")).doesNotThrowAnyException();
    assertThatCode(() -> check("API.Example.com")).doesNotThrowAnyException();
    assertThatCode(() -> check("otlp.collector.internal")).doesNotThrowAnyException();
    assertThatCode(() -> check("10.0.0.7")).doesNotThrowAnyException();
    assertThatThrownBy(() -> check("a.b.collector.internal"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("not valid for serverName a.b.collector.internal");
    assertThatThrownBy(() -> check("collector.internal")).isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> check("example.com")).isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> check("10.0.0.8")).isInstanceOf(CertificateException.class);
  }

  @Test
  @DisplayName("the chain is still verified: a right name on an untrusted certificate fails")
  void chainStillVerified() throws Exception {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    KeyStore empty = KeyStore.getInstance("PKCS12");
    empty.load(null, null);
    empty.setCertificateEntry("other", ServerNameTrustManagerTest.otherCertificate());
    factory.init(empty);
    ServerNameTrustManager manager =
        new ServerNameTrustManager(
            (X509ExtendedTrustManager) factory.getTrustManagers()[0], "api.example.com");
    assertThatThrownBy(
            () -> manager.checkServerTrusted(new X509Certificate[] {certificate}, "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class);
  }

  private static X509Certificate otherCertificate() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = generator.generateKeyPair();
    Instant now = Instant.now();
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    new X500Name("CN=other"),
                    BigInteger.TWO,
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(1))),
                    new X500Name("CN=other"),
                    key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
  }
}

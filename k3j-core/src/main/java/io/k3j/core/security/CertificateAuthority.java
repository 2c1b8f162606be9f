package io.k3j.core.security;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority (ECDSA P-256, as k3s uses) that issues serving and client certificates.
 */
public final class CertificateAuthority {
  static final Duration CA_VALIDITY = Duration.ofDays(3_650);
  static final Duration LEAF_VALIDITY = Duration.ofDays(365);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final X509Certificate certificate;
  private final KeyPair keyPair;
  private final Clock clock;

  private CertificateAuthority(X509Certificate certificate, KeyPair keyPair, Clock clock) {
    this.certificate = certificate;
    this.keyPair = keyPair;
    this.clock = clock;
  }

  /**
   * Loads {@code <name>.crt}/{@code <name>.key} from {@code dir}, creating them when both are
   * missing.
   */
  public static CertificateAuthority loadOrCreate(Path dir, String name, Clock clock)
      throws IOException {
    Path crt = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    if (Files.exists(crt) != Files.exists(key)) {
      throw new IOException(
          "only one of " + crt + " and " + key + " exists; restore the other or remove both");
    }
    if (Files.exists(crt)) {
      X509Certificate certificate = PemFiles.readCertificate(crt);
      KeyPair keyPair = new KeyPair(certificate.getPublicKey(), PemFiles.readPrivateKey(key));
      return new CertificateAuthority(certificate, keyPair, clock);
    }
    KeyPair keyPair = newKeyPair();
    Instant now = clock.instant();
    X500Name subject = new X500Name("CN=k3j-" + name + "@" + now.getEpochSecond());
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            serial(),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(CA_VALIDITY)),
            subject,
            keyPair.getPublic());
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot build CA " + name + ": " + e.getMessage(), e);
    }
    X509Certificate certificate = sign(builder, keyPair);
    PemFiles.writePrivateKey(key, keyPair);
    PemFiles.writeCertificate(crt, certificate);
    return new CertificateAuthority(certificate, keyPair, clock);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** A serving certificate for the given DNS names and IP addresses. */
  public IssuedCertificate issueServing(String commonName, List<String> dnsNames, List<String> ips)
      throws IOException {
    GeneralName[] names = new GeneralName[dnsNames.size() + ips.size()];
    int i = 0;
    for (String dns : dnsNames) {
      names[i++] = new GeneralName(GeneralName.dNSName, dns);
    }
    for (String ip : ips) {
      names[i++] = new GeneralName(GeneralName.iPAddress, ip);
    }
    return issue(new X500Name("CN=" + commonName), KeyPurposeId.id_kp_serverAuth, names);
  }

  /** A client certificate: the user is the CN, the groups are the O values. */
  public IssuedCertificate issueClient(String user, List<String> groups) throws IOException {
    StringBuilder subject = new StringBuilder();
    for (String group : groups) {
      subject.append("O=").append(group).append(',');
    }
    subject.append("CN=").append(user);
    return issue(new X500Name(subject.toString()), KeyPurposeId.id_kp_clientAuth, null);
  }

  private IssuedCertificate issue(X500Name subject, KeyPurposeId purpose, GeneralName[] sans)
      throws IOException {
    KeyPair leafKeys = newKeyPair();
    Instant now = clock.instant();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            certificate,
            serial(),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(LEAF_VALIDITY)),
            subject,
            leafKeys.getPublic());
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          extensions.createAuthorityKeyIdentifier(certificate));
      if (sans != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot build certificate " + subject + ": " + e.getMessage(), e);
    }
    return new IssuedCertificate(sign(builder, keyPair), leafKeys);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws IOException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IOException("cannot sign certificate: " + e.getMessage(), e);
    }
  }

  private static KeyPair newKeyPair() throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot generate an EC key: " + e.getMessage(), e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM);
  }
}

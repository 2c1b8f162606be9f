package io.k3j.core.security;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Certificates and keys as PEM files. Files are written atomically (temporary file, then rename);
 * private keys and other secrets are created with mode 0600 before any byte is written.
 */
public final class PemFiles {
  private PemFiles() {}

  public static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
    writeAtomically(file, pem(certificate), false);
  }

  public static void writePrivateKey(Path file, KeyPair keyPair) throws IOException {
    writeAtomically(file, privateKeyPem(keyPair.getPrivate()), true);
  }

  public static X509Certificate readCertificate(Path file) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file)))) {
      Object object = parser.readObject();
      if (!(object instanceof X509CertificateHolder)) {
        throw new IOException(file + " does not hold a PEM certificate");
      }
      return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) object);
    } catch (CertificateException e) {
      throw new IOException(
          file + " holds a certificate that cannot be read: " + e.getMessage(), e);
    }
  }

  /** Reads a private key written by {@link #writePrivateKey} (SEC1 or PKCS#8 PEM). */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file)))) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PEMKeyPair) {
        return converter.getPrivateKey(((PEMKeyPair) object).getPrivateKeyInfo());
      }
      if (object instanceof PrivateKeyInfo) {
        return converter.getPrivateKey((PrivateKeyInfo) object);
      }
      throw new IOException(file + " does not hold a PEM private key");
    }
  }

  /** Writes a secret (token, password) with mode 0600. */
  public static void writeSecret(Path file, String content) throws IOException {
    writeAtomically(file, content, true);
  }

  /**
   * SEC1 ({@code EC PRIVATE KEY}) with the named curve, as k3s writes its keys: Go's crypto/tls,
   * kubectl and fabric8 (which cannot read EC keys in PKCS#8) all read it.
   */
  static String privateKeyPem(PrivateKey key) throws IOException {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
    ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
    ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
    ECPrivateKey sec1 =
        new ECPrivateKey(
            ((java.security.interfaces.ECPrivateKey) key).getParams().getOrder().bitLength(),
            inner.getKey(),
            inner.getPublicKey(),
            curve);
    return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
  }

  static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }

  private static void writeAtomically(Path file, String content, boolean secret)
      throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    if (secret) {
      Files.createFile(
          temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(temp, content, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}

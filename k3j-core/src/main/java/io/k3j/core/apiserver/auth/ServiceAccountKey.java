package io.k3j.core.apiserver.auth;

import io.k3j.core.security.PemFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import org.bouncycastle.jce.ECNamedCurveTable;

/**
 * The key that signs ServiceAccount tokens: ECDSA P-256 (ES256) in {@code
 * <data-dir>/server/tls/service.key}, mode 0600, created on first start and kept, as k3s keeps its
 * {@code service.key}.
 *
 * @param keyId the {@code kid} header of tokens: SHA-256 of the public key's DER, base64url
 */
public record ServiceAccountKey(KeyPair keyPair, String keyId) {

  public static ServiceAccountKey loadOrCreate(Path tlsDir) throws IOException {
    Path file = tlsDir.resolve("service.key");
    if (!Files.exists(file)) {
      PemFiles.writePrivateKey(file, generate());
    }
    return of(read(file));
  }

  static ServiceAccountKey of(KeyPair keyPair) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyPair.getPublic().getEncoded());
      return new ServiceAccountKey(
          keyPair, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an EC P-256 key", e);
    }
  }

  /**
   * The key pair of a stored private key: the SEC1 file may omit the public point, so it is
   * computed as {@code d * G} on P-256.
   */
  private static KeyPair read(Path file) throws IOException {
    PrivateKey key = PemFiles.readPrivateKey(file);
    if (!(key instanceof ECPrivateKey)) {
      throw new IOException(file + " does not hold an EC private key");
    }
    ECPrivateKey ec = (ECPrivateKey) key;
    org.bouncycastle.math.ec.ECPoint q =
        ECNamedCurveTable.getParameterSpec("secp256r1").getG().multiply(ec.getS()).normalize();
    ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    try {
      PublicKey publicKey =
          KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, ec.getParams()));
      return new KeyPair(publicKey, key);
    } catch (GeneralSecurityException e) {
      throw new IOException(file + " holds an EC key that cannot be used: " + e.getMessage(), e);
    }
  }
}

package io.k3j.registry.internal.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest {@code algorithm:hex}. Only the algorithms registered by the OCI image spec
 * ("Digests", sha256 canonical and sha512) are accepted, with their exact hex lengths.
 */
public record Digest(String algorithm, String hex) {
  private static final Pattern HEX = Pattern.compile("[a-f0-9]+");

  public Digest {
    int expected =
        switch (algorithm) {
          case "sha256" -> 64;
          case "sha512" -> 128;
          default ->
              throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
        };
    if (hex.length() != expected || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("malformed " + algorithm + " digest " + hex);
    }
  }

  /** Parses {@code sha256:<64 hex>}; throws IllegalArgumentException otherwise. */
  public static Digest parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("not a digest: " + text);
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  public static boolean looksLikeDigest(String reference) {
    return reference.contains(":");
  }

  public static Digest sha256(byte[] content) {
    return of("sha256", content);
  }

  public static Digest of(String algorithm, byte[] content) {
    MessageDigest md = newMessageDigest(algorithm);
    md.update(content);
    return finish(algorithm, md);
  }

  /** The digest of everything {@code md} (from {@link #newMessageDigest}) was given. */
  public static Digest finish(String algorithm, MessageDigest md) {
    return new Digest(algorithm, HexFormat.of().formatHex(md.digest()));
  }

  public static MessageDigest newMessageDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}

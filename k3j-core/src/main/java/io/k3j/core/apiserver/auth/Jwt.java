package io.k3j.core.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Compact JWS with ES256 (RFC 7515, RFC 7518 section 3.4): the signature is the raw {@code r || s}
 * pair, which the JDK produces as {@code SHA256withECDSAinP1363Format}.
 */
final class Jwt {
  private static final String ALGORITHM = "SHA256withECDSAinP1363Format";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Jwt() {}

  static String sign(ObjectNode claims, ServiceAccountKey key) {
    ObjectNode header = JsonNodeFactory.instance.objectNode();
    header.put("alg", "ES256");
    header.put("kid", key.keyId());
    String signingInput = encode(Json.bytes(header)) + "." + encode(Json.bytes(claims));
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(key.keyPair().getPrivate());
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + encode(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
    }
  }

  /** The claims of a token whose ES256 signature {@code key} verifies. */
  static ObjectNode verify(String token, PublicKey key) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new InvalidTokenException("token is not a compact JWS");
    }
    JsonNode header = decode(parts[0]);
    if (!"ES256".equals(header.path("alg").asText())) {
      throw new InvalidTokenException("token signed with an unsupported algorithm");
    }
    boolean valid;
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key);
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      valid = verifier.verify(bytes(parts[2]));
    } catch (GeneralSecurityException e) {
      valid = false;
    }
    if (!valid) {
      throw new InvalidTokenException("token signature is invalid");
    }
    JsonNode claims = decode(parts[1]);
    if (!claims.isObject()) {
      throw new InvalidTokenException("token claims are not a JSON object");
    }
    return (ObjectNode) claims;
  }

  private static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  private static byte[] bytes(String part) {
    try {
      return DECODER.decode(part);
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException("token is not base64url encoded");
    }
  }

  private static JsonNode decode(String part) {
    try {
      return Json.MAPPER.readTree(bytes(part));
    } catch (IOException e) {
      throw new InvalidTokenException("token is not JSON");
    }
  }
}

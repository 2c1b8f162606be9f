package io.k3j.core.security;

import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The k3s join token. Secure form {@code K10<sha256 of the CA PEM, hex>::<user>:<password>} pins
 * the cluster CA; the short form is the password alone.
 */
public record JoinToken(String caHash, String username, String password) {
  private static final Pattern SECURE = Pattern.compile("K10([0-9a-f]{64})::([^:]+):(.+)");

  public JoinToken {
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("token password must not be empty");
    }
  }

  public static JoinToken parse(String token) {
    String trimmed = token.strip();
    Matcher secure = SECURE.matcher(trimmed);
    if (secure.matches()) {
      return new JoinToken(secure.group(1), secure.group(2), secure.group(3));
    }
    if (trimmed.startsWith("K10")) {
      throw new IllegalArgumentException(
          "token starts with K10 but is not K10<64 hex digits>::<user>:<password>");
    }
    return new JoinToken(null, "server", trimmed);
  }

  /** The token for a server whose CA PEM file hashes to {@code caPemSha256}. */
  public static JoinToken secure(byte[] caPemSha256, String password) {
    return new JoinToken(HexFormat.of().formatHex(caPemSha256), "server", password);
  }

  public boolean pinsCa() {
    return caHash != null;
  }

  public String format() {
    return pinsCa() ? "K10" + caHash + "::" + username + ":" + password : password;
  }

  @Override
  public String toString() {
    return "JoinToken[" + (pinsCa() ? "K10" + caHash + "::" + username + ":***" : "***") + "]";
  }
}

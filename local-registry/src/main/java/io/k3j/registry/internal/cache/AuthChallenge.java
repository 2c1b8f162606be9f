package io.k3j.registry.internal.cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code WWW-Authenticate} challenge (RFC 9110 §11.6.1, RFC 6750 §3): a scheme and its
 * parameters. A header may hold several challenges; quoted values may contain commas.
 */
public record AuthChallenge(String scheme, Map<String, String> params) {

  public String param(String name) {
    return params.get(name);
  }

  public static List<AuthChallenge> parse(String header) {
    List<AuthChallenge> challenges = new ArrayList<>();
    if (header == null) {
      return challenges;
    }
    int i = 0;
    int n = header.length();
    String scheme = null;
    Map<String, String> params = new LinkedHashMap<>();
    while (i < n) {
      while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == ',')) {
        i++;
      }
      int tokenStart = i;
      while (i < n
          && header.charAt(i) != '='
          && header.charAt(i) != ' '
          && header.charAt(i) != ',') {
        i++;
      }
      String token = header.substring(tokenStart, i);
      if (token.isEmpty()) {
        break;
      }
      if (i < n && header.charAt(i) == '=') {
        i++;
        StringBuilder value = new StringBuilder();
        if (i < n && header.charAt(i) == '"') {
          i++;
          while (i < n && header.charAt(i) != '"') {
            if (header.charAt(i) == '\\' && i + 1 < n) {
              i++;
            }
            value.append(header.charAt(i++));
          }
          i++;
        } else {
          while (i < n && header.charAt(i) != ',' && header.charAt(i) != ' ') {
            value.append(header.charAt(i++));
          }
        }
        params.put(token.toLowerCase(Locale.ROOT), value.toString());
      } else {
        if (scheme != null) {
          challenges.add(new AuthChallenge(scheme, Map.copyOf(params)));
        }
        scheme = token.toLowerCase(Locale.ROOT);
        params = new LinkedHashMap<>();
      }
    }
    if (scheme != null) {
      challenges.add(new AuthChallenge(scheme, Map.copyOf(params)));
    }
    return challenges;
  }
}

package io.k3j.core.apiserver.auth;

import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.ApiRequest;
import java.util.List;

/**
 * Authenticates {@code Authorization: Bearer <token>} with ServiceAccount tokens. A caller already
 * known by its client certificate keeps that identity, as upstream tries x509 before tokens; a
 * token that does not verify is a 401 whatever the path.
 */
public final class TokenAuthenticator {
  private static final String BEARER = "bearer ";

  private final ServiceAccountTokens tokens;

  public TokenAuthenticator(ServiceAccountTokens tokens) {
    this.tokens = tokens;
  }

  /** The request with its user set from the bearer token, or unchanged without one. */
  public ApiRequest authenticate(ApiRequest request) {
    String header = request.header("authorization");
    if (request.user() != null || header == null) {
      return request;
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw unauthorized();
    }
    try {
      ApiRequest.User user =
          tokens.verify(header.substring(BEARER.length()).strip(), List.of()).user();
      return new ApiRequest(
          request.method(),
          request.route(),
          request.params(),
          request.contentType(),
          request.accept(),
          request.body(),
          user,
          request.headers());
    } catch (InvalidTokenException e) {
      throw unauthorized();
    }
  }

  private static ApiException unauthorized() {
    return new ApiException(401, "Unauthorized", "Unauthorized");
  }
}

package io.k3j.core.apiserver.auth;

import io.k3j.core.apiserver.ApiRequest;
import java.util.List;
import java.util.Map;

/**
 * Who a verified ServiceAccount token names, as TokenReview reports it.
 *
 * @param extra upstream's {@code authentication.kubernetes.io/*} keys (pod name and uid, token id)
 * @param audiences the requested audiences the token is valid for
 */
public record TokenUser(
    String name,
    String uid,
    List<String> groups,
    Map<String, List<String>> extra,
    List<String> audiences) {

  public TokenUser {
    groups = List.copyOf(groups);
    extra = Map.copyOf(extra);
    audiences = List.copyOf(audiences);
  }

  public ApiRequest.User user() {
    return new ApiRequest.User(name, groups);
  }
}

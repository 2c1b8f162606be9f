package io.k3j.core.apiserver.auth;

import io.k3j.core.apiserver.ApiException;
import java.util.List;

/**
 * Decides requests: members of {@code system:masters} may do anything (as upstream's privileged
 * group authorizer), everyone else what the RBAC policy allows.
 */
public final class Authorizer {
  static final String MASTERS = "system:masters";

  private final RbacCache cache;

  public Authorizer(RbacCache cache) {
    this.cache = cache;
  }

  /** Why the request is allowed ({@code ""} for system:masters), or null when it is not. */
  public String allowedBy(Attributes request) {
    if (request.user().groups().contains(MASTERS)) {
      return "";
    }
    return cache.policy().allowedBy(request);
  }

  /** Throws upstream's 403 Forbidden Status unless the request is allowed. */
  public void authorize(Attributes request) {
    if (allowedBy(request) == null) {
      throw forbidden(request);
    }
  }

  /**
   * {@code configmaps "x" is forbidden: User "u" cannot get resource "configmaps" in API group ""
   * in the namespace "ns"} (apiserver {@code responsewriters.forbiddenMessage} and {@code
   * apierrors.NewForbidden}).
   */
  static ApiException forbidden(Attributes request) {
    String user = request.user().name();
    if (!request.resourceRequest()) {
      return new ApiException(
          403,
          "Forbidden",
          "forbidden: User \""
              + user
              + "\" cannot "
              + request.verb()
              + " path \""
              + request.path()
              + "\"");
    }
    String scope =
        request.namespace() == null
            ? " at the cluster scope"
            : " in the namespace \"" + request.namespace() + "\"";
    String reason =
        "User \""
            + user
            + "\" cannot "
            + request.verb()
            + " resource \""
            + request.resourceWithSubresource()
            + "\" in API group \""
            + request.group()
            + "\""
            + scope;
    String resource =
        request.group().isEmpty() ? request.resource() : request.resource() + "." + request.group();
    String subject = request.name() == null ? resource : resource + " \"" + request.name() + "\"";
    return new ApiException(
        403,
        "Forbidden",
        subject + " is forbidden: " + reason,
        request.resource(),
        request.name(),
        List.of());
  }
}

package io.k3j.core.apiserver.auth;

import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.Route;
import java.util.Locale;

/**
 * What a request asks to do, as an authorizer sees it (upstream's {@code authorizer.Attributes}): a
 * verb on a resource, or a verb on a non-resource path.
 *
 * @param group API group, "" for core (resource requests)
 * @param namespace null for cluster-scoped resources and non-resource requests
 * @param name null for collections
 * @param path the URL path of a non-resource request, null otherwise
 */
public record Attributes(
    ApiRequest.User user,
    String verb,
    boolean resourceRequest,
    String group,
    String resource,
    String subresource,
    String namespace,
    String name,
    String path) {

  public static Attributes resource(
      ApiRequest.User user,
      String verb,
      String group,
      String resource,
      String subresource,
      String namespace,
      String name) {
    return new Attributes(
        user,
        verb,
        true,
        group,
        resource,
        blankToNull(subresource),
        blankToNull(namespace),
        blankToNull(name),
        null);
  }

  public static Attributes nonResource(ApiRequest.User user, String verb, String path) {
    return new Attributes(user, verb, false, null, null, null, null, null, path);
  }

  /**
   * The attributes of a routed request; {@code resourceVerb} is the Kubernetes verb of a resource
   * request (get, list, watch, create, ...). Non-resource requests use the lower-case HTTP method.
   */
  public static Attributes of(ApiRequest request, String resourceVerb) {
    Route route = request.route();
    if (route instanceof Route.Resource) {
      Route.Resource r = (Route.Resource) route;
      return resource(
          request.user(),
          resourceVerb,
          r.group(),
          r.plural(),
          r.subresource(),
          r.namespace(),
          r.name());
    }
    return nonResource(
        request.user(), request.method().toLowerCase(Locale.ROOT), NonResourcePaths.of(route));
  }

  /** {@code configmaps} or {@code pods/log}, as rules and messages name it. */
  public String resourceWithSubresource() {
    return subresource == null ? resource : resource + "/" + subresource;
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}

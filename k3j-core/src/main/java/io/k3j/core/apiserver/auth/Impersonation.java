package io.k3j.core.apiserver.auth;

import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.ApiRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The impersonation headers as kube-apiserver's {@code WithImpersonation} filter reads them: {@code
 * Impersonate-User}, {@code -Group}, {@code -Uid} and {@code -Extra-<key>}. Each thing asked for
 * needs the {@code impersonate} verb: on {@code users} (or {@code serviceaccounts} in the account's
 * namespace for {@code system:serviceaccount:<ns>:<name>}), {@code groups}, {@code
 * uids.authentication.k8s.io} and {@code userextras.authentication.k8s.io/<key>}; the request then
 * runs as the impersonated user. Header values arrive joined by newlines ({@code
 * ApiChannelHandler}).
 */
final class Impersonation {
  static final String USER = "impersonate-user";
  static final String GROUP = "impersonate-group";
  static final String UID = "impersonate-uid";
  static final String EXTRA = "impersonate-extra-";
  private static final String AUTHENTICATION = "authentication.k8s.io";
  private static final String ANONYMOUS = "system:anonymous";
  private static final String AUTHENTICATED = "system:authenticated";
  private static final String UNAUTHENTICATED = "system:unauthenticated";

  private Impersonation() {}

  /** The request as the impersonated user; unchanged without impersonation headers. */
  static ApiRequest apply(ApiRequest request, Authorizer authorizer) {
    String user = request.header(USER);
    List<String> groups = values(request.header(GROUP));
    String uid = request.header(UID);
    List<String[]> extras = extras(request.headers());
    boolean hasUser = user != null && !user.isEmpty();
    if (!hasUser && groups.isEmpty() && extras.isEmpty() && (uid == null || uid.isEmpty())) {
      return request;
    }
    if (request.user() == null) {
      throw new ApiException(401, "Unauthorized", "Unauthorized");
    }
    if (!hasUser) {
      throw ApiException.badRequest(
          "requested " + describe(groups, extras, uid) + " without impersonating a user");
    }
    ApiRequest.User requestor = request.user();
    List<String> impersonatedGroups = new ArrayList<>(groups);
    String[] account = serviceAccount(user);
    if (account != null) {
      check(authorizer, requestor, "", "serviceaccounts", null, account[0], account[1]);
      if (groups.isEmpty()) {
        impersonatedGroups.add("system:serviceaccounts");
        impersonatedGroups.add("system:serviceaccounts:" + account[0]);
      }
    } else {
      check(authorizer, requestor, "", "users", null, null, user);
    }
    for (String group : groups) {
      check(authorizer, requestor, "", "groups", null, null, group);
    }
    for (String[] extra : extras) {
      check(authorizer, requestor, AUTHENTICATION, "userextras", extra[0], null, extra[1]);
    }
    if (uid != null && !uid.isEmpty()) {
      check(authorizer, requestor, AUTHENTICATION, "uids", null, null, uid);
    }
    boolean marked =
        impersonatedGroups.contains(AUTHENTICATED) || impersonatedGroups.contains(UNAUTHENTICATED);
    if (!marked) {
      impersonatedGroups.add(user.equals(ANONYMOUS) ? UNAUTHENTICATED : AUTHENTICATED);
    }
    return new ApiRequest(
        request.method(),
        request.route(),
        request.params(),
        request.contentType(),
        request.accept(),
        request.body(),
        new ApiRequest.User(user, List.copyOf(impersonatedGroups)),
        request.headers());
  }

  private static void check(
      Authorizer authorizer,
      ApiRequest.User requestor,
      String group,
      String resource,
      String subresource,
      String namespace,
      String name) {
    authorizer.authorize(
        Attributes.resource(
            requestor, "impersonate", group, resource, subresource, namespace, name));
  }

  /** {@code [namespace, name]} of a {@code system:serviceaccount:<ns>:<name>} user, else null. */
  private static String[] serviceAccount(String user) {
    if (!user.startsWith(ServiceAccountTokens.USER_PREFIX)) {
      return null;
    }
    String[] parts = user.substring(ServiceAccountTokens.USER_PREFIX.length()).split(":", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return null;
    }
    return parts;
  }

  private static List<String> values(String joined) {
    if (joined == null || joined.isEmpty()) {
      return List.of();
    }
    return List.of(joined.split("\n"));
  }

  /** {@code [key, value]} pairs; the key is lower-cased and percent-decoded, as upstream. */
  private static List<String[]> extras(Map<String, String> headers) {
    List<String[]> extras = new ArrayList<>();
    headers.forEach(
        (name, joined) -> {
          if (name.startsWith(EXTRA)) {
            String key = URLDecoder.decode(name.substring(EXTRA.length()), StandardCharsets.UTF_8);
            for (String value : values(joined)) {
              extras.add(new String[] {key, value});
            }
          }
        });
    return extras;
  }

  private static String describe(List<String> groups, List<String[]> extras, String uid) {
    List<String> asked = new ArrayList<>();
    groups.forEach(g -> asked.add("group \"" + g + "\""));
    extras.forEach(e -> asked.add("user extra \"" + e[0] + "\"=\"" + e[1] + "\""));
    if (uid != null && !uid.isEmpty()) {
      asked.add("uid \"" + uid + "\"");
    }
    return String.join(", ", asked);
  }
}

package io.k3j.core.apiserver.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.Reply;
import io.k3j.core.apiserver.Route;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.apiserver.resources.ResourceType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Authentication and authorization for the API server, as one component the server starts:
 * ServiceAccount bearer tokens, the RBAC authorizer over a watched cache, the ClusterRole
 * aggregation controller, the default roles, and the review endpoints.
 */
public final class ApiAuth implements AutoCloseable {
  private final TokenAuthenticator authenticator;
  private final Authorizer authorizer;
  private final AccessReviews reviews;
  private final RbacCache cache;
  private final ClusterRoleAggregation aggregation;

  private ApiAuth(
      TokenAuthenticator authenticator,
      Authorizer authorizer,
      AccessReviews reviews,
      RbacCache cache,
      ClusterRoleAggregation aggregation) {
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.reviews = reviews;
    this.cache = cache;
    this.aggregation = aggregation;
  }

  /**
   * Seeds the default roles, loads the RBAC cache and starts aggregation; the token signing key is
   * {@code tlsDir/service.key}, created when missing.
   */
  public static ApiAuth start(ObjectStore store, Path tlsDir, Clock clock) throws IOException {
    ServiceAccountTokens tokens =
        new ServiceAccountTokens(store, ServiceAccountKey.loadOrCreate(tlsDir), clock);
    DefaultRoles.ensure(store);
    RbacCache cache = new RbacCache(store.backend());
    cache.start();
    ClusterRoleAggregation aggregation = new ClusterRoleAggregation(store, cache);
    aggregation.start();
    Authorizer authorizer = new Authorizer(cache);
    return new ApiAuth(
        new TokenAuthenticator(tokens),
        authorizer,
        new AccessReviews(authorizer, cache, tokens),
        cache,
        aggregation);
  }

  /** The request with the user its bearer token names; 401 Status for a token that fails. */
  public ApiRequest authenticate(ApiRequest request) {
    return authenticator.authenticate(request);
  }

  /**
   * The request as the user its {@code Impersonate-*} headers name, after checking that the caller
   * may impersonate each (403 otherwise); unchanged without those headers.
   */
  public ApiRequest impersonate(ApiRequest request) {
    return Impersonation.apply(request, authorizer);
  }

  /**
   * Throws a 403 Status unless the request's user may make it; {@code resourceVerb} is the verb of
   * a resource request (get, list, watch, create, ...).
   */
  public void authorize(ApiRequest request, String resourceVerb) {
    authorizer.authorize(Attributes.of(request, resourceVerb));
  }

  /**
   * Throws 403 when {@code user}'s write of a role or binding would grant more than the user holds,
   * 404 when a binding's role is missing (upstream's escalation checks; members of system:masters
   * pass); for {@link io.k3j.core.apiserver.resources.ResourceHandler#callerPolicy}.
   */
  public void checkWrite(ApiRequest.User user, ResourceType type, ObjectNode object) {
    Escalation.check(user, type, object, cache, authorizer);
  }

  /** Whether {@link #handle} answers the route (reviews and {@code serviceaccounts/token}). */
  public boolean serves(Route.Resource route) {
    return AccessReviews.serves(route);
  }

  public Reply handle(ApiRequest request, Route.Resource route) {
    return reviews.handle(request, route);
  }

  @Override
  public void close() {
    aggregation.close();
    cache.close();
  }
}

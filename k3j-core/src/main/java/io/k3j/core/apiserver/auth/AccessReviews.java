package io.k3j.core.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.Reply;
import io.k3j.core.apiserver.Route;
import io.k3j.core.apiserver.resources.ResourceHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * The create-only review kinds and the TokenRequest subresource: SelfSubjectAccessReview and
 * SubjectAccessReview ({@code kubectl auth can-i}), SelfSubjectRulesReview ({@code can-i --list},
 * Java Operator SDK before leader election), TokenReview, and {@code serviceaccounts/<n>/token}.
 * Nothing is stored; each answer is the request with its {@code status} filled in.
 */
public final class AccessReviews {
  private static final String AUTHORIZATION = "authorization.k8s.io";
  private static final String AUTHENTICATION = "authentication.k8s.io";

  private final Authorizer authorizer;
  private final RbacCache cache;
  private final ServiceAccountTokens tokens;

  public AccessReviews(Authorizer authorizer, RbacCache cache, ServiceAccountTokens tokens) {
    this.authorizer = authorizer;
    this.cache = cache;
    this.tokens = tokens;
  }

  /** Whether the route is one this class answers. */
  public static boolean serves(Route.Resource route) {
    if (route.group().isEmpty()) {
      return route.plural().equals("serviceaccounts")
          && "token".equals(route.subresource())
          && route.name() != null;
    }
    return route.subresource() == null
        && route.name() == null
        && (route.group().equals(AUTHORIZATION)
                && (List.of(
                            "selfsubjectaccessreviews",
                            "subjectaccessreviews",
                            "selfsubjectrulesreviews")
                        .contains(route.plural())
                    || route.plural().equals("localsubjectaccessreviews")
                        && route.namespace() != null)
            || route.group().equals(AUTHENTICATION) && route.plural().equals("tokenreviews"));
  }

  public Reply handle(ApiRequest request, Route.Resource route) {
    if (!request.method().equals("POST")) {
      throw new ApiException(
          405,
          "MethodNotAllowed",
          "the server does not allow this method on the requested resource");
    }
    ObjectNode body = ResourceHandler.body(request);
    switch (route.plural()) {
      case "serviceaccounts":
        return Reply.json(201, tokens.request(route.namespace(), route.name(), body));
      case "selfsubjectaccessreviews":
        return Reply.json(201, accessReview(body, request.user()));
      case "subjectaccessreviews":
        return Reply.json(201, accessReview(body, subject(body.path("spec"))));
      case "localsubjectaccessreviews":
        checkLocal(body, route.namespace());
        return Reply.json(201, accessReview(body, subject(body.path("spec"))));
      case "selfsubjectrulesreviews":
        return Reply.json(201, rulesReview(body, request.user()));
      default:
        return Reply.json(201, tokenReview(body));
    }
  }

  private ObjectNode accessReview(ObjectNode review, ApiRequest.User user) {
    JsonNode spec = review.path("spec");
    JsonNode resource = spec.path("resourceAttributes");
    JsonNode nonResource = spec.path("nonResourceAttributes");
    if (resource.isObject() == nonResource.isObject()) {
      throw ApiException.invalid(
          review.path("kind").asText("SubjectAccessReview") + ".authorization.k8s.io",
          "",
          List.of(
              new ApiException.Cause(
                  "FieldValueInvalid",
                  "Invalid value: \"null\": exactly one of nonResourceAttributes or"
                      + " resourceAttributes must be specified",
                  "spec.resourceAttributes")));
    }
    Attributes attributes =
        resource.isObject()
            ? Attributes.resource(
                user,
                resource.path("verb").asText(),
                resource.path("group").asText(""),
                resource.path("resource").asText(),
                resource.path("subresource").asText(""),
                resource.path("namespace").asText(""),
                resource.path("name").asText(""))
            : Attributes.nonResource(
                user, nonResource.path("verb").asText(), nonResource.path("path").asText());
    String reason = authorizer.allowedBy(attributes);
    ObjectNode status = review.putObject("status");
    status.put("allowed", reason != null);
    if (reason != null && !reason.isEmpty()) {
      status.put("reason", reason);
    }
    return review;
  }

  /**
   * A LocalSubjectAccessReview asks about its own namespace only (upstream's {@code
   * ValidateLocalSubjectAccessReview}): metadata holds nothing but the namespace of the URL, and
   * resource attributes name that namespace.
   */
  private static void checkLocal(ObjectNode review, String namespace) {
    JsonNode metadata = review.path("metadata");
    String given = metadata.path("namespace").asText("");
    if (!given.isEmpty() && !given.equals(namespace)) {
      throw ApiException.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request");
    }
    List<ApiException.Cause> causes = new ArrayList<>();
    ObjectNode rest = metadata.isObject() ? ((ObjectNode) metadata).deepCopy() : null;
    if (rest != null) {
      rest.remove(List.of("namespace", "managedFields", "creationTimestamp"));
      if (!rest.isEmpty()) {
        causes.add(
            new ApiException.Cause(
                "FieldValueInvalid",
                "Invalid value: " + metadata + ": must be empty except for namespace",
                "metadata"));
      }
    }
    JsonNode spec = review.path("spec");
    JsonNode resource = spec.path("resourceAttributes");
    if (resource.isObject() && !namespace.equals(resource.path("namespace").asText(""))) {
      causes.add(
          new ApiException.Cause(
              "FieldValueInvalid",
              "Invalid value: \""
                  + resource.path("namespace").asText("")
                  + "\": must match metadata.namespace",
              "spec.resourceAttributes.namespace"));
    }
    if (spec.path("nonResourceAttributes").isObject()) {
      causes.add(
          new ApiException.Cause(
              "FieldValueInvalid",
              "Invalid value: "
                  + spec.path("nonResourceAttributes")
                  + ": disallowed on this kind of request",
              "spec.nonResourceAttributes"));
    }
    if (!causes.isEmpty()) {
      throw ApiException.invalid("LocalSubjectAccessReview.authorization.k8s.io", "", causes);
    }
    ((ObjectNode) (metadata.isObject() ? metadata : review.putObject("metadata")))
        .put("namespace", namespace);
  }

  private static ApiRequest.User subject(JsonNode spec) {
    String user = spec.path("user").asText("");
    List<String> groups = new ArrayList<>();
    spec.path("groups").forEach(g -> groups.add(g.asText()));
    if (user.isEmpty() && groups.isEmpty()) {
      throw ApiException.invalid(
          "SubjectAccessReview.authorization.k8s.io",
          "",
          List.of(
              new ApiException.Cause(
                  "FieldValueRequired",
                  "Required value: at least one of user or group must be specified",
                  "spec.user")));
    }
    return new ApiRequest.User(user, groups);
  }

  private ObjectNode rulesReview(ObjectNode review, ApiRequest.User user) {
    String namespace = review.path("spec").path("namespace").asText("");
    List<PolicyRule> rules = cache.policy().rules(user, namespace.isEmpty() ? null : namespace);
    ObjectNode status = review.putObject("status");
    ArrayNode resourceRules = status.putArray("resourceRules");
    ArrayNode nonResourceRules = status.putArray("nonResourceRules");
    for (PolicyRule rule : rules) {
      if (!rule.resources().isEmpty()) {
        resourceRules.add(
            new PolicyRule(
                    rule.verbs(),
                    rule.apiGroups(),
                    rule.resources(),
                    rule.resourceNames(),
                    List.of())
                .toJson());
      }
      if (!rule.nonResourceURLs().isEmpty()) {
        nonResourceRules.add(
            new PolicyRule(rule.verbs(), List.of(), List.of(), List.of(), rule.nonResourceURLs())
                .toJson());
      }
    }
    status.put("incomplete", false);
    return review;
  }

  private ObjectNode tokenReview(ObjectNode review) {
    JsonNode spec = review.path("spec");
    List<String> audiences = new ArrayList<>();
    spec.path("audiences").forEach(a -> audiences.add(a.asText()));
    ObjectNode status = review.putObject("status");
    try {
      TokenUser user = tokens.verify(spec.path("token").asText(""), audiences);
      status.put("authenticated", true);
      ObjectNode userInfo = status.putObject("user");
      userInfo.put("username", user.name());
      userInfo.put("uid", user.uid());
      user.groups().forEach(userInfo.putArray("groups")::add);
      ObjectNode extra = userInfo.putObject("extra");
      user.extra().forEach((key, values) -> values.forEach(extra.putArray(key)::add));
      user.audiences().forEach(status.putArray("audiences")::add);
    } catch (InvalidTokenException e) {
      status.put("authenticated", false);
      status.putObject("user");
      status.put("error", e.getMessage());
    }
    return review;
  }
}

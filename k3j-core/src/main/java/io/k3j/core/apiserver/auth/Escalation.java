package io.k3j.core.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * RBAC escalation prevention as upstream's RBAC registries ({@code policybased} storage and {@code
 * ConfirmNoEscalation}): outside {@code system:masters}, a Role or ClusterRole may only grant what
 * its writer holds (or the writer has {@code escalate}), and a binding may only refer to a role
 * whose rules its writer holds (or the writer has {@code bind} on it). A binding's role must then
 * exist: 404 otherwise. Runs on every create and update (POST, PUT, patches, apply).
 */
final class Escalation {
  private static final String GROUP = "rbac.authorization.k8s.io";

  private Escalation() {}

  /** Checks a role or binding about to be written by {@code user}; other kinds pass. */
  static void check(
      ApiRequest.User user,
      ResourceType type,
      ObjectNode object,
      RbacCache cache,
      Authorizer authorizer) {
    if (type.isCustom()
        || !type.group().equals(GROUP)
        || user == null
        || user.groups().contains(Authorizer.MASTERS)) {
      return;
    }
    JsonNode metadata = object.path("metadata");
    String name = metadata.path("name").asText("");
    String namespace = type.namespaced() ? metadata.path("namespace").asText(null) : null;
    switch (type.plural()) {
      case "roles":
      case "clusterroles":
        checkRole(user, type.plural(), namespace, name, object, cache, authorizer);
        break;
      case "rolebindings":
      case "clusterrolebindings":
        checkBinding(user, type.plural(), namespace, name, object, cache, authorizer);
        break;
      default:
        break;
    }
  }

  private static void checkRole(
      ApiRequest.User user,
      String plural,
      String namespace,
      String name,
      JsonNode role,
      RbacCache cache,
      Authorizer authorizer) {
    if (authorizer.allowedBy(
            Attributes.resource(user, "escalate", GROUP, plural, "", namespace, name))
        != null) {
      return;
    }
    if (role.path("aggregationRule").isObject()) {
      throw forbidden(
          plural, name, "must have cluster-admin privileges to use the aggregationRule");
    }
    confirmNoEscalation(
        user, plural, namespace, name, PolicyRule.listFromJson(role.path("rules")), cache);
  }

  private static void checkBinding(
      ApiRequest.User user,
      String plural,
      String namespace,
      String name,
      JsonNode binding,
      RbacCache cache,
      Authorizer authorizer) {
    JsonNode roleRef = binding.path("roleRef");
    String kind = roleRef.path("kind").asText("");
    String roleName = roleRef.path("name").asText("");
    if (!kind.equals("Role") && !kind.equals("ClusterRole")) {
      return; // validation reports it
    }
    String rolePlural = kind.equals("Role") ? "roles" : "clusterroles";
    if (authorizer.allowedBy(
            Attributes.resource(user, "bind", GROUP, rolePlural, "", namespace, roleName))
        != null) {
      return;
    }
    List<PolicyRule> rules = cache.policy().roleRules(kind, namespace, roleName);
    if (rules == null) {
      throw ApiException.notFound(rolePlural + "." + GROUP, roleName);
    }
    confirmNoEscalation(user, plural, namespace, name, rules, cache);
  }

  /** 403 unless every rule is covered by the rules the user holds in the namespace. */
  private static void confirmNoEscalation(
      ApiRequest.User user,
      String plural,
      String namespace,
      String name,
      List<PolicyRule> rules,
      RbacCache cache) {
    List<PolicyRule> held = cache.policy().rules(user, namespace);
    List<String> missing = new ArrayList<>();
    for (PolicyRule rule : rules) {
      for (String uncovered : uncovered(rule, held, user)) {
        if (!missing.contains(uncovered)) {
          missing.add(uncovered);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw forbidden(
          plural,
          name,
          "user \""
              + user.name()
              + "\" (groups="
              + quoted(user.groups())
              + ") is attempting to grant RBAC permissions not currently held:\n"
              + String.join("\n", missing));
    }
  }

  /** The single-verb, single-resource parts of {@code rule} no held rule allows. */
  private static List<String> uncovered(
      PolicyRule rule, List<PolicyRule> held, ApiRequest.User user) {
    List<String> missing = new ArrayList<>();
    for (String verb : rule.verbs()) {
      for (String url : rule.nonResourceURLs()) {
        Attributes wanted = Attributes.nonResource(user, verb, url);
        if (held.stream().noneMatch(h -> h.allows(wanted))) {
          missing.add("{NonResourceURLs:[" + quote(url) + "], Verbs:[" + quote(verb) + "]}");
        }
      }
      for (String group : rule.apiGroups()) {
        for (String resource : rule.resources()) {
          String[] parts = resource.split("/", 2);
          List<String> names =
              rule.resourceNames().isEmpty()
                  ? java.util.Collections.singletonList(null)
                  : rule.resourceNames();
          for (String resourceName : names) {
            Attributes wanted =
                Attributes.resource(
                    user,
                    verb,
                    group,
                    parts[0],
                    parts.length > 1 ? parts[1] : "",
                    null,
                    resourceName == null ? "" : resourceName);
            if (held.stream().noneMatch(h -> h.allows(wanted))) {
              missing.add(
                  "{APIGroups:["
                      + quote(group)
                      + "], Resources:["
                      + quote(resource)
                      + "]"
                      + (resourceName == null
                          ? ""
                          : ", ResourceNames:[" + quote(resourceName) + "]")
                      + ", Verbs:["
                      + quote(verb)
                      + "]}");
            }
          }
        }
      }
    }
    return missing;
  }

  private static String quote(String value) {
    return "\"" + value + "\"";
  }

  /** Go's {@code %q} of a string slice: {@code ["a" "b"]}. */
  private static String quoted(List<String> values) {
    return values.stream().map(Escalation::quote).collect(Collectors.joining(" ", "[", "]"));
  }

  private static ApiException forbidden(String plural, String name, String why) {
    String resource = plural + "." + GROUP;
    return new ApiException(
        403,
        "Forbidden",
        resource + " \"" + name + "\" is forbidden: " + why,
        plural,
        name,
        List.of());
  }
}

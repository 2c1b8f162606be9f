package io.k3j.core.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One RBAC rule and upstream's matching of it (kubernetes {@code
 * pkg/apis/rbac/v1/evaluation_helpers.go}): {@code *} matches any verb, group, resource or URL;
 * <code>&#42;/sub</code> matches subresource {@code sub} of any resource; a URL ending in {@code *}
 * is a prefix; no resourceNames means every name.
 */
public record PolicyRule(
    List<String> verbs,
    List<String> apiGroups,
    List<String> resources,
    List<String> resourceNames,
    List<String> nonResourceURLs) {

  private static final String ALL = "*";

  public PolicyRule {
    verbs = List.copyOf(verbs);
    apiGroups = List.copyOf(apiGroups);
    resources = List.copyOf(resources);
    resourceNames = List.copyOf(resourceNames);
    nonResourceURLs = List.copyOf(nonResourceURLs);
  }

  public static PolicyRule fromJson(JsonNode rule) {
    return new PolicyRule(
        strings(rule.path("verbs")),
        strings(rule.path("apiGroups")),
        strings(rule.path("resources")),
        strings(rule.path("resourceNames")),
        strings(rule.path("nonResourceURLs")));
  }

  public static List<PolicyRule> listFromJson(JsonNode rules) {
    List<PolicyRule> result = new ArrayList<>();
    rules.forEach(rule -> result.add(fromJson(rule)));
    return result;
  }

  /** Whether this rule allows the request. */
  public boolean allows(Attributes request) {
    if (!verbs.contains(ALL) && !verbs.contains(request.verb())) {
      return false;
    }
    if (!request.resourceRequest()) {
      return nonResourceUrlMatches(request.path());
    }
    return (apiGroups.contains(ALL) || apiGroups.contains(request.group()))
        && resourceMatches(request)
        && (resourceNames.isEmpty()
            || request.name() != null && resourceNames.contains(request.name()));
  }

  private boolean resourceMatches(Attributes request) {
    String combined = request.resourceWithSubresource();
    for (String resource : resources) {
      if (resource.equals(ALL)
          || resource.equals(combined)
          || (request.subresource() != null && resource.equals("*/" + request.subresource()))) {
        return true;
      }
    }
    return false;
  }

  private boolean nonResourceUrlMatches(String path) {
    for (String url : nonResourceURLs) {
      if (url.equals(ALL)
          || url.equals(path)
          || (url.endsWith(ALL) && path.startsWith(url.substring(0, url.length() - 1)))) {
        return true;
      }
    }
    return false;
  }

  /** The rule as a {@code PolicyRule} object of the RBAC and review APIs; empty lists omitted. */
  public ObjectNode toJson() {
    ObjectNode rule = JsonNodeFactory.instance.objectNode();
    put(rule, "verbs", verbs);
    put(rule, "apiGroups", apiGroups);
    put(rule, "resources", resources);
    put(rule, "resourceNames", resourceNames);
    put(rule, "nonResourceURLs", nonResourceURLs);
    return rule;
  }

  private static void put(ObjectNode rule, String field, List<String> values) {
    if (!values.isEmpty() || field.equals("verbs")) {
      ArrayNode array = rule.putArray(field);
      values.forEach(array::add);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}

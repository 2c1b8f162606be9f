package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.FieldPath.child;
import static io.k3j.core.apiserver.validation.FieldPath.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Upstream's rbac.authorization.k8s.io/v1 checks: rules, roleRef and subjects. */
final class RbacValidation {
  static final String GROUP = "rbac.authorization.k8s.io";

  private RbacValidation() {}

  static void role(JsonNode role, boolean namespaced, FieldErrors errors) {
    JsonNode rules = role.path("rules");
    for (int i = 0; i < rules.size(); i++) {
      rule(rules.get(i), namespaced, index("rules", i), errors);
    }
    JsonNode aggregation = role.path("aggregationRule");
    if (!namespaced && aggregation.isObject()) {
      JsonNode selectors = aggregation.path("clusterRoleSelectors");
      if (selectors.isEmpty()) {
        errors.required(
            "aggregationRule.clusterRoleSelectors",
            "at least one clusterRoleSelector required if aggregationRule is non-nil");
      }
      for (int i = 0; i < selectors.size(); i++) {
        LabelSelectors.validate(
            selectors.get(i), index("aggregationRule.clusterRoleSelectors", i), errors);
      }
    }
  }

  static void binding(JsonNode binding, JsonNode old, boolean namespaced, FieldErrors errors) {
    JsonNode roleRef = binding.path("roleRef");
    String apiGroup = roleRef.path("apiGroup").asText("");
    if (!apiGroup.equals(GROUP)) {
      errors.notSupported("roleRef.apiGroup", apiGroup, List.of(GROUP));
    }
    String kind = roleRef.path("kind").asText("");
    List<String> kinds = namespaced ? List.of("Role", "ClusterRole") : List.of("ClusterRole");
    if (!kinds.contains(kind)) {
      errors.notSupported("roleRef.kind", kind, kinds);
    }
    String name = roleRef.path("name").asText("");
    if (name.isEmpty()) {
      errors.required("roleRef.name", "");
    } else {
      errors.invalidEach("roleRef.name", name, Names.pathSegment(name));
    }
    JsonNode subjects = binding.path("subjects");
    for (int i = 0; i < subjects.size(); i++) {
      subject(subjects.get(i), namespaced, index("subjects", i), errors);
    }
    if (old != null && !roleRef.equals(old.path("roleRef"))) {
      errors.invalid(
          "roleRef",
          new GoLiteral(
              "rbac.RoleRef{APIGroup:"
                  + FieldErrors.quote(apiGroup)
                  + ", Kind:"
                  + FieldErrors.quote(kind)
                  + ", Name:"
                  + FieldErrors.quote(name)
                  + "}"),
          "cannot change roleRef");
    }
  }

  private static void rule(JsonNode rule, boolean namespaced, String path, FieldErrors errors) {
    if (rule.path("verbs").isEmpty()) {
      errors.required(child(path, "verbs"), "verbs must contain at least one value");
    }
    JsonNode urls = rule.path("nonResourceURLs");
    if (!urls.isEmpty()) {
      if (namespaced) {
        errors.invalid(
            child(path, "nonResourceURLs"),
            GoLiteral.strings(urls),
            "namespaced rules cannot apply to non-resource URLs");
      }
      if (!rule.path("apiGroups").isEmpty()
          || !rule.path("resources").isEmpty()
          || !rule.path("resourceNames").isEmpty()) {
        errors.invalid(
            child(path, "nonResourceURLs"),
            GoLiteral.strings(urls),
            "rules cannot apply to both regular resources and non-resource URLs");
      }
      return;
    }
    if (rule.path("apiGroups").isEmpty()) {
      errors.required(
          child(path, "apiGroups"), "resource rules must supply at least one api group");
    }
    if (rule.path("resources").isEmpty()) {
      errors.required(child(path, "resources"), "resource rules must supply at least one resource");
    }
  }

  private static void subject(
      JsonNode subject, boolean namespaced, String path, FieldErrors errors) {
    String name = subject.path("name").asText("");
    if (name.isEmpty()) {
      errors.required(child(path, "name"), "");
    }
    String apiGroup = subject.path("apiGroup").asText("");
    String kind = subject.path("kind").asText("");
    switch (kind) {
      case "ServiceAccount" -> {
        if (!name.isEmpty()) {
          errors.invalidEach(child(path, "name"), name, Names.dns1123Subdomain(name));
        }
        if (!apiGroup.isEmpty()) {
          errors.notSupported(child(path, "apiGroup"), apiGroup, List.of(""));
        }
        if (!namespaced && subject.path("namespace").asText("").isEmpty()) {
          errors.required(child(path, "namespace"), "");
        }
      }
      case "User", "Group" -> {
        if (!apiGroup.equals(GROUP)) {
          errors.notSupported(child(path, "apiGroup"), apiGroup, List.of(GROUP));
        }
      }
      default ->
          errors.notSupported(
              child(path, "kind"), kind, List.of("ServiceAccount", "User", "Group"));
    }
  }
}

package io.k3j.core.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of the stored Roles, ClusterRoles and their bindings, indexed so one
 * decision reads only the ClusterRoleBindings and the RoleBindings of the request's namespace.
 * RoleBindings grant resource rules in their namespace only; non-resource URLs come from
 * ClusterRoleBindings, as upstream.
 */
public final class RbacPolicy {
  /** A RoleBinding ({@code namespace} set) or ClusterRoleBinding and whom it names. */
  record Binding(
      String kind,
      String namespace,
      String name,
      String roleKind,
      String roleName,
      List<Subject> subjects) {}

  /** One {@code subjects[]} entry of a binding. */
  record Subject(String kind, String name, String namespace) {
    boolean matches(ApiRequest.User user, String bindingNamespace) {
      switch (kind) {
        case "User":
          return name.equals(user.name());
        case "Group":
          return user.groups().contains(name);
        case "ServiceAccount":
          String ns = namespace == null || namespace.isEmpty() ? bindingNamespace : namespace;
          return user.name().equals(ServiceAccountTokens.USER_PREFIX + ns + ":" + name);
        default:
          return false;
      }
    }
  }

  private final Map<String, List<PolicyRule>> clusterRoles = new HashMap<>();
  private final Map<String, List<PolicyRule>> roles = new HashMap<>();
  private final List<Binding> clusterBindings = new ArrayList<>();
  private final Map<String, List<Binding>> roleBindings = new HashMap<>();

  private RbacPolicy() {}

  /** A policy from stored RBAC objects of the four kinds, told apart by {@code kind}. */
  public static RbacPolicy of(Iterable<? extends JsonNode> objects) {
    RbacPolicy policy = new RbacPolicy();
    for (JsonNode object : objects) {
      String namespace = object.path("metadata").path("namespace").asText("");
      String name = object.path("metadata").path("name").asText();
      switch (object.path("kind").asText()) {
        case "ClusterRole":
          policy.clusterRoles.put(name, PolicyRule.listFromJson(object.path("rules")));
          break;
        case "Role":
          policy.roles.put(namespace + "/" + name, PolicyRule.listFromJson(object.path("rules")));
          break;
        case "ClusterRoleBinding":
          policy.clusterBindings.add(binding(object, null));
          break;
        case "RoleBinding":
          policy
              .roleBindings
              .computeIfAbsent(namespace, n -> new ArrayList<>())
              .add(binding(object, namespace));
          break;
        default:
          break;
      }
    }
    return policy;
  }

  private static Binding binding(JsonNode object, String namespace) {
    List<Subject> subjects = new ArrayList<>();
    for (JsonNode subject : object.path("subjects")) {
      subjects.add(
          new Subject(
              subject.path("kind").asText(),
              subject.path("name").asText(),
              subject.path("namespace").asText(null)));
    }
    JsonNode roleRef = object.path("roleRef");
    return new Binding(
        namespace == null ? "ClusterRoleBinding" : "RoleBinding",
        namespace,
        object.path("metadata").path("name").asText(),
        roleRef.path("kind").asText(),
        roleRef.path("name").asText(),
        subjects);
  }

  /**
   * Upstream's reason for an allowed request ({@code RBAC: allowed by RoleBinding "b/ns" of Role
   * "r" to User "u"}), or null when no rule allows it.
   */
  public String allowedBy(Attributes request) {
    for (Binding binding : bindingsFor(request.resourceRequest() ? request.namespace() : null)) {
      Subject subject = matchingSubject(binding, request.user());
      if (subject == null) {
        continue;
      }
      for (PolicyRule rule : rulesOf(binding)) {
        if (rule.allows(request)) {
          return reason(binding, subject);
        }
      }
    }
    return null;
  }

  /** Every rule granted to {@code user} in {@code namespace} (cluster-wide rules when null). */
  public List<PolicyRule> rules(ApiRequest.User user, String namespace) {
    List<PolicyRule> rules = new ArrayList<>();
    for (Binding binding : bindingsFor(namespace)) {
      if (matchingSubject(binding, user) != null) {
        for (PolicyRule rule : rulesOf(binding)) {
          if (binding.namespace() == null || rule.nonResourceURLs().isEmpty()) {
            rules.add(rule);
          }
        }
      }
    }
    return rules;
  }

  private List<Binding> bindingsFor(String namespace) {
    List<Binding> inNamespace = namespace == null ? null : roleBindings.get(namespace);
    if (inNamespace == null) {
      return clusterBindings;
    }
    List<Binding> all = new ArrayList<>(clusterBindings);
    all.addAll(inNamespace);
    return all;
  }

  private static Subject matchingSubject(Binding binding, ApiRequest.User user) {
    for (Subject subject : binding.subjects()) {
      if (subject.matches(user, binding.namespace())) {
        return subject;
      }
    }
    return null;
  }

  /**
   * The rules of the Role {@code namespace/name} ({@code kind} "Role") or of the ClusterRole {@code
   * name}; null when it does not exist.
   */
  public List<PolicyRule> roleRules(String kind, String namespace, String name) {
    return kind.equals("Role") ? roles.get(namespace + "/" + name) : clusterRoles.get(name);
  }

  private List<PolicyRule> rulesOf(Binding binding) {
    List<PolicyRule> rules =
        binding.roleKind().equals("Role")
            ? binding.namespace() == null
                ? null
                : roles.get(binding.namespace() + "/" + binding.roleName())
            : clusterRoles.get(binding.roleName());
    return rules == null ? List.of() : rules;
  }

  private static String reason(Binding binding, Subject subject) {
    String bindingName =
        binding.namespace() == null ? binding.name() : binding.name() + "/" + binding.namespace();
    String subjectName =
        subject.kind().equals("ServiceAccount")
            ? subject.name()
                + "/"
                + (subject.namespace() == null ? binding.namespace() : subject.namespace())
            : subject.name();
    return "RBAC: allowed by "
        + binding.kind()
        + " \""
        + bindingName
        + "\" of "
        + binding.roleKind()
        + " \""
        + binding.roleName()
        + "\" to "
        + subject.kind()
        + " \""
        + subjectName
        + "\"";
  }
}

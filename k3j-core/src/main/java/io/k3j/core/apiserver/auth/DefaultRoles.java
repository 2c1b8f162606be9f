package io.k3j.core.apiserver.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.BuiltinResources;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.List;

/**
 * The default ClusterRoles and ClusterRoleBindings every cluster starts with (kube-apiserver's RBAC
 * bootstrap policy, {@code plugin/pkg/auth/authorizer/rbac/bootstrappolicy}), created when missing
 * and then left to the user: {@code cluster-admin} for {@code system:masters}; {@code
 * system:discovery}, {@code system:basic-user} and {@code system:public-info-viewer} for every
 * authenticated user; and the aggregated {@code admin}, {@code edit} and {@code view}, whose rules
 * come from the {@code system:aggregate-to-*} roles (a shorter resource list than upstream's).
 */
public final class DefaultRoles {
  private static final String AGGREGATE = "rbac.authorization.k8s.io/aggregate-to-";
  private static final List<String> READ = List.of("get", "list", "watch");
  private static final List<String> WRITE =
      List.of("create", "delete", "deletecollection", "patch", "update");
  private static final List<String> CORE =
      List.of(
          "pods",
          "pods/log",
          "pods/status",
          "services",
          "endpoints",
          "configmaps",
          "persistentvolumeclaims",
          "replicationcontrollers",
          "replicationcontrollers/scale",
          "serviceaccounts",
          "events",
          "limitranges",
          "resourcequotas");
  private static final List<String> APPS =
      List.of(
          "deployments",
          "deployments/scale",
          "replicasets",
          "replicasets/scale",
          "statefulsets",
          "statefulsets/scale",
          "daemonsets",
          "controllerrevisions");

  private DefaultRoles() {}

  /** Creates each default role and binding that does not exist yet. */
  public static void ensure(ObjectStore store) {
    ResourceType roles = type("clusterroles");
    ResourceType bindings = type("clusterrolebindings");
    for (ObjectNode role : clusterRoles()) {
      createIfMissing(store, roles, role);
    }
    createIfMissing(store, bindings, binding("cluster-admin", "system:masters"));
    createIfMissing(store, bindings, binding("system:discovery", "system:authenticated"));
    createIfMissing(store, bindings, binding("system:basic-user", "system:authenticated"));
    ObjectNode publicInfo = binding("system:public-info-viewer", "system:authenticated");
    addGroup(publicInfo, "system:unauthenticated");
    createIfMissing(store, bindings, publicInfo);
  }

  static List<ObjectNode> clusterRoles() {
    ObjectNode clusterAdmin = role("cluster-admin");
    rule(clusterAdmin, List.of("*"), List.of("*"), List.of("*"));
    nonResourceRule(clusterAdmin, List.of("*"));

    ObjectNode discovery = role("system:discovery");
    nonResourceRule(
        discovery,
        List.of(
            "/api",
            "/api/*",
            "/apis",
            "/apis/*",
            "/healthz",
            "/livez",
            "/openapi",
            "/openapi/*",
            "/readyz",
            "/version",
            "/version/"));

    ObjectNode basicUser = role("system:basic-user");
    rule(
        basicUser,
        List.of("create"),
        List.of("authorization.k8s.io"),
        List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"));

    ObjectNode publicInfo = role("system:public-info-viewer");
    nonResourceRule(publicInfo, List.of("/healthz", "/livez", "/readyz", "/version", "/version/"));

    ObjectNode admin = aggregated("admin", "admin");
    ObjectNode edit = aggregated("edit", "edit");
    label(edit, AGGREGATE + "admin");
    ObjectNode view = aggregated("view", "view");
    label(view, AGGREGATE + "edit");

    ObjectNode toAdmin = role("system:aggregate-to-admin");
    label(toAdmin, AGGREGATE + "admin");
    rule(
        toAdmin,
        List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"),
        List.of("rbac.authorization.k8s.io"),
        List.of("roles", "rolebindings"));
    ObjectNode toEdit = role("system:aggregate-to-edit");
    label(toEdit, AGGREGATE + "edit");
    rule(toEdit, WRITE, List.of(""), CORE);
    rule(toEdit, List.of("create"), List.of(""), List.of("serviceaccounts/token"));
    rule(
        toEdit,
        List.of("get", "list", "watch", "create", "delete", "deletecollection", "patch", "update"),
        List.of(""),
        List.of("secrets"));
    rule(toEdit, WRITE, List.of("apps"), APPS);
    rule(toEdit, WRITE, List.of("batch"), List.of("jobs", "cronjobs"));
    ObjectNode toView = role("system:aggregate-to-view");
    label(toView, AGGREGATE + "view");
    rule(toView, READ, List.of(""), CORE);
    rule(toView, READ, List.of("apps"), APPS);
    rule(toView, READ, List.of("batch"), List.of("jobs", "cronjobs"));
    return List.of(
        clusterAdmin, discovery, basicUser, publicInfo, admin, edit, view, toAdmin, toEdit, toView);
  }

  private static ObjectNode role(String name) {
    ObjectNode role = object("ClusterRole", name);
    role.putArray("rules");
    return role;
  }

  private static ObjectNode aggregated(String name, String selects) {
    ObjectNode role = role(name);
    role.putObject("aggregationRule")
        .putArray("clusterRoleSelectors")
        .addObject()
        .putObject("matchLabels")
        .put(AGGREGATE + selects, "true");
    return role;
  }

  private static ObjectNode binding(String role, String group) {
    ObjectNode binding = object("ClusterRoleBinding", role);
    binding
        .putObject("roleRef")
        .put("apiGroup", "rbac.authorization.k8s.io")
        .put("kind", "ClusterRole")
        .put("name", role);
    binding.putArray("subjects");
    addGroup(binding, group);
    return binding;
  }

  private static void addGroup(ObjectNode binding, String group) {
    ((ArrayNode) binding.get("subjects"))
        .addObject()
        .put("apiGroup", "rbac.authorization.k8s.io")
        .put("kind", "Group")
        .put("name", group);
  }

  private static ObjectNode object(String kind, String name) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("apiVersion", "rbac.authorization.k8s.io/v1");
    object.put("kind", kind);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", name);
    metadata.putObject("labels").put("kubernetes.io/bootstrapping", "rbac-defaults");
    metadata.putObject("annotations").put("rbac.authorization.kubernetes.io/autoupdate", "true");
    return object;
  }

  private static void label(ObjectNode object, String key) {
    object.with("metadata").with("labels").put(key, "true");
  }

  private static void rule(
      ObjectNode role, List<String> verbs, List<String> groups, List<String> resources) {
    ObjectNode rule = ((ArrayNode) role.get("rules")).addObject();
    verbs.forEach(rule.putArray("verbs")::add);
    groups.forEach(rule.putArray("apiGroups")::add);
    resources.forEach(rule.putArray("resources")::add);
  }

  private static void nonResourceRule(ObjectNode role, List<String> urls) {
    ObjectNode rule = ((ArrayNode) role.get("rules")).addObject();
    rule.putArray("verbs").add("get");
    urls.forEach(rule.putArray("nonResourceURLs")::add);
  }

  private static void createIfMissing(ObjectStore store, ResourceType type, ObjectNode object) {
    String name = object.path("metadata").path("name").asText();
    if (store.backend().get(type.key(null, name), 0).isEmpty()) {
      store.create(type, null, object);
    }
  }

  private static ResourceType type(String plural) {
    return BuiltinResources.all().stream()
        .filter(t -> t.group().equals("rbac.authorization.k8s.io") && t.plural().equals(plural))
        .findFirst()
        .orElseThrow();
  }
}

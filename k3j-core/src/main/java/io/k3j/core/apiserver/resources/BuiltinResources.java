package io.k3j.core.apiserver.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The built-in kinds, with upstream's group, version, scope, short names, categories and
 * subresources (kube-apiserver 1.32 discovery).
 */
public final class BuiltinResources {
  private static final List<ResourceType> ALL = catalog();

  private BuiltinResources() {}

  public static List<ResourceType> all() {
    return ALL;
  }

  public static ResourceType namespaces() {
    return ALL.get(0);
  }

  public static ResourceType customResourceDefinitions() {
    return ALL.get(ALL.size() - 1);
  }

  private static List<ResourceType> catalog() {
    List<ResourceType> all = new ArrayList<>();
    // core/v1
    all.add(type("", "Namespace", "namespaces", false, "ns").sub("status", "finalize").build());
    all.add(type("", "Node", "nodes", false, "no").sub("status").build());
    all.add(type("", "Pod", "pods", true, "po").all().sub("status", "eviction").build());
    all.add(type("", "Service", "services", true, "svc").all().sub("status").build());
    all.add(type("", "Endpoints", "endpoints", true, "ep").build());
    all.add(type("", "ConfigMap", "configmaps", true, "cm").build());
    all.add(type("", "Secret", "secrets", true).build());
    all.add(type("", "ServiceAccount", "serviceaccounts", true, "sa").sub("token").build());
    all.add(type("", "Event", "events", true, "ev").build());
    all.add(type("", "PersistentVolume", "persistentvolumes", false, "pv").sub("status").build());
    all.add(
        type("", "PersistentVolumeClaim", "persistentvolumeclaims", true, "pvc")
            .sub("status")
            .build());
    all.add(
        type("", "ReplicationController", "replicationcontrollers", true, "rc")
            .all()
            .sub("status", "scale")
            .build());
    all.add(type("", "ResourceQuota", "resourcequotas", true, "quota").sub("status").build());
    all.add(type("", "LimitRange", "limitranges", true, "limits").build());
    // apps/v1
    all.add(type("apps", "Deployment", "deployments", true, "deploy").all().scalable().build());
    all.add(type("apps", "ReplicaSet", "replicasets", true, "rs").all().scalable().build());
    all.add(type("apps", "StatefulSet", "statefulsets", true, "sts").all().scalable().build());
    all.add(type("apps", "DaemonSet", "daemonsets", true, "ds").all().sub("status").build());
    all.add(type("apps", "ControllerRevision", "controllerrevisions", true).build());
    // batch/v1
    all.add(type("batch", "Job", "jobs", true).all().sub("status").build());
    all.add(type("batch", "CronJob", "cronjobs", true, "cj").all().sub("status").build());
    // autoscaling/v2, policy/v1
    all.add(
        type("autoscaling", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, "hpa")
            .version("v2")
            .all()
            .sub("status")
            .build());
    all.add(
        type("policy", "PodDisruptionBudget", "poddisruptionbudgets", true, "pdb")
            .sub("status")
            .build());
    // networking.k8s.io/v1, discovery.k8s.io/v1
    all.add(type("networking.k8s.io", "Ingress", "ingresses", true, "ing").sub("status").build());
    all.add(type("networking.k8s.io", "IngressClass", "ingressclasses", false).build());
    all.add(type("networking.k8s.io", "NetworkPolicy", "networkpolicies", true, "netpol").build());
    all.add(type("discovery.k8s.io", "EndpointSlice", "endpointslices", true).build());
    // events.k8s.io/v1, coordination.k8s.io/v1
    all.add(type("events.k8s.io", "Event", "events", true, "ev").build());
    all.add(type("coordination.k8s.io", "Lease", "leases", true).build());
    // rbac.authorization.k8s.io/v1
    String rbac = "rbac.authorization.k8s.io";
    all.add(type(rbac, "Role", "roles", true).build());
    all.add(type(rbac, "RoleBinding", "rolebindings", true).build());
    all.add(type(rbac, "ClusterRole", "clusterroles", false).build());
    all.add(type(rbac, "ClusterRoleBinding", "clusterrolebindings", false).build());
    // authentication.k8s.io/v1, authorization.k8s.io/v1: reviews, created and never stored
    all.add(type("authentication.k8s.io", "TokenReview", "tokenreviews", false).review());
    String authz = "authorization.k8s.io";
    all.add(type(authz, "LocalSubjectAccessReview", "localsubjectaccessreviews", true).review());
    all.add(type(authz, "SelfSubjectAccessReview", "selfsubjectaccessreviews", false).review());
    all.add(type(authz, "SelfSubjectRulesReview", "selfsubjectrulesreviews", false).review());
    all.add(type(authz, "SubjectAccessReview", "subjectaccessreviews", false).review());
    // scheduling.k8s.io/v1, storage.k8s.io/v1, node.k8s.io/v1
    all.add(type("scheduling.k8s.io", "PriorityClass", "priorityclasses", false, "pc").build());
    all.add(type("storage.k8s.io", "StorageClass", "storageclasses", false, "sc").build());
    all.add(type("node.k8s.io", "RuntimeClass", "runtimeclasses", false).build());
    // apiextensions.k8s.io/v1
    all.add(
        type(
                "apiextensions.k8s.io",
                "CustomResourceDefinition",
                "customresourcedefinitions",
                false,
                "crd",
                "crds")
            .category("api-extensions")
            .sub("status")
            .build());
    return List.copyOf(all);
  }

  private static Builder type(
      String group, String kind, String plural, boolean namespaced, String... shortNames) {
    return new Builder(group, kind, plural, namespaced, List.of(shortNames));
  }

  private static final class Builder {
    private final String group;
    private final String kind;
    private final String plural;
    private final boolean namespaced;
    private final List<String> shortNames;
    private final List<String> categories = new ArrayList<>();
    private final List<String> subresources = new ArrayList<>();
    private String version = "v1";
    private List<String> verbs = ResourceType.VERBS;

    Builder(String group, String kind, String plural, boolean namespaced, List<String> shortNames) {
      this.group = group;
      this.kind = kind;
      this.plural = plural;
      this.namespaced = namespaced;
      this.shortNames = shortNames;
    }

    Builder version(String version) {
      this.version = version;
      return this;
    }

    /** Member of the {@code all} category, so {@code kubectl get all} shows it. */
    Builder all() {
      return category("all");
    }

    Builder category(String category) {
      categories.add(category);
      return this;
    }

    Builder sub(String... names) {
      subresources.addAll(List.of(names));
      return this;
    }

    /** A kind that is only created, whose answer is the request with its status. */
    ResourceType review() {
      verbs = List.of("create");
      return build();
    }

    Builder scalable() {
      return sub("status", "scale");
    }

    ResourceType build() {
      return new ResourceType(
          group,
          version,
          kind,
          plural,
          kind.toLowerCase(Locale.ROOT),
          namespaced,
          shortNames,
          categories,
          verbs,
          subresources,
          null);
    }
  }
}

package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.Defaulting.object;
import static io.k3j.core.apiserver.validation.Defaulting.objects;
import static io.k3j.core.apiserver.validation.Defaulting.set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.ResourceType;

/**
 * Upstream's defaults for built-in kinds (kube-apiserver 1.32), so stored objects read as a real
 * cluster's. Apply before {@link BuiltinValidation#validate}; fields already set are kept.
 */
public final class BuiltinDefaults {
  private BuiltinDefaults() {}

  /** Fills the missing defaulted fields of {@code object} in place. */
  public static void apply(ResourceType type, ObjectNode object) {
    if (type.isCustom()) {
      return;
    }
    switch (type.group() + "/" + type.kind()) {
      case "/Pod" -> PodDefaults.spec(object(object, "spec"));
      case "/Service" -> ServiceDefaults.service(object(object, "spec"));
      case "/Secret" -> set(object, "type", "Opaque");
      case "/Namespace" -> namespace(object);
      case "apps/Deployment" -> WorkloadDefaults.deployment(object(object, "spec"));
      case "apps/ReplicaSet" -> WorkloadDefaults.replicaSet(object(object, "spec"));
      case "apps/StatefulSet" -> WorkloadDefaults.statefulSet(object(object, "spec"));
      case "apps/DaemonSet" -> WorkloadDefaults.daemonSet(object(object, "spec"));
      case "batch/Job" -> WorkloadDefaults.job(object);
      case "batch/CronJob" -> WorkloadDefaults.cronJob(object(object, "spec"));
      case "scheduling.k8s.io/PriorityClass" ->
          set(object, "preemptionPolicy", "PreemptLowerPriority");
      case "rbac.authorization.k8s.io/RoleBinding",
          "rbac.authorization.k8s.io/ClusterRoleBinding" ->
          binding(object);
      default -> {}
    }
  }

  /** The kubernetes finalizer, phase Active and the immutable name label. */
  private static void namespace(ObjectNode namespace) {
    set(object(namespace, "spec"), "finalizers", Defaulting.strings("kubernetes"));
    set(object(namespace, "status"), "phase", "Active");
    String name = namespace.path("metadata").path("name").asText("");
    if (!name.isEmpty()) {
      object(object(namespace, "metadata"), "labels").put("kubernetes.io/metadata.name", name);
    }
  }

  /** roleRef and User/Group subjects default to the RBAC API group. */
  private static void binding(ObjectNode binding) {
    set(object(binding, "roleRef"), "apiGroup", RbacValidation.GROUP);
    for (ObjectNode subject : objects(binding, "subjects")) {
      String kind = subject.path("kind").asText("");
      if (kind.equals("User") || kind.equals("Group")) {
        set(subject, "apiGroup", RbacValidation.GROUP);
      }
    }
  }
}

package io.k3j.core.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.List;

/**
 * Upstream's validation of built-in kinds (kube-apiserver 1.32): the same field paths, reasons and
 * messages a real cluster returns in an Invalid status. Run {@link BuiltinDefaults#apply} first:
 * like upstream, this rejects fields the defaults would have filled.
 */
public final class BuiltinValidation {
  private BuiltinValidation() {}

  /**
   * The causes of an Invalid error for {@code object}, empty when it is valid.
   *
   * @param old the stored object on update, null on create
   */
  public static List<ApiException.Cause> validate(
      ResourceType type, JsonNode object, JsonNode old) {
    FieldErrors errors = new FieldErrors();
    if (type.isCustom()) {
      return errors.causes();
    }
    String kind = type.group() + "/" + type.kind();
    JsonNode metadata = object.path("metadata");
    MetadataValidation.validate(metadata, nameRule(kind), errors);
    if (old != null) {
      MetadataValidation.validateUpdate(metadata, old.path("metadata"), errors);
    }
    kindRules(kind, object, old, errors);
    return errors.causes();
  }

  private static NameRule nameRule(String kind) {
    return switch (kind) {
      case "/Namespace", "apps/StatefulSet" -> NameRule.DNS1123_LABEL;
      case "/Service" -> NameRule.DNS1035_LABEL;
      case "rbac.authorization.k8s.io/Role",
          "rbac.authorization.k8s.io/ClusterRole",
          "rbac.authorization.k8s.io/RoleBinding",
          "rbac.authorization.k8s.io/ClusterRoleBinding" ->
          NameRule.PATH_SEGMENT;
      default -> NameRule.DNS1123_SUBDOMAIN;
    };
  }

  private static void kindRules(String kind, JsonNode object, JsonNode old, FieldErrors errors) {
    JsonNode spec = object.path("spec");
    JsonNode oldSpec = old == null ? null : old.path("spec");
    switch (kind) {
      case "/Pod" -> PodSpecValidation.spec(spec, "spec", errors);
      case "/Service" -> ServiceValidation.service(spec, errors);
      case "/ConfigMap" -> ConfigDataValidation.configMap(object, old, errors);
      case "/Secret" -> ConfigDataValidation.secret(object, old, errors);
      case "/Namespace" -> ClusterValidation.namespace(object, errors);
      case "/Node" -> ClusterValidation.node(object, errors);
      case "/Event" -> EventValidation.event(object, errors);
      case "apps/Deployment" -> {
        WorkloadValidation.deployment(spec, errors);
        selectorUpdate(spec, oldSpec, errors);
      }
      case "apps/ReplicaSet" -> {
        WorkloadValidation.replicaSet(spec, errors);
        selectorUpdate(spec, oldSpec, errors);
      }
      case "apps/StatefulSet" -> {
        WorkloadValidation.statefulSet(spec, errors);
        if (oldSpec != null) {
          WorkloadValidation.statefulSetUpdate(spec, oldSpec, errors);
        }
      }
      case "apps/DaemonSet" -> {
        WorkloadValidation.daemonSet(spec, errors);
        selectorUpdate(spec, oldSpec, errors);
      }
      case "batch/Job" -> JobValidation.job(object, old, errors);
      case "batch/CronJob" -> JobValidation.cronJob(object, old, errors);
      case "coordination.k8s.io/Lease" -> LeaseValidation.lease(spec, errors);
      case "scheduling.k8s.io/PriorityClass" ->
          ClusterValidation.priorityClass(object, old, errors);
      case "policy/PodDisruptionBudget" -> DisruptionBudgetValidation.budget(spec, errors);
      case "networking.k8s.io/Ingress" -> IngressValidation.ingress(spec, errors);
      case "rbac.authorization.k8s.io/Role" -> RbacValidation.role(object, true, errors);
      case "rbac.authorization.k8s.io/ClusterRole" -> RbacValidation.role(object, false, errors);
      case "rbac.authorization.k8s.io/RoleBinding" ->
          RbacValidation.binding(object, old, true, errors);
      case "rbac.authorization.k8s.io/ClusterRoleBinding" ->
          RbacValidation.binding(object, old, false, errors);
      default -> {}
    }
  }

  private static void selectorUpdate(JsonNode spec, JsonNode oldSpec, FieldErrors errors) {
    if (oldSpec != null) {
      WorkloadValidation.selectorUpdate(spec, oldSpec, errors);
    }
  }
}

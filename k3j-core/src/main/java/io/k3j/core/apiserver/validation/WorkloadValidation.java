package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.FieldPath.child;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.Selector;
import java.util.List;
import java.util.Objects;

/** Upstream's apps/v1 checks: Deployment, ReplicaSet, StatefulSet and DaemonSet. */
final class WorkloadValidation {
  private static final List<String> ALWAYS = List.of("Always");

  private WorkloadValidation() {}

  static void deployment(JsonNode spec, FieldErrors errors) {
    NumberChecks.nonNegative(spec, "replicas", "spec", errors);
    selectorAndTemplate(spec, "deployment", errors);
    strategy(spec.path("strategy"), errors);
    NumberChecks.nonNegative(spec, "minReadySeconds", "spec", errors);
    NumberChecks.nonNegative(spec, "revisionHistoryLimit", "spec", errors);
    JsonNode deadline = spec.path("progressDeadlineSeconds");
    if (deadline.isNumber()) {
      NumberChecks.nonNegative(spec, "progressDeadlineSeconds", "spec", errors);
      if (deadline.asLong() <= spec.path("minReadySeconds").asLong(0)) {
        errors.invalid(
            "spec.progressDeadlineSeconds",
            deadline.asLong(),
            "must be greater than minReadySeconds");
      }
    }
  }

  static void replicaSet(JsonNode spec, FieldErrors errors) {
    NumberChecks.nonNegative(spec, "replicas", "spec", errors);
    NumberChecks.nonNegative(spec, "minReadySeconds", "spec", errors);
    selectorAndTemplate(spec, "deployment", errors);
  }

  /** StatefulSet; in 1.32 {@code serviceName} is optional and its format is not checked. */
  static void statefulSet(JsonNode spec, FieldErrors errors) {
    String policy = spec.path("podManagementPolicy").asText("");
    if (policy.isEmpty()) {
      errors.required("spec.podManagementPolicy", "");
    } else if (!policy.equals("OrderedReady") && !policy.equals("Parallel")) {
      errors.invalid("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'");
    }
    JsonNode strategy = spec.path("updateStrategy");
    String type = strategy.path("type").asText("");
    switch (type) {
      case "" -> errors.required("spec.updateStrategy", "");
      case "RollingUpdate" ->
          NumberChecks.nonNegative(
              strategy.path("rollingUpdate"),
              "partition",
              "spec.updateStrategy.rollingUpdate",
              errors);
      case "OnDelete" -> {
        if (strategy.has("rollingUpdate")) {
          errors.invalid(
              "spec.updateStrategy.rollingUpdate",
              new GoLiteral(
                  "apps.RollingUpdateStatefulSetStrategy{Partition:"
                      + strategy.path("rollingUpdate").path("partition").asLong(0)
                      + ", MaxUnavailable:(*intstr.IntOrString)(nil)}"),
              "only allowed for updateStrategy 'RollingUpdate'");
        }
      }
      default ->
          errors.invalid("spec.updateStrategy", type, "must be 'RollingUpdate' or 'OnDelete'");
    }
    NumberChecks.nonNegative(spec, "replicas", "spec", errors);
    NumberChecks.nonNegative(spec, "minReadySeconds", "spec", errors);
    selectorAndTemplate(spec, "statefulset", errors);
  }

  static void daemonSet(JsonNode spec, FieldErrors errors) {
    selectorAndTemplate(spec, "daemonset", errors);
    NumberChecks.nonNegative(spec, "minReadySeconds", "spec", errors);
    NumberChecks.nonNegative(spec, "revisionHistoryLimit", "spec", errors);
    JsonNode strategy = spec.path("updateStrategy");
    String type = strategy.path("type").asText("");
    if (type.isEmpty()) {
      errors.required("spec.updateStrategy.type", "");
    } else if (!type.equals("OnDelete") && !type.equals("RollingUpdate")) {
      errors.notSupported("spec.updateStrategy.type", type, List.of("OnDelete", "RollingUpdate"));
    }
  }

  /** apps/v1 selectors are immutable. */
  static void selectorUpdate(JsonNode spec, JsonNode oldSpec, FieldErrors errors) {
    if (!Objects.equals(spec.path("selector"), oldSpec.path("selector"))) {
      errors.invalid(
          "spec.selector", GoLiteral.selector(spec.path("selector")), "field is immutable");
    }
  }

  /**
   * StatefulSet updates may change only replicas, ordinals, template, updateStrategy,
   * persistentVolumeClaimRetentionPolicy and minReadySeconds.
   */
  static void statefulSetUpdate(JsonNode spec, JsonNode oldSpec, FieldErrors errors) {
    List<String> mutable =
        List.of(
            "replicas",
            "ordinals",
            "template",
            "updateStrategy",
            "persistentVolumeClaimRetentionPolicy",
            "minReadySeconds");
    if (!withoutFields(spec, mutable).equals(withoutFields(oldSpec, mutable))) {
      errors.forbidden(
          "spec",
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template',"
              + " 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds'"
              + " are forbidden");
    }
  }

  private static JsonNode withoutFields(JsonNode spec, List<String> fields) {
    if (!spec.isObject()) {
      return spec;
    }
    ObjectNode copy = ((ObjectNode) spec).deepCopy();
    copy.remove(fields);
    return copy;
  }

  /** The selector is required, not empty, and selects the template, which restarts Always. */
  private static void selectorAndTemplate(JsonNode spec, String kind, FieldErrors errors) {
    JsonNode selector = spec.path("selector");
    if (!selector.isObject()) {
      errors.required("spec.selector", "");
    } else {
      LabelSelectors.validate(selector, "spec.selector", errors);
      if (LabelSelectors.isEmpty(selector)) {
        errors.invalid(
            "spec.selector", GoLiteral.selector(selector), "empty selector is invalid for " + kind);
      }
    }
    JsonNode template = spec.path("template");
    if (!template.isObject()) {
      errors.required("spec.template", "");
      return;
    }
    JsonNode labels = template.path("metadata").path("labels");
    if (selector.isObject()
        && !LabelSelectors.isEmpty(selector)
        && !Selector.matches(selector, labels)) {
      errors.invalid(
          "spec.template.metadata.labels",
          GoLiteral.stringMap(labels),
          "`selector` does not match template `labels`");
    }
    PodSpecValidation.template(template, "spec.template", errors);
    String restartPolicy = template.path("spec").path("restartPolicy").asText("");
    if (!restartPolicy.isEmpty() && !restartPolicy.equals("Always")) {
      errors.notSupported("spec.template.spec.restartPolicy", restartPolicy, ALWAYS);
    }
    JsonNode deadline = template.path("spec").path("activeDeadlineSeconds");
    String deadlinePath = "spec.template.spec.activeDeadlineSeconds";
    if (deadline.isNumber()) {
      String message =
          "activeDeadlineSeconds in "
              + switch (kind) {
                case "statefulset" -> "StatefulSet";
                case "daemonset" -> "DaemonSet";
                default -> "ReplicaSet";
              }
              + " is not Supported";
      if (kind.equals("statefulset")) {
        errors.forbidden(deadlinePath, message);
      } else {
        errors.invalid(deadlinePath, deadline.asLong(), message);
      }
    }
  }

  private static void strategy(JsonNode strategy, FieldErrors errors) {
    String type = strategy.path("type").asText("");
    switch (type) {
      case "Recreate" -> {
        if (strategy.has("rollingUpdate")) {
          errors.forbidden(
              "spec.strategy.rollingUpdate",
              "may not be specified when strategy `type` is 'Recreate'");
        }
      }
      case "RollingUpdate" -> rollingUpdate(strategy.path("rollingUpdate"), errors);
      default -> errors.notSupported("spec.strategy", type, List.of("Recreate", "RollingUpdate"));
    }
  }

  private static void rollingUpdate(JsonNode rollingUpdate, FieldErrors errors) {
    String path = "spec.strategy.rollingUpdate";
    JsonNode maxUnavailable = rollingUpdate.path("maxUnavailable");
    JsonNode maxSurge = rollingUpdate.path("maxSurge");
    NumberChecks.positiveIntOrPercent(maxUnavailable, child(path, "maxUnavailable"), errors);
    NumberChecks.positiveIntOrPercent(maxSurge, child(path, "maxSurge"), errors);
    if (NumberChecks.intOrPercentValue(maxUnavailable) == 0
        && NumberChecks.intOrPercentValue(maxSurge) == 0) {
      errors.invalid(
          child(path, "maxUnavailable"),
          GoLiteral.intOrString(maxUnavailable),
          "may not be 0 when `maxSurge` is 0");
    }
    NumberChecks.notMoreThan100Percent(maxUnavailable, child(path, "maxUnavailable"), errors);
  }
}

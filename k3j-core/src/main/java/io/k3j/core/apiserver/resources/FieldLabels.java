package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The field selector labels each built-in kind supports besides {@code metadata.name} and {@code
 * metadata.namespace} (kube-apiserver's per-kind {@code GetAttrs} / field label conversion), e.g.
 * {@code spec.nodeName} of pods, which {@code kubectl drain} lists by.
 */
final class FieldLabels {
  private static final Map<String, List<String>> BY_KIND =
      Map.of(
          "pods",
          List.of(
              "spec.nodeName",
              "spec.restartPolicy",
              "spec.schedulerName",
              "spec.serviceAccountName",
              "spec.hostNetwork",
              "status.phase",
              "status.podIP",
              "status.nominatedNodeName"),
          "nodes",
          List.of("spec.unschedulable"),
          "secrets",
          List.of("type"),
          "namespaces",
          List.of("status.phase"),
          "events",
          List.of(
              "involvedObject.kind",
              "involvedObject.namespace",
              "involvedObject.name",
              "involvedObject.uid",
              "involvedObject.apiVersion",
              "involvedObject.resourceVersion",
              "involvedObject.fieldPath",
              "reason",
              "reportingComponent",
              "source",
              "type"),
          "replicationcontrollers",
          List.of("status.replicas"),
          "replicasets",
          List.of("status.replicas"),
          "jobs",
          List.of("status.successful"));

  private FieldLabels() {}

  /** The labels {@code type} supports beyond the metadata ones; none for custom resources. */
  static List<String> of(ResourceType type) {
    if (type == null || type.isCustom() || type.group().equals("events.k8s.io")) {
      return List.of();
    }
    return BY_KIND.getOrDefault(type.plural(), List.of());
  }

  /**
   * The value of a field label in an object, as upstream renders it: the text of a string,
   * "true"/"false" of a boolean, the number, or "" when absent ({@code source} is the event's
   * {@code source.component}).
   */
  static String value(JsonNode object, String label) {
    JsonNode node = object;
    for (String part : (label.equals("source") ? "source.component" : label).split("\\.")) {
      node = node.path(part);
    }
    if (node.isMissingNode() || node.isNull()) {
      return label.equals("spec.unschedulable") || label.equals("spec.hostNetwork") ? "false" : "";
    }
    return node.asText();
  }
}

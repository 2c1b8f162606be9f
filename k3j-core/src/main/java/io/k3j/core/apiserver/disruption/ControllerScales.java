package io.k3j.core.apiserver.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.resources.BuiltinResources;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.Optional;

/**
 * The controllers the disruption controller knows, as upstream's finders: ReplicationController,
 * ReplicaSet (or the Deployment that controls it) and StatefulSet, each by name and uid, with
 * {@code spec.replicas} (1 when unset) as the scale.
 */
final class ControllerScales implements BudgetStatus.Controllers {
  private final ObjectStore store;

  ControllerScales(ObjectStore store) {
    this.store = store;
  }

  @Override
  public Optional<BudgetStatus.Scale> of(String namespace, JsonNode ref) {
    String apiVersion = ref.path("apiVersion").asText("");
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    switch (group + "/" + ref.path("kind").asText()) {
      case "/ReplicationController":
        return scale(namespace, "", "replicationcontrollers", ref);
      case "apps/StatefulSet":
        return scale(namespace, "apps", "statefulsets", ref);
      case "apps/ReplicaSet":
        Optional<JsonNode> replicaSet = find(namespace, "apps", "replicasets", ref);
        if (replicaSet.isEmpty()) {
          return Optional.empty();
        }
        JsonNode owner = BudgetStatus.controllerOf(replicaSet.get());
        if (owner != null && "Deployment".equals(owner.path("kind").asText())) {
          return scale(namespace, "apps", "deployments", owner);
        }
        return replicaSet.map(ControllerScales::scaleOf);
      default:
        return Optional.empty();
    }
  }

  private Optional<BudgetStatus.Scale> scale(
      String namespace, String group, String plural, JsonNode ref) {
    return find(namespace, group, plural, ref).map(ControllerScales::scaleOf);
  }

  private Optional<JsonNode> find(String namespace, String group, String plural, JsonNode ref) {
    ResourceType type = builtin(group, plural);
    try {
      JsonNode object = store.get(type, namespace, ref.path("name").asText());
      return ref.path("uid").asText().equals(object.path("metadata").path("uid").asText())
          ? Optional.of(object)
          : Optional.empty();
    } catch (ApiException e) {
      if (e.code() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static BudgetStatus.Scale scaleOf(JsonNode controller) {
    return new BudgetStatus.Scale(
        controller.path("metadata").path("uid").asText(),
        controller.path("spec").path("replicas").asInt(1));
  }

  static ResourceType builtin(String group, String plural) {
    return BuiltinResources.all().stream()
        .filter(t -> t.group().equals(group) && t.plural().equals(plural))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no built-in " + plural + "." + group));
  }
}

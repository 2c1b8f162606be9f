package io.k3j.core.apiserver.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.Selector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status a PodDisruptionBudget should have, as a pure function of the budget, the pods of its
 * namespace and the scale of their controllers (kube-controller-manager's disruption controller:
 * {@code getExpectedPodCount}, {@code buildDisruptedPodMap}, {@code countHealthyPods}, {@code
 * updatePdbStatus}, {@code failSafe}).
 */
public final class BudgetStatus {
  /** How long an eviction's entry in {@code disruptedPods} keeps its pod out of the count. */
  static final Duration DELETION_TIMEOUT = Duration.ofMinutes(2);

  static final String DISRUPTION_ALLOWED = "DisruptionAllowed";

  /** The controller of a pod and how many pods it wants. */
  public record Scale(String uid, int replicas) {}

  /** Finds the scale of the controller a pod's controller reference names, if it exists. */
  @FunctionalInterface
  public interface Controllers {
    Optional<Scale> of(String namespace, JsonNode controllerRef);
  }

  /**
   * @param status the budget's new status
   * @param recheck when an entry of {@code disruptedPods} expires, or null
   */
  public record Result(ObjectNode status, Instant recheck) {}

  private BudgetStatus() {}

  /** The pods of {@code pods} the budget's selector matches (none for a missing selector). */
  public static List<JsonNode> selected(JsonNode budget, List<JsonNode> pods) {
    String namespace = budget.path("metadata").path("namespace").asText();
    List<JsonNode> selected = new ArrayList<>();
    for (JsonNode pod : pods) {
      if (namespace.equals(pod.path("metadata").path("namespace").asText())
          && Selector.matches(
              budget.path("spec").path("selector"), pod.path("metadata").path("labels"))) {
        selected.add(pod);
      }
    }
    return selected;
  }

  public static Result compute(
      JsonNode budget, List<JsonNode> pods, Controllers controllers, Instant now) {
    List<JsonNode> selected = selected(budget, pods);
    int expected;
    int desired;
    try {
      int[] counts = expectedAndDesired(budget, selected, controllers);
      expected = counts[0];
      desired = counts[1];
    } catch (IllegalStateException | IllegalArgumentException e) {
      return new Result(failSafe(budget, e.getMessage(), now), null);
    }
    Map<String, String> disrupted = new LinkedHashMap<>();
    Instant recheck = null;
    JsonNode recorded = budget.path("status").path("disruptedPods");
    for (JsonNode pod : selected) {
      String name = pod.path("metadata").path("name").asText();
      if (pod.path("metadata").hasNonNull("deletionTimestamp") || !recorded.has(name)) {
        continue;
      }
      Instant expectedDeletion = Instant.parse(recorded.get(name).asText()).plus(DELETION_TIMEOUT);
      if (!expectedDeletion.isBefore(now)) {
        disrupted.put(name, recorded.get(name).asText());
        recheck =
            recheck == null || expectedDeletion.isBefore(recheck) ? expectedDeletion : recheck;
      }
    }
    int healthy = 0;
    for (JsonNode pod : selected) {
      JsonNode metadata = pod.path("metadata");
      if (!metadata.hasNonNull("deletionTimestamp")
          && !disrupted.containsKey(metadata.path("name").asText())
          && Conditions.isReady(pod)) {
        healthy++;
      }
    }
    int allowed = expected <= 0 ? 0 : Math.max(0, healthy - desired);
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    if (!disrupted.isEmpty()) {
      ObjectNode map = status.putObject("disruptedPods");
      disrupted.forEach(map::put);
    }
    status.put("disruptionsAllowed", allowed);
    status.put("currentHealthy", healthy);
    status.put("desiredHealthy", desired);
    status.put("expectedPods", expected);
    long generation = budget.path("metadata").path("generation").asLong(0);
    if (generation > 0) {
      status.put("observedGeneration", generation);
    }
    copyConditions(budget, status);
    setAllowedCondition(status, now);
    return new Result(status, recheck);
  }

  /**
   * {@code [expectedPods, desiredHealthy]}: an integer minAvailable counts the selected pods; a
   * percentage, or maxUnavailable, scales against the replicas of the pods' controllers.
   */
  private static int[] expectedAndDesired(
      JsonNode budget, List<JsonNode> pods, Controllers controllers) {
    JsonNode spec = budget.path("spec");
    if (spec.hasNonNull("maxUnavailable")) {
      int expected = expectedScale(pods, controllers);
      int unavailable = IntOrPercent.scaled(spec.get("maxUnavailable"), expected);
      return new int[] {expected, Math.max(0, expected - unavailable)};
    }
    if (spec.hasNonNull("minAvailable")) {
      JsonNode min = spec.get("minAvailable");
      if (!IntOrPercent.isPercent(min)) {
        return new int[] {pods.size(), min.asInt()};
      }
      int expected = expectedScale(pods, controllers);
      return new int[] {expected, IntOrPercent.scaled(min, expected)};
    }
    return new int[] {0, 0};
  }

  /**
   * The sum of the replicas of the distinct controllers of the pods; pods without a controller are
   * left out, as upstream does (it warns with an Event).
   */
  private static int expectedScale(List<JsonNode> pods, Controllers controllers) {
    Map<String, Integer> scales = new LinkedHashMap<>();
    for (JsonNode pod : pods) {
      JsonNode ref = controllerOf(pod);
      if (ref == null || scales.containsKey(ref.path("uid").asText())) {
        continue;
      }
      String namespace = pod.path("metadata").path("namespace").asText();
      Scale scale =
          controllers
              .of(namespace, ref)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "found no controllers for pod \""
                              + pod.path("metadata").path("name").asText()
                              + "\""));
      scales.put(ref.path("uid").asText(), 0);
      scales.put(scale.uid(), scale.replicas());
    }
    return scales.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The ownerReference with {@code controller: true}, or null. */
  static JsonNode controllerOf(JsonNode pod) {
    for (JsonNode ref : pod.path("metadata").path("ownerReferences")) {
      if (ref.path("controller").asBoolean(false)) {
        return ref;
      }
    }
    return null;
  }

  /** No disruption allowed, with the reason the status could not be computed. */
  private static ObjectNode failSafe(JsonNode budget, String message, Instant now) {
    JsonNode old = budget.path("status");
    ObjectNode status =
        old.isObject() ? ((ObjectNode) old).deepCopy() : JsonNodeFactory.instance.objectNode();
    status.put("disruptionsAllowed", 0);
    ObjectNode condition = JsonNodeFactory.instance.objectNode();
    condition.put("type", DISRUPTION_ALLOWED).put("status", "False").put("reason", "SyncFailed");
    condition.put("message", message);
    condition.put("observedGeneration", status.path("observedGeneration").asLong(0));
    Conditions.set(status, condition, now);
    return status;
  }

  private static void copyConditions(JsonNode budget, ObjectNode status) {
    JsonNode conditions = budget.path("status").path("conditions");
    if (conditions.isArray()) {
      status.set("conditions", conditions.deepCopy());
    }
  }

  /** Upstream's {@code UpdateDisruptionAllowedCondition}. */
  static void setAllowedCondition(ObjectNode status, Instant now) {
    boolean allowed = status.path("disruptionsAllowed").asInt() > 0;
    ObjectNode condition = JsonNodeFactory.instance.objectNode();
    condition.put("type", DISRUPTION_ALLOWED);
    condition.put("status", allowed ? "True" : "False");
    condition.put("reason", allowed ? "SufficientPods" : "InsufficientPods");
    condition.put("message", "");
    condition.put("observedGeneration", status.path("observedGeneration").asLong(0));
    Conditions.set(status, condition, now);
  }
}

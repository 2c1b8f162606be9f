package io.k3j.core.apiserver.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.Reply;
import io.k3j.core.apiserver.Status;
import io.k3j.core.apiserver.gc.DeleteOptions;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.apiserver.resources.ResourceHandler;
import io.k3j.core.apiserver.resources.ResourceType;
import io.k3j.core.datastore.KeyValue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/namespaces/{ns}/pods/{name}/eviction} as kube-apiserver's {@code
 * EvictionREST}: a terminal, pending or already deleting pod is deleted at once; a pod covered by
 * one PodDisruptionBudget is deleted only when the budget allows a disruption, which is consumed
 * first; otherwise 429 TooManyRequests with a {@code DisruptionBudget} cause.
 */
public final class Evictions {
  private static final Logger log = LoggerFactory.getLogger(Evictions.class);
  static final String VIOLATION =
      "Cannot evict pod as it would violate the pod's disruption budget.";
  private static final Set<String> API_VERSIONS = Set.of("policy/v1", "policy/v1beta1");
  private static final int MAX_DISRUPTED_PODS = 2000;
  private static final int ATTEMPTS = 5;

  private final ObjectStore store;
  private final Clock clock;
  private final ResourceType pods = ControllerScales.builtin("", "pods");
  private final ResourceType budgets = ControllerScales.builtin("policy", "poddisruptionbudgets");

  public Evictions(ObjectStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public Reply evict(ApiRequest request, String namespace, String name) {
    if (!request.method().equals("POST")) {
      throw new ApiException(
          405,
          "MethodNotAllowed",
          "the server does not allow this method on the requested resource: " + request.method());
    }
    DeleteOptions options = options(ResourceHandler.body(request), request, namespace, name);
    ObjectNode pod = store.get(pods, namespace, name);
    if (canIgnoreBudgets(pod)) {
      delete(namespace, name, options);
      return success();
    }
    List<ObjectNode> matching = budgetsFor(pod);
    if (matching.size() > 1) {
      throw new ApiException(
          500,
          "InternalError",
          "This pod has more than one PodDisruptionBudget, which the eviction subresource does"
              + " not support.");
    }
    DeleteOptions deleteWith = options;
    if (matching.size() == 1) {
      ObjectNode budget = matching.get(0);
      String budgetName = budget.path("metadata").path("name").asText();
      if (unhealthyMayGo(pod, budget)) {
        deleteWith =
            options.resourceVersion() == null
                ? options.withResourceVersion(pod.path("metadata").path("resourceVersion").asText())
                : options;
      } else {
        consume(budget, name, options.dryRun());
      }
      try {
        delete(namespace, name, deleteWith);
      } catch (ApiException e) {
        if (e.code() == 409 && deleteWith != options) {
          throw tooManyRequests(processing(budgetName));
        }
        throw e;
      }
      log.info("pod {}/{} evicted within poddisruptionbudget {}", namespace, name, budgetName);
      return success();
    }
    delete(namespace, name, deleteWith);
    log.info("pod {}/{} evicted", namespace, name);
    return success();
  }

  /** The Eviction's checks: kind, name and namespace as on the URL; its DeleteOptions. */
  private static DeleteOptions options(
      ObjectNode eviction, ApiRequest request, String namespace, String name) {
    String kind = eviction.path("kind").asText("Eviction");
    String apiVersion = eviction.path("apiVersion").asText("policy/v1");
    if (!kind.equals("Eviction") || !API_VERSIONS.contains(apiVersion)) {
      throw ApiException.badRequest(
          "the body must be a policy/v1 or policy/v1beta1 Eviction, not "
              + apiVersion
              + " "
              + kind);
    }
    JsonNode metadata = eviction.path("metadata");
    if (!name.equals(metadata.path("name").asText(""))) {
      throw ApiException.badRequest("name in URL does not match name in Eviction object");
    }
    String given = metadata.path("namespace").asText("");
    if (!given.isEmpty() && !given.equals(namespace)) {
      throw ApiException.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request");
    }
    String dryRun = request.param("dryRun");
    if (dryRun != null && !dryRun.isEmpty() && !dryRun.equals("All")) {
      throw ApiException.badRequest(
          "Unsupported value: \"" + dryRun + "\": supported values: \"All\"");
    }
    return DeleteOptions.fromJson(eviction.get("deleteOptions"), "All".equals(dryRun));
  }

  /** Terminal, pending and already deleting pods have no disruption left to budget. */
  private static boolean canIgnoreBudgets(JsonNode pod) {
    String phase = pod.path("status").path("phase").asText("");
    return phase.equals("Succeeded")
        || phase.equals("Failed")
        || phase.equals("Pending")
        || pod.path("metadata").hasNonNull("deletionTimestamp");
  }

  /** The budgets of the pod's namespace whose non-empty selector matches its labels. */
  private List<ObjectNode> budgetsFor(JsonNode pod) {
    String namespace = pod.path("metadata").path("namespace").asText();
    List<ObjectNode> matching = new ArrayList<>();
    for (KeyValue kv : store.backend().list(budgets.keyPrefix(namespace), 0, 0, null).items()) {
      ObjectNode budget = ObjectStore.decode(budgets, kv);
      JsonNode selector = budget.path("spec").path("selector");
      boolean empty =
          selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty();
      if (!empty
          && io.k3j.core.apiserver.resources.Selector.matches(
              selector, pod.path("metadata").path("labels"))) {
        matching.add(budget);
      }
    }
    return matching;
  }

  /**
   * An unready pod may go without consuming the budget when the budget says AlwaysAllow, or (the
   * default IfHealthyBudget) when enough pods are healthy anyway.
   */
  private static boolean unhealthyMayGo(JsonNode pod, JsonNode budget) {
    if (Conditions.isReady(pod)) {
      return false;
    }
    if ("AlwaysAllow".equals(budget.path("spec").path("unhealthyPodEvictionPolicy").asText())) {
      return true;
    }
    JsonNode status = budget.path("status");
    int desired = status.path("desiredHealthy").asInt(0);
    return status.path("currentHealthy").asInt(0) >= desired && desired > 0;
  }

  /**
   * Takes one disruption from the budget (upstream's {@code checkAndDecrement}), recording the pod
   * in {@code disruptedPods}; re-reads the budget when it changed meanwhile.
   */
  private void consume(ObjectNode budget, String podName, boolean dryRun) {
    ObjectNode current = budget;
    for (int attempt = 1; ; attempt++) {
      ObjectNode next = decrement(current, podName, dryRun);
      if (dryRun) {
        return;
      }
      JsonNode metadata = current.path("metadata");
      try {
        store.updateStatus(
            budgets, metadata.path("namespace").asText(), metadata.path("name").asText(), next);
        return;
      } catch (ApiException e) {
        if (e.code() != 409 || attempt == ATTEMPTS) {
          throw e.code() == 409
              ? new ApiException(
                  504,
                  "Timeout",
                  "couldn't update PodDisruptionBudget \""
                      + metadata.path("name").asText()
                      + "\" due to conflicts")
              : e;
        }
        current =
            store.get(budgets, metadata.path("namespace").asText(), metadata.path("name").asText());
      }
    }
  }

  private ObjectNode decrement(ObjectNode budget, String podName, boolean dryRun) {
    String name = budget.path("metadata").path("name").asText();
    JsonNode status = budget.path("status");
    if (status.path("observedGeneration").asLong(0)
        < budget.path("metadata").path("generation").asLong(0)) {
      throw tooManyRequests(processing(name));
    }
    int allowed = status.path("disruptionsAllowed").asInt(0);
    if (allowed < 0) {
      throw forbidden(name, "pdb disruptions allowed is negative");
    }
    if (status.path("disruptedPods").size() > MAX_DISRUPTED_PODS) {
      throw forbidden(
          name, "DisruptedPods map too big - too many evictions not confirmed by PDB controller");
    }
    if (allowed == 0) {
      JsonNode condition =
          Conditions.find(status.path("conditions"), BudgetStatus.DISRUPTION_ALLOWED);
      String cause =
          "False".equals(condition.path("status").asText())
              ? "The disruption budget "
                  + name
                  + " needs "
                  + status.path("desiredHealthy").asInt(0)
                  + " healthy pods and has "
                  + status.path("currentHealthy").asInt(0)
                  + " currently"
              : null;
      throw tooManyRequests(cause);
    }
    ObjectNode next = budget.deepCopy();
    ObjectNode nextStatus = (ObjectNode) next.get("status");
    nextStatus.put("disruptionsAllowed", allowed - 1);
    Instant now = Instant.now(clock);
    if (allowed - 1 == 0) {
      BudgetStatus.setAllowedCondition(nextStatus, now);
    }
    if (!dryRun) {
      JsonNode disrupted = nextStatus.path("disruptedPods");
      ObjectNode map =
          disrupted.isObject() ? (ObjectNode) disrupted : nextStatus.putObject("disruptedPods");
      map.put(podName, now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    }
    return next;
  }

  /**
   * Marks the pod with the {@code DisruptionTarget} condition through its status, then deletes it
   * with the eviction's options.
   */
  private void delete(String namespace, String name, DeleteOptions options) {
    DeleteOptions deleteWith = options;
    if (!options.dryRun()) {
      for (int attempt = 1; ; attempt++) {
        ObjectNode pod = store.get(pods, namespace, name);
        checkPreconditions(pod, options);
        ObjectNode condition = JsonNodeFactory.instance.objectNode();
        condition.put("type", "DisruptionTarget").put("status", "True");
        condition.put("reason", "EvictionByEvictionAPI").put("message", "Eviction API: evicting");
        JsonNode status = pod.path("status");
        Conditions.set(
            status.isObject() ? (ObjectNode) status : pod.putObject("status"),
            condition,
            Instant.now(clock));
        try {
          ObjectNode written = store.updateStatus(pods, namespace, name, pod);
          if (options.resourceVersion() != null) {
            deleteWith =
                options.withResourceVersion(
                    written.path("metadata").path("resourceVersion").asText());
          }
          break;
        } catch (ApiException e) {
          if (e.code() != 409 || attempt == ATTEMPTS) {
            throw e;
          }
        }
      }
    }
    store.delete(pods, namespace, name, deleteWith);
  }

  private static void checkPreconditions(JsonNode pod, DeleteOptions options) {
    JsonNode metadata = pod.path("metadata");
    boolean uidDiffers =
        options.uid() != null && !options.uid().equals(metadata.path("uid").asText());
    boolean versionDiffers =
        options.resourceVersion() != null
            && !options.resourceVersion().equals(metadata.path("resourceVersion").asText());
    if (uidDiffers || versionDiffers) {
      throw new ApiException(
          409,
          "Conflict",
          "Operation cannot be fulfilled on Pod \""
              + metadata.path("name").asText()
              + "\": the "
              + (uidDiffers ? "UID" : "ResourceVersion")
              + " in the precondition does not match the one in record",
          "pods",
          metadata.path("name").asText(),
          List.of());
    }
  }

  private static String processing(String budget) {
    return "The disruption budget " + budget + " is still being processed by the server.";
  }

  private static ApiException tooManyRequests(String cause) {
    return new ApiException(
        429,
        "TooManyRequests",
        VIOLATION,
        null,
        null,
        cause == null
            ? List.of()
            : List.of(new ApiException.Cause("DisruptionBudget", cause, null)));
  }

  private static ApiException forbidden(String budget, String why) {
    return new ApiException(
        403,
        "Forbidden",
        "poddisruptionbudget.policy \"" + budget + "\" is forbidden: " + why,
        "poddisruptionbudget",
        budget,
        List.of());
  }

  private static Reply success() {
    ObjectNode status = Status.success();
    status.put("code", 201);
    return Reply.json(201, status);
  }
}

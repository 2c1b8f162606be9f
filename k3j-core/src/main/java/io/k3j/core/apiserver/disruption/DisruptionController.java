package io.k3j.core.apiserver.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.gc.ChangeTrigger;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.apiserver.resources.ResourceType;
import io.k3j.core.datastore.Event;
import io.k3j.core.datastore.KeyValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the status of every PodDisruptionBudget up to date ({@link BudgetStatus}): after each
 * change to a pod, a budget or a controller whose scale counts, and again while an eviction's
 * {@code disruptedPods} entry waits to expire. Writes only statuses that changed, through {@code
 * /status} with the budget's resourceVersion.
 */
public final class DisruptionController implements AutoCloseable {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(DisruptionController.class);
  private static final Duration RETRY = Duration.ofSeconds(5);

  private final ObjectStore store;
  private final Clock clock;
  private final ResourceType pods = ControllerScales.builtin("", "pods");
  private final ResourceType budgets = ControllerScales.builtin("policy", "poddisruptionbudgets");
  private final List<String> watched;
  private final ChangeTrigger trigger;

  public DisruptionController(ObjectStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.watched =
        List.of(
            pods.keyPrefix(null),
            budgets.keyPrefix(null),
            ControllerScales.builtin("", "replicationcontrollers").keyPrefix(null),
            ControllerScales.builtin("apps", "replicasets").keyPrefix(null),
            ControllerScales.builtin("apps", "deployments").keyPrefix(null),
            ControllerScales.builtin("apps", "statefulsets").keyPrefix(null));
    this.trigger =
        new ChangeTrigger(
            "k3j-disruption-controller", store.backend(), this::relevant, this::pass, RETRY);
  }

  public void start() {
    trigger.start();
  }

  private boolean relevant(Event event) {
    String key = event.kv().key();
    return watched.stream().anyMatch(key::startsWith);
  }

  /** One pass over every budget; true while an entry of disruptedPods is still to expire. */
  private boolean pass() {
    List<KeyValue> stored = store.backend().list(budgets.keyPrefix(null), 0, 0, null).items();
    if (stored.isEmpty()) {
      return false;
    }
    List<JsonNode> allPods = new ArrayList<>();
    for (KeyValue kv : store.backend().list(pods.keyPrefix(null), 0, 0, null).items()) {
      allPods.add(ObjectStore.decode(pods, kv));
    }
    ControllerScales scales = new ControllerScales(store);
    boolean again = false;
    for (KeyValue kv : stored) {
      ObjectNode budget = ObjectStore.decode(budgets, kv);
      Instant now = Instant.now(clock);
      BudgetStatus.Result result = BudgetStatus.compute(budget, allPods, scales, now);
      again |= result.recheck() != null;
      // Compared as stored: the stored JSON reads numbers back as ints.
      if (!Json.tree(Json.bytes(result.status())).equals(budget.path("status"))) {
        again |= !write(budget, result.status());
      }
    }
    return again;
  }

  /** Writes the new status; false when the budget changed meanwhile (the next pass redoes it). */
  private boolean write(ObjectNode budget, ObjectNode status) {
    JsonNode metadata = budget.path("metadata");
    String namespace = metadata.path("namespace").asText();
    String name = metadata.path("name").asText();
    ObjectNode next = budget.deepCopy();
    next.set("status", status);
    try {
      store.updateStatus(budgets, namespace, name, next);
    } catch (ApiException e) {
      log.debug(
          "poddisruptionbudget {}/{} status not written: {}", namespace, name, e.getMessage());
      return e.code() == 404;
    }
    log.info(
        "poddisruptionbudget {}/{} currentHealthy={} desiredHealthy={} expectedPods={}"
            + " disruptionsAllowed={}",
        namespace,
        name,
        status.path("currentHealthy").asInt(),
        status.path("desiredHealthy").asInt(),
        status.path("expectedPods").asInt(),
        status.path("disruptionsAllowed").asInt());
    return true;
  }

  @Override
  public void close() {
    trigger.close();
  }
}

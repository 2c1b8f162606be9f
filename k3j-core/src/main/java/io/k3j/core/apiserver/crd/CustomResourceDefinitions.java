package io.k3j.core.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.resources.BuiltinResources;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.apiserver.resources.ResourceRegistry;
import io.k3j.core.apiserver.resources.ResourceType;
import io.k3j.core.apiserver.resources.Timestamps;
import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.DatastoreException;
import io.k3j.core.datastore.Event;
import io.k3j.core.datastore.KeyValue;
import io.k3j.core.datastore.ListResult;
import io.k3j.core.datastore.Watch;
import io.k3j.core.datastore.WatchListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves what CustomResourceDefinitions declare: each stored CRD's served versions go into the
 * {@link ResourceRegistry} and the CRD's status says so (NamesAccepted, Established); a deleted
 * CRD's resources are withdrawn and its objects removed. Follows the datastore's watch, so CRDs
 * written by any path take effect within milliseconds, and loads every CRD at start.
 */
public final class CustomResourceDefinitions implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CustomResourceDefinitions.class);

  private final ObjectStore store;
  private final ResourceRegistry registry;
  private final Clock clock;
  private final ResourceType crds = BuiltinResources.customResourceDefinitions();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "k3j-crd-controller");
            thread.setDaemon(true);
            return thread;
          });
  private volatile Watch watch;

  public CustomResourceDefinitions(ObjectStore store, ResourceRegistry registry, Clock clock) {
    this.store = store;
    this.registry = registry;
    this.clock = clock;
  }

  /** Serves every stored CRD, then follows changes. */
  public void start() {
    Backend backend = store.backend();
    ListResult all = backend.list(crds.keyPrefix(null), 0, 0, null);
    for (KeyValue kv : all.items()) {
      reconcile(ObjectStore.decode(crds, kv));
    }
    follow(all.revision());
  }

  private void follow(long revision) {
    watch =
        store
            .backend()
            .watch(
                crds.keyPrefix(null),
                revision,
                new WatchListener() {
                  @Override
                  public void onEvents(List<Event> events) {
                    for (Event event : events) {
                      worker.execute(() -> handle(event));
                    }
                  }

                  @Override
                  public void onClose(DatastoreException reason) {
                    log.warn("CRD watch ended ({}); reloading", reason.getMessage());
                    worker.execute(CustomResourceDefinitions.this::restart);
                  }
                });
  }

  private void restart() {
    if (!worker.isShutdown()) {
      start();
    }
  }

  private void handle(Event event) {
    ObjectNode crd = ObjectStore.decode(crds, event.kv());
    if (event.type() == Event.Type.DELETE) {
      remove(crd);
    } else {
      reconcile(crd);
    }
  }

  private void reconcile(ObjectNode crd) {
    String name = crd.path("metadata").path("name").asText();
    List<ResourceType> types;
    try {
      types = CustomResourceTypes.of(crd);
    } catch (IllegalArgumentException e) {
      log.warn("crd={} cannot be served: {}", name, e.getMessage());
      return;
    }
    String conflict = conflict(name, types);
    if (conflict == null) {
      registry.serve(name, types);
    }
    writeStatus(crd, conflict);
  }

  /** Why the CRD's names clash with a kind already served, or null. */
  private String conflict(String crdName, List<ResourceType> types) {
    for (ResourceType type : types) {
      for (ResourceType served : registry.all()) {
        boolean other = !served.isCustom() || !served.custom().crdName().equals(crdName);
        if (other && served.group().equals(type.group()) && served.plural().equals(type.plural())) {
          return "\"" + type.plural() + "\" is already in use";
        }
      }
    }
    return null;
  }

  private void writeStatus(ObjectNode crd, String conflict) {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    JsonNode previous = crd.path("status");
    ArrayNode conditions = status.putArray("conditions");
    conditions.add(
        condition(
            previous,
            "NamesAccepted",
            conflict == null,
            conflict == null ? "NoConflicts" : "NameConflict",
            conflict == null ? "no conflicts found" : conflict));
    conditions.add(
        condition(
            previous,
            "Established",
            conflict == null,
            conflict == null ? "InitialNamesAccepted" : "NotAccepted",
            conflict == null
                ? "the initial names have been accepted"
                : "not all names are accepted"));
    status.set("acceptedNames", conflict == null ? crd.path("spec").path("names") : names());
    ArrayNode stored = status.putArray("storedVersions");
    previous.path("storedVersions").forEach(stored::add);
    for (JsonNode version : crd.path("spec").path("versions")) {
      boolean listed = false;
      for (JsonNode known : stored) {
        listed |= known.asText().equals(version.path("name").asText());
      }
      if (version.path("storage").asBoolean() && !listed) {
        stored.add(version.path("name").asText());
      }
    }
    if (sameStatus(previous, status)) {
      return;
    }
    ObjectNode next = crd.deepCopy();
    next.set("status", status);
    String name = crd.path("metadata").path("name").asText();
    try {
      store.updateStatus(crds, null, name, next);
      log.info("crd={} established={}", name, conflict == null);
    } catch (ApiException e) {
      // A newer version of the CRD is on its way through the watch and is reconciled then.
      log.debug("crd={} status not written: {}", name, e.getMessage());
    }
  }

  private ObjectNode condition(
      JsonNode previous, String type, boolean ok, String reason, String message) {
    ObjectNode condition = JsonNodeFactory.instance.objectNode();
    condition.put("type", type).put("status", ok ? "True" : "False");
    String since = Timestamps.now(clock);
    for (JsonNode old : previous.path("conditions")) {
      if (old.path("type").asText().equals(type)
          && old.path("status").asText().equals(condition.path("status").asText())) {
        since = old.path("lastTransitionTime").asText(since);
      }
    }
    condition.put("lastTransitionTime", since).put("reason", reason).put("message", message);
    return condition;
  }

  private static ObjectNode names() {
    return JsonNodeFactory.instance.objectNode().put("plural", "").put("kind", "");
  }

  private static boolean sameStatus(JsonNode previous, ObjectNode next) {
    return previous.equals(next);
  }

  private void remove(ObjectNode crd) {
    String name = crd.path("metadata").path("name").asText();
    List<ResourceType> types = new ArrayList<>();
    for (ResourceType type : registry.all()) {
      if (type.isCustom() && type.custom().crdName().equals(name)) {
        types.add(type);
      }
    }
    registry.withdraw(name);
    if (types.isEmpty()) {
      return;
    }
    Backend backend = store.backend();
    ListResult objects = backend.list(types.get(0).keyPrefix(null), 0, 0, null);
    for (KeyValue kv : objects.items()) {
      backend.delete(kv.key(), kv.modRevision()).exceptionally(e -> null).join();
    }
    log.info("crd={} withdrawn; {} objects deleted", name, objects.items().size());
  }

  @Override
  public void close() {
    worker.shutdownNow();
    Watch current = watch;
    if (current != null) {
      current.close();
    }
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

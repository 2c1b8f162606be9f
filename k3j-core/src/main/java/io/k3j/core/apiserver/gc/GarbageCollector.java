package io.k3j.core.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.gc.OwnerGraph.Node;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.apiserver.resources.ResourceRegistry;
import io.k3j.core.apiserver.resources.ResourceType;
import io.k3j.core.datastore.Event;
import io.k3j.core.datastore.KeyValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The garbage collector. After each change to ownerReferences, finalizers or deletionTimestamp, and
 * after the deletion of an owner, it reads one snapshot of every stored object (every kind:
 * built-ins and custom resources, namespaced and cluster-scoped), lets {@link GcPlanner} decide,
 * and writes through the {@link ObjectStore} as any client would. A write that fails is retried
 * with a fresh snapshot a second later.
 */
public final class GarbageCollector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);
  private static final Duration RETRY = Duration.ofSeconds(1);
  private static final String PREFIX = "/registry/";

  private final ObjectStore store;
  private final ResourceRegistry registry;
  private final ChangeTrigger trigger;
  private volatile Set<String> ownerUids = Set.of();

  public GarbageCollector(ObjectStore store, ResourceRegistry registry) {
    this.store = store;
    this.registry = registry;
    this.trigger =
        new ChangeTrigger(
            "k3j-garbage-collector", store.backend(), this::relevant, this::sweep, RETRY);
  }

  /** Collects what is already due, then follows the datastore. */
  public void start() {
    trigger.start();
  }

  /** One pass over a snapshot; true when some write failed and the pass must run again. */
  private boolean sweep() {
    List<Node> nodes = new ArrayList<>();
    for (KeyValue kv : store.backend().list(PREFIX, 0, 0, null).items()) {
      ObjectNode object = parse(kv);
      if (object != null) {
        nodes.add(new Node(kv.key(), object));
      }
    }
    OwnerGraph graph = new OwnerGraph(nodes);
    ownerUids = graph.ownerUids();
    boolean failed = false;
    for (GcAction action : GcPlanner.plan(graph)) {
      failed |= !apply(action);
    }
    return failed;
  }

  /** Applies one decision; false when it failed for a reason other than the object being gone. */
  private boolean apply(GcAction action) {
    Node node = action.node();
    Optional<ResourceType> type = typeOf(node.key());
    if (type.isEmpty()) {
      return true;
    }
    JsonNode metadata = node.object().path("metadata");
    String namespace = type.get().namespaced() ? metadata.path("namespace").asText() : null;
    String name = metadata.path("name").asText();
    try {
      if (action instanceof GcAction.Delete delete) {
        store.delete(
            type.get(),
            namespace,
            name,
            DeleteOptions.of(delete.propagation()).withUid(node.uid()));
      } else if (action instanceof GcAction.RemoveOwnerReferences remove) {
        edit(type.get(), namespace, name, node.uid(), o -> removeReferences(o, remove.ownerUids()));
      } else if (action instanceof GcAction.RemoveFinalizer remove) {
        edit(type.get(), namespace, name, node.uid(), o -> removeFinalizer(o, remove.finalizer()));
      }
      log.debug("gc {} {}/{}: {}", type.get().qualifiedName(), namespace, name, action);
      return true;
    } catch (ApiException e) {
      if (e.code() == 404) {
        return true;
      }
      log.debug(
          "gc {} {}/{} not done: {}", type.get().qualifiedName(), namespace, name, e.getMessage());
      return false;
    }
  }

  /** Changes the current version of the object, if it is still the one with this uid. */
  private void edit(
      ResourceType type, String namespace, String name, String uid, Consumer<ObjectNode> change) {
    ObjectNode current = store.get(type, namespace, name);
    if (uid.equals(current.path("metadata").path("uid").asText())) {
      change.accept(current);
      store.update(type, namespace, name, current);
    }
  }

  private static void removeReferences(ObjectNode object, Set<String> ownerUids) {
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    ArrayNode references = (ArrayNode) metadata.path("ownerReferences");
    for (Iterator<JsonNode> it = references.elements(); it.hasNext(); ) {
      if (ownerUids.contains(it.next().path("uid").asText())) {
        it.remove();
      }
    }
    if (references.isEmpty()) {
      metadata.remove("ownerReferences");
    }
  }

  private static void removeFinalizer(ObjectNode object, String finalizer) {
    List<String> finalizers = Finalizers.of(object);
    finalizers.remove(finalizer);
    Finalizers.set(object, finalizers);
  }

  private Optional<ResourceType> typeOf(String key) {
    return registry.all().stream().filter(t -> key.startsWith(t.keyPrefix(null))).findFirst();
  }

  /** Whether a change can make a decision due: see the class comment. */
  private boolean relevant(Event event) {
    JsonNode now = metadata(event.kv());
    if (event.type() == Event.Type.DELETE) {
      return now.has("ownerReferences") || ownerUids.contains(now.path("uid").asText());
    }
    if (event.type() == Event.Type.CREATE || event.prevKv() == null) {
      return now.has("ownerReferences");
    }
    JsonNode before = metadata(event.prevKv());
    for (String field : List.of("ownerReferences", "finalizers", "deletionTimestamp")) {
      if (!now.path(field).equals(before.path(field))) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode metadata(KeyValue kv) {
    return WatchedMetadata.of(kv.value());
  }

  /** The stored object, or null for a value that is not one (health and bookkeeping keys). */
  private static ObjectNode parse(KeyValue kv) {
    try {
      ObjectNode object = Json.object(kv.value());
      return object.path("metadata").isObject() ? object : null;
    } catch (ApiException e) {
      return null;
    }
  }

  @Override
  public void close() {
    trigger.close();
  }
}

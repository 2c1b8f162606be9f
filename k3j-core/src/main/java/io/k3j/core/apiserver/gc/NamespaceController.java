package io.k3j.core.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.gc.DeleteOptions.Propagation;
import io.k3j.core.apiserver.resources.BuiltinResources;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.apiserver.resources.ResourceRegistry;
import io.k3j.core.apiserver.resources.ResourceType;
import io.k3j.core.datastore.Event;
import io.k3j.core.datastore.KeyValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespace controller (upstream's namespace deleter): for each Namespace being deleted it
 * deletes everything in it, of every namespaced kind served, with Background propagation; reports
 * progress in {@link NamespaceConditions}; and once nothing is left removes the {@code kubernetes}
 * entry from {@code spec.finalizers}, which deletes the Namespace when no other finalizer remains.
 * Runs after every change to a Namespace or to an object in a terminating one, and every few
 * seconds while content remains.
 */
public final class NamespaceController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NamespaceController.class);
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final ObjectStore store;
  private final ResourceRegistry registry;
  private final Clock clock;
  private final ResourceType namespaces = BuiltinResources.namespaces();
  private final ChangeTrigger trigger;
  private volatile Set<String> terminating = Set.of();

  public NamespaceController(ObjectStore store, ResourceRegistry registry, Clock clock) {
    this.store = store;
    this.registry = registry;
    this.clock = clock;
    this.trigger =
        new ChangeTrigger(
            "k3j-namespace-controller", store.backend(), this::relevant, this::pass, RETRY);
  }

  public void start() {
    trigger.start();
  }

  /** Works on every terminating namespace; true while one of them still has content. */
  private boolean pass() {
    Set<String> seen = new HashSet<>();
    boolean again = false;
    for (KeyValue kv : store.backend().list(namespaces.keyPrefix(null), 0, 0, null).items()) {
      ObjectNode namespace = ObjectStore.decode(namespaces, kv);
      if (Finalizers.isDeleting(namespace)) {
        seen.add(namespace.path("metadata").path("name").asText());
        try {
          again |= !terminate(namespace);
        } catch (ApiException e) {
          // Changed or gone meanwhile: the change that did it brings the next pass.
          log.debug("namespace step not done: {}", e.getMessage());
          again = true;
        }
      }
    }
    terminating = Set.copyOf(seen);
    return again;
  }

  /** One step for one namespace; true when nothing is left for this controller to do. */
  private boolean terminate(ObjectNode namespace) {
    String name = namespace.path("metadata").path("name").asText();
    if (!specFinalizers(namespace).contains(Finalizers.KUBERNETES)) {
      if (specFinalizers(namespace).isEmpty() && Finalizers.of(namespace).isEmpty()) {
        // Finalized by an update that did not delete it (a datastore write in between): finish.
        store.delete(namespaces, null, name, DeleteOptions.defaults().withUid(uid(namespace)));
      }
      return true;
    }
    Content content = deleteContent(name);
    ArrayNode conditions =
        NamespaceConditions.of(
            namespace.path("status").path("conditions"),
            content.remaining,
            content.finalizers,
            content.failures,
            ObjectDeleter.timestamp(Instant.now(clock)));
    if (!conditions.equals(namespace.path("status").path("conditions"))) {
      ObjectNode next = namespace.deepCopy();
      ((ObjectNode) next.path("status")).set("conditions", conditions);
      namespace = store.updateStatus(namespaces, null, name, next);
    }
    if (!content.remaining.isEmpty() || !content.failures.isEmpty()) {
      return false;
    }
    ObjectNode finalized = namespace.deepCopy();
    ArrayNode left = ((ObjectNode) finalized.path("spec")).putArray("finalizers");
    specFinalizers(namespace).stream()
        .filter(f -> !f.equals(Finalizers.KUBERNETES))
        .forEach(left::add);
    store.update(namespaces, null, name, finalized);
    log.info("namespace={} content deleted; finalized", name);
    return true;
  }

  /** Deletes every object in the namespace and counts what is left. */
  private Content deleteContent(String namespace) {
    Content content = new Content();
    for (ResourceType type : namespacedKinds()) {
      try {
        ObjectNode list = store.list(type, namespace, item -> true, 0, null, 0);
        for (JsonNode item : list.path("items")) {
          Deletion deletion = deleteItem(type, namespace, item);
          if (deletion != null && !deletion.deleted()) {
            content.remains(type, deletion.object());
          }
        }
      } catch (ApiException e) {
        content.failures.add(e.getMessage());
      }
    }
    return content;
  }

  private Deletion deleteItem(ResourceType type, String namespace, JsonNode item) {
    if (Finalizers.isDeleting(item)) {
      return new Deletion((ObjectNode) item, false);
    }
    try {
      return store.delete(
          type,
          namespace,
          item.path("metadata").path("name").asText(),
          DeleteOptions.of(Propagation.BACKGROUND).withUid(uid(item)));
    } catch (ApiException e) {
      if (e.code() == 404) {
        return null;
      }
      throw e;
    }
  }

  /** One type per stored collection: the versions of a group share their objects. */
  private Collection<ResourceType> namespacedKinds() {
    Map<String, ResourceType> byPrefix = new LinkedHashMap<>();
    for (ResourceType type : registry.all()) {
      if (type.namespaced()) {
        byPrefix.putIfAbsent(type.keyPrefix(null), type);
      }
    }
    return byPrefix.values();
  }

  private boolean relevant(Event event) {
    if (event.kv().key().startsWith(namespaces.keyPrefix(null))) {
      return true;
    }
    if (terminating.isEmpty() || event.type() == Event.Type.CREATE) {
      return false;
    }
    try {
      JsonNode object = Json.tree(event.kv().value());
      return terminating.contains(object.path("metadata").path("namespace").asText());
    } catch (ApiException e) {
      return false;
    }
  }

  private static List<String> specFinalizers(JsonNode namespace) {
    List<String> finalizers = new ArrayList<>();
    namespace.path("spec").path("finalizers").forEach(f -> finalizers.add(f.asText()));
    return finalizers;
  }

  private static String uid(JsonNode object) {
    return object.path("metadata").path("uid").asText();
  }

  /** What a pass left in one namespace. */
  private static final class Content {
    final SortedMap<String, Integer> remaining = new TreeMap<>();
    final SortedMap<String, Integer> finalizers = new TreeMap<>();
    final List<String> failures = new ArrayList<>();

    void remains(ResourceType type, JsonNode object) {
      remaining.merge(type.plural() + "." + type.group(), 1, Integer::sum);
      for (String finalizer : Finalizers.of(object)) {
        finalizers.merge(finalizer, 1, Integer::sum);
      }
    }
  }

  @Override
  public void close() {
    trigger.close();
  }
}

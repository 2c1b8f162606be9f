package io.k3j.core.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.DatastoreClosedException;
import io.k3j.core.datastore.DatastoreException;
import io.k3j.core.datastore.Event;
import io.k3j.core.datastore.KeyValue;
import io.k3j.core.datastore.ListResult;
import io.k3j.core.datastore.Watch;
import io.k3j.core.datastore.WatchListener;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored RBAC objects, read once from the datastore and then kept current by a watch, so a
 * decision costs no datastore read. Each change publishes a new {@link RbacPolicy} snapshot and
 * tells the listeners.
 */
public final class RbacCache implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RbacCache.class);
  static final String PREFIX = "/registry/rbac.authorization.k8s.io/";
  private static final Map<String, String> KINDS =
      Map.of(
          "roles", "Role",
          "clusterroles", "ClusterRole",
          "rolebindings", "RoleBinding",
          "clusterrolebindings", "ClusterRoleBinding");

  private final Backend backend;
  private final Map<String, ObjectNode> objects = new ConcurrentHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile RbacPolicy policy = RbacPolicy.of(List.of());
  private volatile Watch watch;
  private volatile boolean closed;

  public RbacCache(Backend backend) {
    this.backend = backend;
  }

  /** Loads every RBAC object, then follows changes. */
  public void start() {
    ListResult all = backend.list(PREFIX, 0, 0, null);
    objects.clear();
    all.items().forEach(this::put);
    publish();
    watch = backend.watch(PREFIX, all.revision(), new Follower());
  }

  public RbacPolicy policy() {
    return policy;
  }

  /** The stored ClusterRoles, each with its {@code metadata.resourceVersion}. */
  public List<ObjectNode> clusterRoles() {
    return objects.values().stream()
        .filter(o -> o.path("kind").asText().equals("ClusterRole"))
        .toList();
  }

  /** Runs {@code listener} after every published change (on the watch's thread). */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  private void put(KeyValue kv) {
    String kind = KINDS.get(kv.key().substring(PREFIX.length()).split("/", 2)[0]);
    if (kind == null) {
      return;
    }
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(kv.value());
    } catch (IOException e) {
      log.warn("skipping unreadable RBAC object {}: {}", kv.key(), e.getMessage());
      return;
    }
    ObjectNode object = (ObjectNode) tree;
    object.put("kind", kind);
    object.with("metadata").put("resourceVersion", Long.toString(kv.modRevision()));
    objects.put(kv.key(), object);
  }

  private void publish() {
    policy = RbacPolicy.of(objects.values());
    listeners.forEach(Runnable::run);
  }

  @Override
  public void close() {
    closed = true;
    if (watch != null) {
      watch.close();
    }
  }

  private final class Follower implements WatchListener {
    @Override
    public void onEvents(List<Event> events) {
      for (Event event : events) {
        if (event.type() == Event.Type.DELETE) {
          objects.remove(event.kv().key());
        } else {
          put(event.kv());
        }
      }
      publish();
    }

    @Override
    public void onClose(DatastoreException reason) {
      if (!closed && !(reason instanceof DatastoreClosedException)) {
        log.warn("RBAC watch ended ({}); reloading", reason.getMessage());
        start();
      }
    }
  }
}

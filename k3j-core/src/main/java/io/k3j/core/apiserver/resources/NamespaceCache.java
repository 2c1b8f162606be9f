package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.gc.NamespaceLifecycle;
import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.DatastoreException;
import io.k3j.core.datastore.Event;
import io.k3j.core.datastore.KeyValue;
import io.k3j.core.datastore.ListResult;
import io.k3j.core.datastore.WatchListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Namespaces a namespaced create checks, kept current by a watch on the datastore, so that a
 * create reads no Namespace from it. Only an Active Namespace the watch has delivered, with no
 * write of its own in flight or not yet delivered, is answered from memory; anything else (a miss:
 * a namespace created a moment ago or gone; a terminating one; one being written) is read from the
 * datastore, so every answer is the one a read would give. Upstream's NamespaceLifecycle admission
 * plugin works the same way: an informer, and a live lookup for misses and for namespaces it saw
 * deleted a moment ago ({@code plugin/pkg/admission/namespace/lifecycle} in kubernetes/kubernetes).
 *
 * <p>The writes this relies on being told about ({@link #writing}, {@link #written}) are the ones
 * that can end a Namespace's Active phase: its updates and deletes, all made by {@link
 * ObjectStore}.
 */
final class NamespaceCache {
  private final Backend backend;
  private final String prefix = BuiltinResources.namespaces().keyPrefix(null);
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Object startLock = new Object();
  private volatile boolean current;

  /** A Namespace as the watch last delivered it (a deleted one has no entry). */
  private record Entry(long revision, JsonNode object) {}

  /**
   * Writes of one Namespace: how many are in flight, and the newest revision one of them wrote,
   * which the watch must have delivered before the entry is trusted again.
   */
  private record Pending(int inFlight, long revision) {}

  NamespaceCache(Backend backend) {
    this.backend = backend;
  }

  /** The stored Namespace {@code name} (resourceVersion not set), or null when there is none. */
  JsonNode get(String name) {
    Pending writes = pending.get(name);
    Entry entry = current() ? entries.get(name) : null;
    if (entry != null && trusted(name, writes, entry)) {
      return entry.object();
    }
    return backend.get(prefix + name, 0).map(kv -> Json.object(kv.value())).orElse(null);
  }

  private boolean trusted(String name, Pending writes, Entry entry) {
    if (NamespaceLifecycle.isTerminating(entry.object())) {
      return false;
    }
    if (writes == null) {
      return true;
    }
    if (writes.inFlight() == 0 && entry.revision() >= writes.revision()) {
      pending.remove(name, writes);
      return true;
    }
    return false;
  }

  /** A write of Namespace {@code name} starts: until it is delivered, it is read through. */
  void writing(String name) {
    pending.compute(
        name,
        (n, p) -> p == null ? new Pending(1, 0) : new Pending(p.inFlight() + 1, p.revision()));
  }

  /** The write {@link #writing} announced ended: at {@code revision}, or 0 when nothing changed. */
  void written(String name, long revision) {
    pending.compute(
        name,
        (n, p) -> {
          int inFlight = p == null ? 0 : Math.max(0, p.inFlight() - 1);
          long needed = Math.max(p == null ? 0 : p.revision(), revision);
          return inFlight == 0 && needed == 0 ? null : new Pending(inFlight, needed);
        });
  }

  private boolean current() {
    if (current) {
      return true;
    }
    synchronized (startLock) {
      if (!current) {
        start();
      }
    }
    return current;
  }

  /** Loads every Namespace and watches from the revision of that list. */
  private void start() {
    entries.clear();
    ListResult page = backend.list(prefix, 0, 0, null);
    for (KeyValue kv : page.items()) {
      entries.put(name(kv), new Entry(kv.modRevision(), Json.object(kv.value())));
    }
    backend.watch(prefix, page.revision(), new Listener());
    current = true;
  }

  private String name(KeyValue kv) {
    return kv.key().substring(prefix.length());
  }

  private final class Listener implements WatchListener {
    @Override
    public void onEvents(List<Event> events) {
      for (Event event : events) {
        String name = name(event.kv());
        if (event.type() == Event.Type.DELETE) {
          entries.remove(name);
        } else {
          entries.put(name, new Entry(event.revision(), Json.object(event.kv().value())));
        }
        pending.computeIfPresent(
            name, (n, p) -> p.inFlight() == 0 && event.revision() >= p.revision() ? null : p);
      }
    }

    /** The watch ended (too slow, compacted, datastore closed): read through until restarted. */
    @Override
    public void onClose(DatastoreException reason) {
      current = false;
    }
  }
}

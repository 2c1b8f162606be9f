package io.k3j.core.apiserver.gc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.gc.DeleteOptions.Propagation;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.apiserver.resources.ResourceType;
import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.ConflictException;
import io.k3j.core.datastore.KeyNotFoundException;
import io.k3j.core.datastore.KeyValue;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Deletes as upstream's registry does (generic {@code Store.Delete} with {@code BeforeDelete}, and
 * the namespace registry): preconditions; the orphan or foregroundDeletion finalizer from the
 * propagation policy; an object with finalizers, or a scheduled pod within its grace period, is
 * only marked with deletionTimestamp and deletionGracePeriodSeconds; everything else is removed.
 * Each attempt is a compare-and-swap on the revision read, retried on conflict.
 */
public final class ObjectDeleter {
  private static final int ATTEMPTS = 5;

  private final Backend backend;
  private final Clock clock;

  public ObjectDeleter(Backend backend, Clock clock) {
    this.backend = backend;
    this.clock = clock;
  }

  public Deletion delete(ResourceType type, String namespace, String name, DeleteOptions options) {
    String key = type.key(namespace, name);
    for (int attempt = 1; ; attempt++) {
      KeyValue current =
          backend.get(key, 0).orElseThrow(() -> ApiException.notFound(type.qualifiedName(), name));
      try {
        return attempt(type, key, current, options);
      } catch (ConflictException | KeyNotFoundException e) {
        if (attempt == ATTEMPTS) {
          throw ApiException.conflict(type.qualifiedName(), name);
        }
      }
    }
  }

  private Deletion attempt(ResourceType type, String key, KeyValue current, DeleteOptions options) {
    ObjectNode object = ObjectStore.decode(type, current);
    Preconditions.check(type, object, options);
    ObjectNode next = object.deepCopy();
    if (NamespaceLifecycle.isNamespaces(type)) {
      NamespaceLifecycle.checkDelete(object.path("metadata").path("name").asText());
      if (!Finalizers.isDeleting(object)) {
        NamespaceLifecycle.beginTermination(next, options, timestamp(now()));
        return mark(type, key, current, next, options);
      }
      if (NamespaceLifecycle.hasSpecFinalizers(object)) {
        return new Deletion(object, false);
      }
    }
    ObjectNode metadata = (ObjectNode) next.get("metadata");
    long grace = 0;
    boolean graceful = false;
    if (PodGrace.applies(type)) {
      long pending = metadata.path("deletionGracePeriodSeconds").asLong(0);
      if (Finalizers.isDeleting(object) && pending > 0) {
        Long shorter = options.gracePeriodSeconds();
        if (shorter == null || shorter >= pending) {
          return new Deletion(object, false);
        }
        Instant start =
            Instant.parse(metadata.path("deletionTimestamp").asText()).minusSeconds(pending);
        grace = PodGrace.mark(metadata, start, shorter);
        graceful = true;
      } else if (!Finalizers.isDeleting(object)) {
        grace = PodGrace.mark(metadata, now(), PodGrace.period(object, options));
        bumpGeneration(metadata);
        graceful = true;
      }
    }
    List<String> finalizers = finalizersFor(Finalizers.of(object), options.propagation());
    Finalizers.set(next, finalizers);
    if (finalizers.isEmpty() && grace == 0) {
      return remove(type, key, current, options);
    }
    if (!graceful) {
      markAsDeleting(metadata);
    }
    return next.equals(object)
        ? new Deletion(object, false)
        : mark(type, key, current, next, options);
  }

  /**
   * The finalizers after a delete with {@code propagation} (upstream's {@code
   * deletionFinalizersForGarbageCollection}): without a policy an orphan or foregroundDeletion
   * finalizer already present decides; the default for every served kind is Background.
   */
  static List<String> finalizersFor(List<String> current, Propagation propagation) {
    Propagation policy = propagation;
    for (int i = 0; policy == null && i < current.size(); i++) {
      if (current.get(i).equals(Finalizers.ORPHAN)) {
        policy = Propagation.ORPHAN;
      } else if (current.get(i).equals(Finalizers.FOREGROUND)) {
        policy = Propagation.FOREGROUND;
      }
    }
    List<String> next = new ArrayList<>(current);
    next.removeIf(f -> f.equals(Finalizers.ORPHAN) || f.equals(Finalizers.FOREGROUND));
    if (policy == Propagation.ORPHAN) {
      next.add(Finalizers.ORPHAN);
    } else if (policy == Propagation.FOREGROUND) {
      next.add(Finalizers.FOREGROUND);
    }
    return new HashSet<>(next).equals(new HashSet<>(current)) ? current : next;
  }

  /** Upstream's {@code markAsDeleting}: deletion starts now (or earlier) with no grace period. */
  private void markAsDeleting(ObjectNode metadata) {
    Instant now = now();
    if (!metadata.hasNonNull("deletionTimestamp")) {
      bumpGeneration(metadata);
      metadata.put("deletionTimestamp", timestamp(now));
    } else if (Instant.parse(metadata.get("deletionTimestamp").asText()).isAfter(now)) {
      metadata.put("deletionTimestamp", timestamp(now));
    }
    metadata.put("deletionGracePeriodSeconds", 0);
  }

  private static void bumpGeneration(ObjectNode metadata) {
    long generation = metadata.path("generation").asLong(0);
    if (generation > 0) {
      metadata.put("generation", generation + 1);
    }
  }

  private Deletion mark(
      ResourceType type, String key, KeyValue current, ObjectNode next, DeleteOptions options) {
    if (options.dryRun()) {
      return new Deletion(next, false);
    }
    ObjectNode stored = next.deepCopy();
    ((ObjectNode) stored.get("metadata")).remove("resourceVersion");
    KeyValue written = join(backend.update(key, Json.bytes(stored), current.modRevision(), 0));
    return new Deletion(ObjectStore.decode(type, written), false);
  }

  private Deletion remove(ResourceType type, String key, KeyValue current, DeleteOptions options) {
    if (options.dryRun()) {
      return new Deletion(ObjectStore.decode(type, current), true);
    }
    return new Deletion(
        ObjectStore.decode(type, join(backend.delete(key, current.modRevision()))), true);
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
  }

  static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}

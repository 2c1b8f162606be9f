package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.CompactedException;
import io.k3j.core.datastore.ConflictException;
import io.k3j.core.datastore.FutureRevisionException;
import io.k3j.core.datastore.KeyExistsException;
import io.k3j.core.datastore.KeyNotFoundException;
import io.k3j.core.datastore.KeyValue;
import io.k3j.core.datastore.ListResult;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * API objects over the datastore. Objects are stored as JSON without {@code resourceVersion}, which
 * is the datastore's mod revision and is added on the way out.
 */
public final class ObjectStore {
  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Backend backend;
  private final Clock clock;

  public ObjectStore(Backend backend, Clock clock) {
    this.backend = backend;
    this.clock = clock;
  }

  public Backend backend() {
    return backend;
  }

  public ObjectNode create(ResourceType type, String namespace, ObjectNode object) {
    ObjectValidation.checkType(type, object);
    ObjectValidation.checkNamespace(type, namespace, object);
    ObjectNode metadata = metadata(object);
    String name = metadata.path("name").asText("");
    if (name.isEmpty() && !metadata.path("generateName").asText("").isEmpty()) {
      name = metadata.get("generateName").asText() + randomSuffix();
    }
    ObjectValidation.checkName(type, name);
    if (type.namespaced()) {
      requireNamespace(namespace);
      metadata.put("namespace", namespace);
    } else {
      metadata.remove("namespace");
    }
    object.put("apiVersion", type.apiVersion()).put("kind", type.kind());
    metadata.put("name", name);
    metadata.put("uid", UUID.randomUUID().toString());
    metadata.put(
        "creationTimestamp", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    metadata.remove("resourceVersion");
    if (object.has("spec")) {
      metadata.put("generation", 1);
    }
    try {
      KeyValue kv = join(backend.create(type.key(namespace, name), Json.bytes(object), 0));
      return withVersion(object, kv.modRevision());
    } catch (KeyExistsException e) {
      throw ApiException.alreadyExists(type.qualifiedName(), name);
    }
  }

  public ObjectNode get(ResourceType type, String namespace, String name) {
    KeyValue kv =
        backend
            .get(type.key(namespace, name), 0)
            .orElseThrow(() -> ApiException.notFound(type.qualifiedName(), name));
    return decode(kv);
  }

  /**
   * A list object; {@code resourceVersion} follows the Kubernetes list semantics the caller chose.
   */
  public ObjectNode list(
      ResourceType type,
      String namespace,
      Predicate<JsonNode> filter,
      int limit,
      String continueToken,
      long revision) {
    ListResult page;
    try {
      page =
          backend.list(
              type.keyPrefix(type.namespaced() ? namespace : null), revision, limit, continueToken);
    } catch (CompactedException e) {
      throw ApiException.gone(
          "The provided continue parameter or resourceVersion is too old: " + e.getMessage());
    } catch (FutureRevisionException | IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    ObjectNode list = JsonNodeFactory.instance.objectNode();
    list.put("apiVersion", type.apiVersion()).put("kind", type.listKind());
    ObjectNode metadata = list.putObject("metadata");
    metadata.put("resourceVersion", Long.toString(page.revision()));
    if (page.continueToken() != null) {
      metadata.put("continue", page.continueToken());
      metadata.put("remainingItemCount", page.remaining());
    }
    ArrayNode items = list.putArray("items");
    for (KeyValue kv : page.items()) {
      ObjectNode item = decode(kv);
      if (filter.test(item)) {
        items.add(item);
      }
    }
    return list;
  }

  /** Replaces the object; a resourceVersion in the body must be the current one. */
  public ObjectNode update(ResourceType type, String namespace, String name, ObjectNode object) {
    ObjectValidation.checkType(type, object);
    ObjectValidation.checkNamespace(type, namespace, object);
    ObjectNode metadata = metadata(object);
    if (!name.equals(metadata.path("name").asText(name))) {
      throw ApiException.badRequest(
          "the name of the object ("
              + metadata.path("name").asText()
              + ") does not match the name on the URL ("
              + name
              + ")");
    }
    String key = type.key(namespace, name);
    KeyValue current =
        backend.get(key, 0).orElseThrow(() -> ApiException.notFound(type.qualifiedName(), name));
    long expected = current.modRevision();
    String given = metadata.path("resourceVersion").asText("");
    if (!given.isEmpty() && !given.equals(Long.toString(expected))) {
      throw ApiException.conflict(type.qualifiedName(), name);
    }
    JsonNode stored = Json.tree(current.value());
    JsonNode storedMeta = stored.path("metadata");
    object.put("apiVersion", type.apiVersion()).put("kind", type.kind());
    metadata.put("name", name);
    if (type.namespaced()) {
      metadata.put("namespace", namespace);
    }
    metadata.set("uid", storedMeta.get("uid"));
    metadata.set("creationTimestamp", storedMeta.get("creationTimestamp"));
    metadata.remove("resourceVersion");
    if (object.has("spec") || stored.has("spec")) {
      long generation = storedMeta.path("generation").asLong(1);
      boolean specChanged = !object.path("spec").equals(stored.path("spec"));
      metadata.put("generation", specChanged ? generation + 1 : generation);
    }
    try {
      KeyValue kv = join(backend.update(key, Json.bytes(object), expected, 0));
      return withVersion(object, kv.modRevision());
    } catch (ConflictException e) {
      throw ApiException.conflict(type.qualifiedName(), name);
    } catch (KeyNotFoundException e) {
      throw ApiException.notFound(type.qualifiedName(), name);
    }
  }

  public ObjectNode delete(
      ResourceType type, String namespace, String name, String expectedVersion) {
    String key = type.key(namespace, name);
    long expected = 0;
    if (expectedVersion != null && !expectedVersion.isEmpty()) {
      expected = parseVersion(expectedVersion);
    }
    try {
      return decode(join(backend.delete(key, expected)));
    } catch (KeyNotFoundException e) {
      throw ApiException.notFound(type.qualifiedName(), name);
    } catch (ConflictException e) {
      throw ApiException.conflict(type.qualifiedName(), name);
    }
  }

  public static ObjectNode decode(KeyValue kv) {
    return withVersion(Json.object(kv.value()), kv.modRevision());
  }

  public static long parseVersion(String resourceVersion) {
    try {
      long version = Long.parseLong(resourceVersion);
      if (version >= 0) {
        return version;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest("invalid resourceVersion \"" + resourceVersion + "\"");
  }

  private void requireNamespace(String namespace) {
    ResourceType namespaces = BuiltinResources.namespaces();
    if (backend.get(namespaces.key(null, namespace), 0).isEmpty()) {
      throw ApiException.notFound("namespaces", namespace);
    }
  }

  private static ObjectNode withVersion(ObjectNode object, long revision) {
    metadata(object).put("resourceVersion", Long.toString(revision));
    return object;
  }

  private static ObjectNode metadata(ObjectNode object) {
    JsonNode metadata = object.get("metadata");
    if (metadata == null || metadata.isNull()) {
      return object.putObject("metadata");
    }
    if (!metadata.isObject()) {
      throw ApiException.badRequest("metadata must be an object");
    }
    return (ObjectNode) metadata;
  }

  private static String randomSuffix() {
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      suffix.append(NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length())));
    }
    return suffix.toString();
  }

  private static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
  }
}

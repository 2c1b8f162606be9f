package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.gc.DeleteOptions;
import io.k3j.core.apiserver.gc.Deletion;
import io.k3j.core.apiserver.gc.Finalizers;
import io.k3j.core.apiserver.gc.NamespaceLifecycle;
import io.k3j.core.apiserver.gc.ObjectDeleter;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * API objects over the datastore. Objects are stored as JSON without {@code resourceVersion}, which
 * is the datastore's mod revision and is added on the way out.
 */
public final class ObjectStore {
  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final WritePolicy NO_POLICY = (type, object, old) -> {};

  /** The top-level fields whose changes do not bump {@code metadata.generation}. */
  private static final Set<String> OUTSIDE_SPEC =
      Set.of("metadata", "status", "apiVersion", "kind");

  private final Backend backend;
  private final Clock clock;
  private final ObjectDeleter deleter;
  private final List<WritePolicy> policies;
  private final boolean dryRun;
  private final NamespaceCache namespaces;

  /**
   * A check or mutation every write passes after the server has set its metadata: defaults, schema
   * pruning, validation. Throws {@link ApiException} to refuse the write.
   */
  @FunctionalInterface
  public interface WritePolicy {
    /**
     * @param old the stored object on update, null on create
     */
    void admit(ResourceType type, ObjectNode object, ObjectNode old);
  }

  public ObjectStore(Backend backend, Clock clock) {
    this(backend, clock, new CopyOnWriteArrayList<>(), false, new NamespaceCache(backend));
  }

  private ObjectStore(
      Backend backend,
      Clock clock,
      List<WritePolicy> policies,
      boolean dryRun,
      NamespaceCache namespaces) {
    this.backend = backend;
    this.namespaces = namespaces;
    this.clock = clock;
    this.deleter = new ObjectDeleter(backend, clock);
    this.policies = policies;
    this.dryRun = dryRun;
  }

  /**
   * The same store for {@code dryRun=All}: creates and updates run every check and policy and
   * return what would be stored, but write nothing.
   */
  public ObjectStore dryRun() {
    return new ObjectStore(backend, clock, policies, true, namespaces);
  }

  /** Adds a policy run on every create and update, after those added before it. */
  public void addPolicy(WritePolicy policy) {
    policies.add(policy);
  }

  public Backend backend() {
    return backend;
  }

  public ObjectNode create(ResourceType type, String namespace, ObjectNode object) {
    return create(type, namespace, object, NO_POLICY);
  }

  /** Creates the object; {@code write} runs after the store's policies, for this write only. */
  public ObjectNode create(
      ResourceType type, String namespace, ObjectNode object, WritePolicy write) {
    return createWritten(type, namespace, object, write).object();
  }

  /**
   * An object as written, with the JSON a client is sent for it when it could be made from the
   * stored bytes (null otherwise: a dry run, or an object the store changes on the way out).
   */
  public record Written(ObjectNode object, byte[] storedJson) {
    /** The response body: the stored bytes with resourceVersion, else the object serialised. */
    public byte[] json() {
      return storedJson != null ? storedJson : Json.bytes(object);
    }
  }

  /** {@link #create(ResourceType, String, ObjectNode, WritePolicy)} and the response bytes. */
  public Written createWritten(
      ResourceType type, String namespace, ObjectNode object, WritePolicy write) {
    ObjectValidation.checkType(type, object);
    ObjectValidation.checkNamespace(type, namespace, object);
    ObjectNode metadata = metadata(object);
    String name = metadata.path("name").asText("");
    if (name.isEmpty() && !metadata.path("generateName").asText("").isEmpty()) {
      name = metadata.get("generateName").asText() + randomSuffix();
    }
    if (type.isCustom()) {
      // Built-in kinds have per-kind name rules, checked by their write policy.
      ObjectValidation.checkName(type, name);
    }
    if (type.namespaced()) {
      requireNamespace(type, name, namespace);
      metadata.put("namespace", namespace);
    } else {
      metadata.remove("namespace");
    }
    object.put("apiVersion", type.apiVersion()).put("kind", type.kind());
    metadata.put("name", name);
    metadata.put("uid", UUID.randomUUID().toString());
    metadata.put("creationTimestamp", Timestamps.now(clock));
    metadata.remove("resourceVersion");
    if (object.has("spec") || type.isCustom()) {
      metadata.put("generation", 1);
    }
    if (type.hasSubresource("status") && !type.plural().equals("namespaces")) {
      // Status is written through /status: built-ins start with an empty one, custom resources
      // with none, as upstream.
      object.remove("status");
      if (!type.isCustom()) {
        object.putObject("status");
      }
    }
    admit(type, object, null);
    write.admit(type, object, null);
    if (dryRun) {
      if (backend.get(type.key(namespace, name), 0).isPresent()) {
        throw ApiException.alreadyExists(type.qualifiedName(), name);
      }
      return new Written(object, null);
    }
    try {
      StoredJson stored = StoredJson.of(object);
      KeyValue kv = join(backend.create(type.key(namespace, name), stored.json(), 0));
      return written(type, object, stored, kv.modRevision());
    } catch (KeyExistsException e) {
      throw ApiException.alreadyExists(type.qualifiedName(), name);
    }
  }

  public ObjectNode get(ResourceType type, String namespace, String name) {
    KeyValue kv =
        backend
            .get(type.key(namespace, name), 0)
            .orElseThrow(() -> ApiException.notFound(type.qualifiedName(), name));
    return decode(type, kv);
  }

  /** The JSON {@link #get} answers with, made from the stored bytes without parsing them. */
  public byte[] getJson(ResourceType type, String namespace, String name) {
    KeyValue kv =
        backend
            .get(type.key(namespace, name), 0)
            .orElseThrow(() -> ApiException.notFound(type.qualifiedName(), name));
    return json(type, kv);
  }

  /** The stored object's JSON as {@link #decode} then serialising it gives. */
  public static byte[] json(ResourceType type, KeyValue kv) {
    byte[] spliced =
        StoredJson.scan(kv.value(), type.isCustom() ? type.apiVersion() : null)
            .withResourceVersion(kv.modRevision());
    return spliced != null ? spliced : Json.bytes(decode(type, kv));
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
      ObjectNode item = decode(type, kv);
      if (filter.test(item)) {
        items.add(item);
      }
    }
    return list;
  }

  /**
   * Replaces the object; a resourceVersion in the body must be the current one. When the type has a
   * status subresource, the stored status is kept: status changes go through {@link #updateStatus}.
   */
  public ObjectNode update(ResourceType type, String namespace, String name, ObjectNode object) {
    return update(type, namespace, name, object, NO_POLICY);
  }

  /** {@link #update(ResourceType, String, String, ObjectNode)} with a policy for this write. */
  public ObjectNode update(
      ResourceType type, String namespace, String name, ObjectNode object, WritePolicy write) {
    return replace(type, namespace, name, object, false, write).object();
  }

  /** {@link #update(ResourceType, String, String, ObjectNode, WritePolicy)} and its response. */
  public Written updateWritten(
      ResourceType type, String namespace, String name, ObjectNode object, WritePolicy write) {
    return replace(type, namespace, name, object, false, write);
  }

  /** Replaces only the status of the stored object, as the {@code /status} subresource does. */
  public ObjectNode updateStatus(
      ResourceType type, String namespace, String name, ObjectNode object) {
    return updateStatus(type, namespace, name, object, NO_POLICY);
  }

  /** {@link #updateStatus(ResourceType, String, String, ObjectNode)} with a write policy. */
  public ObjectNode updateStatus(
      ResourceType type, String namespace, String name, ObjectNode object, WritePolicy write) {
    return replace(type, namespace, name, object, true, write).object();
  }

  /** {@link #updateStatus(ResourceType, String, String, ObjectNode, WritePolicy)}, response too. */
  public Written updateStatusWritten(
      ResourceType type, String namespace, String name, ObjectNode object, WritePolicy write) {
    return replace(type, namespace, name, object, true, write);
  }

  /** {@link #write} of a Namespace is announced to the namespace cache, for its creates. */
  private Written replace(
      ResourceType type,
      String namespace,
      String name,
      ObjectNode object,
      boolean statusOnly,
      WritePolicy write) {
    if (dryRun || !isNamespaces(type)) {
      return write(type, namespace, name, object, statusOnly, write);
    }
    namespaces.writing(name);
    long revision = 0;
    try {
      Written written = write(type, namespace, name, object, statusOnly, write);
      revision = written.object().path("metadata").path("resourceVersion").asLong(Long.MAX_VALUE);
      return written;
    } finally {
      namespaces.written(name, revision);
    }
  }

  private Written write(
      ResourceType type,
      String namespace,
      String name,
      ObjectNode object,
      boolean statusOnly,
      WritePolicy write) {
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
    ObjectNode stored = Json.object(current.value());
    ObjectNode next = statusOnly ? withStatusOf(stored, object) : object;
    next.put("apiVersion", type.apiVersion()).put("kind", type.kind());
    ObjectNode nextMeta = metadata(next);
    JsonNode storedMeta = stored.path("metadata");
    nextMeta.put("name", name);
    if (type.namespaced()) {
      nextMeta.put("namespace", namespace);
    }
    nextMeta.set("uid", storedMeta.get("uid"));
    nextMeta.set("creationTimestamp", storedMeta.get("creationTimestamp"));
    nextMeta.remove("resourceVersion");
    if (!statusOnly && type.hasSubresource("status") && !type.plural().equals("namespaces")) {
      next.remove("status");
      if (stored.has("status")) {
        next.set("status", stored.get("status"));
      }
    }
    if (storedMeta.has("generation")) {
      long generation = storedMeta.path("generation").asLong(1);
      nextMeta.put("generation", specChanged(stored, next) ? generation + 1 : generation);
    }
    // The stored object as a client reads it, for the policies: a copy of the one parsed above.
    ObjectNode old = withVersion(type, stored.deepCopy(), expected);
    admit(type, next, old);
    write.admit(type, next, old);
    if (dryRun) {
      return new Written(withVersion(type, next, expected), null);
    }
    try {
      if (Finalizers.completeDeletion(stored, next)) {
        // The update removed the last finalizer of an object being deleted: it goes now.
        return new Written(
            withVersion(type, next, join(backend.delete(key, expected)).modRevision()), null);
      }
      StoredJson json = StoredJson.of(next);
      KeyValue kv = join(backend.update(key, json.json(), expected, 0));
      return written(type, next, json, kv.modRevision());
    } catch (ConflictException e) {
      throw ApiException.conflict(type.qualifiedName(), name);
    } catch (KeyNotFoundException e) {
      throw ApiException.notFound(type.qualifiedName(), name);
    }
  }

  /** The stored object with {@code status} taken from {@code object}; nothing else changes. */
  private static ObjectNode withStatusOf(ObjectNode stored, ObjectNode object) {
    ObjectNode next = stored.deepCopy();
    next.remove("status");
    if (object.has("status")) {
      next.set("status", object.get("status"));
    }
    metadata(next).set("resourceVersion", metadata(object).get("resourceVersion"));
    return next;
  }

  /** Upstream bumps generation for any change outside metadata and status. */
  private static boolean specChanged(ObjectNode stored, ObjectNode next) {
    int compared = 0;
    for (Iterator<Map.Entry<String, JsonNode>> fields = stored.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!OUTSIDE_SPEC.contains(field.getKey())) {
        if (!field.getValue().equals(next.get(field.getKey()))) {
          return true;
        }
        compared++;
      }
    }
    for (Iterator<String> names = next.fieldNames(); names.hasNext(); ) {
      if (!OUTSIDE_SPEC.contains(names.next())) {
        compared--;
      }
    }
    return compared != 0;
  }

  private void admit(ResourceType type, ObjectNode object, ObjectNode old) {
    for (WritePolicy policy : policies) {
      policy.admit(type, object, old);
    }
  }

  /**
   * Deletes as upstream does: see {@link ObjectDeleter}. An object with finalizers is only marked
   * with deletionTimestamp; the update that removes its last finalizer deletes it.
   */
  public Deletion delete(ResourceType type, String namespace, String name, DeleteOptions options) {
    if (!isNamespaces(type)) {
      return deleter.delete(type, namespace, name, options);
    }
    namespaces.writing(name);
    long revision = 0;
    try {
      Deletion deletion = deleter.delete(type, namespace, name, options);
      revision = deletion.object().path("metadata").path("resourceVersion").asLong(Long.MAX_VALUE);
      return deletion;
    } finally {
      namespaces.written(name, revision);
    }
  }

  private static boolean isNamespaces(ResourceType type) {
    return !type.isCustom() && type.group().isEmpty() && type.plural().equals("namespaces");
  }

  /**
   * The stored object as {@code type} serves it: resourceVersion added, and for custom resources
   * the apiVersion of the requested version (conversion strategy None).
   */
  public static ObjectNode decode(ResourceType type, KeyValue kv) {
    return withVersion(type, Json.object(kv.value()), kv.modRevision());
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

  /** The namespace must exist (404) and not be terminating (403); see {@link NamespaceCache}. */
  private void requireNamespace(ResourceType type, String name, String namespace) {
    JsonNode stored = namespaces.get(namespace);
    if (stored == null) {
      throw ApiException.notFound("namespaces", namespace);
    }
    NamespaceLifecycle.checkCreate(type, name, stored);
  }

  /**
   * The object as {@link #withVersion} serves it, and its JSON spliced from the stored bytes when
   * that is the same thing (a custom resource's apiVersion is the type's, as written).
   */
  private static Written written(
      ResourceType type, ObjectNode object, StoredJson stored, long revision) {
    boolean sameApiVersion =
        !type.isCustom() || type.apiVersion().equals(object.path("apiVersion").asText(null));
    byte[] json = sameApiVersion ? stored.withResourceVersion(revision) : null;
    return new Written(withVersion(type, object, revision), json);
  }

  private static ObjectNode withVersion(ResourceType type, ObjectNode object, long revision) {
    if (type.isCustom()) {
      object.put("apiVersion", type.apiVersion());
    }
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

package io.k3j.core.apiserver.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.openapi.OpenApiHandler;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.apiserver.resources.ResourceType;
import io.k3j.core.apiserver.resources.Timestamps;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Server-side apply and {@code metadata.managedFields}. {@link #apply} merges an applied
 * configuration into the live object and records the manager's {@code Apply} entry; {@link #update}
 * is the write policy that records an {@code Update} entry for every other write. Semantics follow
 * the Kubernetes docs, "Server-Side Apply": fields are owned per manager and subresource, a manager
 * that stops applying a field removes it unless another manager owns it, and changing another
 * manager's field is a conflict unless forced, which moves the ownership.
 */
public final class FieldManager {
  private static final int MAX_MANAGER_LENGTH = 128;

  private final SchemaSource schemas;
  private final Clock clock;

  /** A field manager reading list and map types from the server's OpenAPI v3 documents. */
  public FieldManager(OpenApiHandler openApi, Clock clock) {
    this(new OpenApiSchemas(openApi), clock);
  }

  FieldManager(SchemaSource schemas, Clock clock) {
    this.schemas = schemas;
    this.clock = clock;
  }

  /**
   * The manager of a write: the {@code fieldManager} query parameter, else (not for apply, where it
   * is required) the User-Agent up to its first "/", as upstream.
   */
  public static String manager(ApiRequest request, boolean apply) {
    String manager = request.param("fieldManager");
    if (manager == null || manager.isEmpty()) {
      if (apply) {
        throw ApiException.badRequest(
            "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required"
                + " for apply patch");
      }
      manager = Optional.ofNullable(request.header("user-agent")).orElse("").split("/")[0];
    }
    return manager.length() > MAX_MANAGER_LENGTH
        ? manager.substring(0, MAX_MANAGER_LENGTH)
        : manager;
  }

  /**
   * The object after {@code manager} applies {@code config} to {@code live} (null when the object
   * does not exist yet), with its managed fields updated. Neither argument is modified.
   *
   * @param subresource "" for the main resource, or "status"
   * @throws ApiException 409 with FieldManagerConflict causes when the apply would change fields
   *     other managers own and {@code force} is false; 400 when the configuration sets managed
   *     fields or names another kind
   */
  public ObjectNode apply(
      ResourceType type,
      ObjectNode live,
      ObjectNode config,
      String manager,
      boolean force,
      String subresource) {
    checkConfig(type, config);
    TypeSchema schema = schemas.root(type);
    FieldSet applied = ObjectFields.of(TrackedFields.of(type, config, subresource), schema);
    ManagedFieldsEntry self =
        new ManagedFieldsEntry(
            manager, ManagedFieldsEntry.APPLY, type.apiVersion(), now(), subresource, applied);
    List<ManagedFieldsEntry> others = new ArrayList<>();
    FieldSet previous = new FieldSet();
    for (ManagedFieldsEntry entry : ManagedFields.of(live)) {
      if (entry.sameManager(self)) {
        previous = entry.fields();
      } else {
        others.add(entry);
      }
    }
    ObjectNode merged = (ObjectNode) ApplyMerge.merge(live, config, schema);
    if (live != null) {
      FieldSet changed =
          ObjectFields.diff(
                  TrackedFields.of(type, live, subresource),
                  TrackedFields.of(type, merged, subresource),
                  schema)
              .changed();
      others = resolveConflicts(others, changed.intersect(applied), force);
    }
    removeDropped(merged, previous.minus(applied), applied, others, schema);
    others.add(self);
    merged.put("apiVersion", type.apiVersion()).put("kind", type.kind());
    ManagedFields.write(merged, others);
    return merged;
  }

  /**
   * The write policy of a non-apply write by {@code manager}: it records an {@code Update} entry
   * owning the fields the write added or changed, which other managers then no longer own. A client
   * sending {@code managedFields: [{}]} clears them; one sending none keeps the stored ones.
   *
   * @param subresource "" for the main resource, "status" or "scale"
   */
  public ObjectStore.WritePolicy update(String manager, String subresource) {
    return (type, next, old) -> recordUpdate(type, old, next, manager, subresource);
  }

  /**
   * The write policy that stores the managed fields {@link #apply} computed for {@code applied} (a
   * status write would otherwise keep the stored ones).
   */
  public static ObjectStore.WritePolicy applied(ObjectNode applied) {
    return (type, next, old) ->
        ((ObjectNode) next.path("metadata"))
            .set("managedFields", applied.path("metadata").get("managedFields"));
  }

  private void recordUpdate(
      ResourceType type, ObjectNode old, ObjectNode next, String manager, String subresource) {
    if (ManagedFields.clearRequested(next)) {
      ((ObjectNode) next.path("metadata")).remove("managedFields");
      return;
    }
    List<ManagedFieldsEntry> entries =
        ManagedFields.present(next) ? ManagedFields.of(next) : ManagedFields.of(old);
    TypeSchema schema = schemas.root(type);
    ObjectFields.Changes changes =
        ObjectFields.diff(
            TrackedFields.of(type, old, subresource),
            TrackedFields.of(type, next, subresource),
            schema);
    FieldSet touched =
        changes.removed().isEmpty()
            ? changes.changed()
            : changes.changed().union(changes.removed());
    ManagedFieldsEntry self =
        new ManagedFieldsEntry(
            manager,
            ManagedFieldsEntry.UPDATE,
            type.apiVersion(),
            now(),
            subresource,
            new FieldSet());
    List<ManagedFieldsEntry> result = new ArrayList<>();
    for (ManagedFieldsEntry entry : entries) {
      if (entry.sameManager(self)) {
        self = entry;
      } else {
        result.add(entry.withFields(entry.fields().minus(touched)));
      }
    }
    // A manager new to the object (every create) owns just what it changed.
    FieldSet owned =
        self.fields().isEmpty()
            ? changes.changed()
            : self.fields().minus(changes.removed()).union(changes.changed());
    if (!owned.equals(self.fields())) {
      self =
          new ManagedFieldsEntry(
              manager, ManagedFieldsEntry.UPDATE, type.apiVersion(), now(), subresource, owned);
    }
    result.add(self);
    ManagedFields.write(next, result);
  }

  /** The other managers after the apply: conflicts are an error, or with force lose the field. */
  private static List<ManagedFieldsEntry> resolveConflicts(
      List<ManagedFieldsEntry> others, FieldSet changed, boolean force) {
    Conflicts conflicts = new Conflicts();
    List<ManagedFieldsEntry> result = new ArrayList<>();
    for (ManagedFieldsEntry entry : others) {
      FieldSet lost = entry.fields().intersect(changed);
      conflicts.add(entry, lost);
      result.add(entry.withFields(entry.fields().minus(lost)));
    }
    if (!force && !conflicts.isEmpty()) {
      throw conflicts.toException();
    }
    return result;
  }

  /**
   * Removes the fields the manager applied before and no longer applies, unless another manager (or
   * the new configuration, below them) still owns them; deepest paths first.
   */
  private static void removeDropped(
      ObjectNode object,
      FieldSet dropped,
      FieldSet applied,
      List<ManagedFieldsEntry> others,
      TypeSchema schema) {
    FieldSet kept =
        others.stream().map(ManagedFieldsEntry::fields).reduce(applied, FieldSet::union);
    List<List<String>> paths = dropped.paths();
    for (int i = paths.size() - 1; i >= 0; i--) {
      List<String> path = paths.get(i);
      if (!kept.touches(path)) {
        ApplyMerge.remove(object, path, schema);
      }
    }
  }

  private static void checkConfig(ResourceType type, ObjectNode config) {
    String apiVersion = config.path("apiVersion").asText("");
    String kind = config.path("kind").asText("");
    if (!apiVersion.equals(type.apiVersion()) || !kind.equals(type.kind())) {
      throw ApiException.badRequest(
          "the applied configuration is for "
              + (apiVersion.isEmpty() ? "no apiVersion" : apiVersion)
              + ", Kind="
              + kind
              + ", not for "
              + type.apiVersion()
              + ", Kind="
              + type.kind());
    }
    if (ManagedFields.present(config)) {
      throw ApiException.badRequest("metadata.managedFields must be nil");
    }
  }

  private String now() {
    return Timestamps.now(clock);
  }
}

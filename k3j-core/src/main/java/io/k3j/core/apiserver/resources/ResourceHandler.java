package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.Reply;
import io.k3j.core.apiserver.Route;
import io.k3j.core.apiserver.apply.FieldManager;
import io.k3j.core.apiserver.disruption.Evictions;
import io.k3j.core.apiserver.gc.DeleteOptions;
import io.k3j.core.apiserver.gc.Deletion;
import io.k3j.core.apiserver.gc.NamespaceFinalizers;
import io.k3j.core.apiserver.openapi.OpenApiHandler;
import io.k3j.core.apiserver.patch.PatchSchemas;
import io.k3j.core.apiserver.patch.StrategicMerge;
import io.k3j.core.apiserver.protobuf.ProtobufBody;
import io.k3j.core.apiserver.table.TableConverter;
import io.k3j.core.apiserver.table.TableFormat;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The REST verbs on resource collections and items. */
public final class ResourceHandler {
  private static final String APPLY_PATCH = "application/apply-patch+yaml";
  private static final String JSON = "application/json";

  private final ObjectStore store;
  private final ResourceRegistry registry;
  private final TableConverter tables;
  private final FieldValidation fields;
  private final PatchSchemas patchSchemas;
  private final FieldManager managers;
  private final Evictions evictions;
  private volatile CallerPolicy callerPolicy = (user, type, object) -> {};

  /**
   * A check of a write against who makes it, run with the write policies of every create and update
   * of an object (RBAC escalation prevention); throws {@link ApiException} to refuse.
   */
  @FunctionalInterface
  public interface CallerPolicy {
    void admit(ApiRequest.User user, ResourceType type, ObjectNode object);
  }

  public ResourceHandler(ObjectStore store, ResourceRegistry registry) {
    this(
        store,
        registry,
        new TableConverter(Clock.systemUTC()),
        new OpenApiHandler(registry, Clock.systemUTC()),
        (type, object) -> List.of());
  }

  /**
   * @param openApi the documents strategic merge reads its merge keys from
   * @param unknownFields the paths of fields a type's schema does not know, for {@code
   *     fieldValidation}
   */
  public ResourceHandler(
      ObjectStore store,
      ResourceRegistry registry,
      TableConverter tables,
      OpenApiHandler openApi,
      java.util.function.BiFunction<ResourceType, JsonNode, List<String>> unknownFields) {
    this.store = store;
    this.registry = registry;
    this.tables = tables;
    this.fields = new FieldValidation(unknownFields::apply);
    this.patchSchemas = new PatchSchemas(openApi);
    this.managers = new FieldManager(openApi, Clock.systemUTC());
    this.evictions = new Evictions(store, Clock.systemUTC());
  }

  /** Sets the check run with every write of an object by a caller. */
  public void callerPolicy(CallerPolicy policy) {
    this.callerPolicy = policy;
  }

  public Reply handle(ApiRequest request, Route.Resource route) {
    ResourceType type = resolve(route);
    String namespace = route.namespace();
    if (!type.namespaced() && namespace != null) {
      throw new ApiException(404, "NotFound", "the server could not find the requested resource");
    }
    if (route.subresource() != null) {
      return subresource(request, route, type);
    }
    boolean collection = route.name() == null;
    switch (request.method()) {
      case "GET":
        Optional<TableFormat> table =
            TableFormat.negotiate(request.accept(), request.param("includeObject"));
        if (collection && request.flag("watch")) {
          return watch(request, type, namespace, table);
        }
        if (!collection && table.isEmpty()) {
          return new Reply.Full(200, JSON, store.getJson(type, namespace, route.name()));
        }
        JsonNode body =
            collection ? list(request, type, namespace) : store.get(type, namespace, route.name());
        return table.isPresent() ? tables.reply(type, body, table.get()) : Reply.json(200, body);
      case "POST":
        if (!collection) {
          throw methodNotAllowed(request);
        }
        requireNamespace(type, namespace);
        Body createBody = parsedBody(request);
        ObjectNode created = createBody.object();
        List<String> createWarnings = fields.check(request, type, created, createBody.uniqueKeys());
        return FieldValidation.warn(
            reply(
                201,
                writer(request).createWritten(type, namespace, created, updatedBy(request, ""))),
            createWarnings);
      case "PUT":
        if (collection) {
          throw methodNotAllowed(request);
        }
        Body replaceBody = parsedBody(request);
        ObjectNode replaced = replaceBody.object();
        List<String> replaceWarnings =
            fields.check(request, type, replaced, replaceBody.uniqueKeys());
        return FieldValidation.warn(
            reply(
                200,
                writer(request)
                    .updateWritten(
                        type, namespace, route.name(), replaced, updatedBy(request, ""))),
            replaceWarnings);
      case "PATCH":
        if (collection) {
          throw methodNotAllowed(request);
        }
        if (isApply(request)) {
          return apply(request, type, namespace, route.name(), "");
        }
        return patchObject(request, type, namespace, route.name(), "");
      case "DELETE":
        DeleteOptions options = DeleteOptions.from(request);
        if (collection) {
          return Reply.json(200, deleteCollection(request, type, namespace, options));
        }
        Deletion deletion = store.delete(type, namespace, route.name(), options);
        boolean accepted = !deletion.deleted() && DeleteOptions.dependentsCascade(request);
        return Reply.json(accepted ? 202 : 200, deletion.body(type));
      default:
        throw methodNotAllowed(request);
    }
  }

  /**
   * Attempts of a patch that names no resourceVersion before its conflict is answered. Each lost
   * attempt means another writer succeeded, so the bound is only a guard against a livelock.
   */
  static final int PATCH_ATTEMPTS = 100;

  /**
   * Applies the patch to the latest object and writes it. A conflict with a concurrent write is
   * retried with a fresh read, as upstream's {@code GuaranteedUpdate} does, unless the patch itself
   * names the resourceVersion it expects.
   */
  private Reply patchObject(
      ApiRequest request, ResourceType type, String namespace, String name, String subresource) {
    for (int attempt = 1; ; attempt++) {
      ObjectNode current = store.get(type, namespace, name);
      String currentVersion = current.path("metadata").path("resourceVersion").asText();
      ObjectNode patched = patch(request, type, current);
      boolean pinned =
          !currentVersion.equals(patched.path("metadata").path("resourceVersion").asText());
      try {
        if (subresource.equals("status")) {
          return reply(
              200,
              writer(request)
                  .updateStatusWritten(
                      type, namespace, name, patched, updatedBy(request, "status")));
        }
        List<String> warnings = fields.check(request, type, patched);
        return FieldValidation.warn(
            reply(
                200,
                writer(request)
                    .updateWritten(type, namespace, name, patched, updatedBy(request, ""))),
            warnings);
      } catch (ApiException e) {
        if (e.code() != 409
            || !"Conflict".equals(e.reason())
            || pinned
            || attempt == PATCH_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * {@code /status} and {@code /scale} of one object, {@code pods/eviction} and {@code
   * namespaces/finalize}.
   */
  private Reply subresource(ApiRequest request, Route.Resource route, ResourceType type) {
    String subresource = route.subresource();
    if (route.name() != null && !type.isCustom() && type.hasSubresource(subresource)) {
      if (subresource.equals("eviction")) {
        return evictions.evict(request, route.namespace(), route.name());
      }
      if (subresource.equals("finalize")) {
        return finalizeNamespace(request, type, route.name());
      }
    }
    if (route.name() == null
        || !(subresource.equals("status") || subresource.equals("scale"))
        || !type.hasSubresource(subresource)) {
      throw new ApiException(
          404,
          "NotFound",
          "the server could not find the requested resource (" + type.qualifiedName() + ")");
    }
    String namespace = route.namespace();
    String name = route.name();
    ObjectNode current = store.get(type, namespace, name);
    if (subresource.equals("scale")) {
      Scale scale = Scale.of(type);
      ObjectNode next;
      switch (request.method()) {
        case "GET":
          return Reply.json(200, scale.read(current));
        case "PUT":
          next = body(request);
          break;
        case "PATCH":
          next = patch(request, type, scale.read(current));
          break;
        default:
          throw methodNotAllowed(request);
      }
      return Reply.json(
          200,
          scale.read(
              writer(request)
                  .update(
                      type,
                      namespace,
                      name,
                      scale.apply(current, next),
                      updatedBy(request, "scale"))));
    }
    switch (request.method()) {
      case "GET":
        return Reply.json(200, current);
      case "PUT":
        return reply(
            200,
            writer(request)
                .updateStatusWritten(
                    type, namespace, name, body(request), updatedBy(request, "status")));
      case "PATCH":
        if (isApply(request)) {
          return apply(request, type, namespace, name, "status");
        }
        return patchObject(request, type, namespace, name, "status");
      default:
        throw methodNotAllowed(request);
    }
  }

  /**
   * The write policy recording the request's field manager as an {@code Update}; an update of the
   * object itself keeps a Namespace's {@code spec.finalizers}.
   */
  private ObjectStore.WritePolicy updatedBy(ApiRequest request, String subresource) {
    ObjectStore.WritePolicy manager =
        managers.update(FieldManager.manager(request, false), subresource);
    return subresource.isEmpty() ? byCaller(request, keepingNamespaceFinalizers(manager)) : manager;
  }

  /** {@code then}, after the caller policy has accepted the object. */
  private ObjectStore.WritePolicy byCaller(ApiRequest request, ObjectStore.WritePolicy then) {
    CallerPolicy policy = callerPolicy;
    return (type, object, old) -> {
      policy.admit(request.user(), type, object);
      then.admit(type, object, old);
    };
  }

  private static ObjectStore.WritePolicy keepingNamespaceFinalizers(ObjectStore.WritePolicy then) {
    return (type, object, old) -> {
      NamespaceFinalizers.keepSpec(type, object, old);
      then.admit(type, object, old);
    };
  }

  /**
   * {@code PUT namespaces/{name}/finalize}: the Namespace's {@code spec.finalizers} (and metadata)
   * from the body, its status as stored; removing the last finalizer of a terminating Namespace
   * deletes it.
   */
  private Reply finalizeNamespace(ApiRequest request, ResourceType type, String name) {
    if (!request.method().equals("PUT")) {
      throw methodNotAllowed(request);
    }
    ObjectNode namespace = body(request);
    List<String> warnings = fields.check(request, type, namespace);
    ObjectStore.WritePolicy manager =
        managers.update(FieldManager.manager(request, false), "finalize");
    return FieldValidation.warn(
        Reply.json(
            200,
            writer(request)
                .update(
                    type,
                    null,
                    name,
                    namespace,
                    (t, object, old) -> {
                      NamespaceFinalizers.keepStatus(object, old);
                      manager.admit(t, object, old);
                    })),
        warnings);
  }

  private static boolean isApply(ApiRequest request) {
    return APPLY_PATCH.equals(
        Optional.ofNullable(request.contentType()).orElse("").split(";")[0].trim());
  }

  /**
   * Server-side apply of the body (YAML or JSON) to the object, which is created when missing (not
   * through {@code /status}); {@code dryRun=All} answers without writing.
   */
  private Reply apply(
      ApiRequest request, ResourceType type, String namespace, String name, String subresource) {
    ObjectNode config = Json.yamlObject(request.body());
    List<String> warnings = FieldValidation.checkApply(request);
    return FieldValidation.warn(
        applied(request, type, namespace, name, subresource, config), warnings);
  }

  private Reply.Full applied(
      ApiRequest request,
      ResourceType type,
      String namespace,
      String name,
      String subresource,
      ObjectNode config) {
    String manager = FieldManager.manager(request, true);
    ObjectNode live;
    try {
      live = store.get(type, namespace, name);
    } catch (ApiException e) {
      if (e.code() != 404 || !subresource.isEmpty()) {
        throw e;
      }
      live = null;
    }
    ObjectNode applied =
        managers.apply(type, live, config, manager, request.flag("force"), subresource);
    ObjectNode metadata = (ObjectNode) applied.path("metadata");
    if (!name.equals(metadata.path("name").asText(name))) {
      throw ApiException.badRequest(
          "the name of the object ("
              + metadata.path("name").asText()
              + ") does not match the name on the URL ("
              + name
              + ")");
    }
    metadata.put("name", name);
    ObjectStore target = writer(request);
    if (live == null) {
      return reply(
          201,
          target.createWritten(
              type, namespace, applied, byCaller(request, FieldManager.applied(applied))));
    }
    metadata.set("resourceVersion", live.path("metadata").get("resourceVersion"));
    return reply(
        200,
        subresource.isEmpty()
            ? target.updateWritten(
                type,
                namespace,
                name,
                applied,
                byCaller(request, keepingNamespaceFinalizers(FieldManager.applied(applied))))
            : target.updateStatusWritten(
                type, namespace, name, applied, FieldManager.applied(applied)));
  }

  /** A JSON response with the object as written: the stored bytes when the store kept them. */
  private static Reply.Full reply(int status, ObjectStore.Written written) {
    return new Reply.Full(status, JSON, written.json());
  }

  /** Where writes go: the store, or its dry-run view for {@code dryRun=All}. */
  private ObjectStore writer(ApiRequest request) {
    return dryRun(request) ? store.dryRun() : store;
  }

  private static boolean dryRun(ApiRequest request) {
    String dryRun = request.param("dryRun");
    if (dryRun == null || dryRun.isEmpty()) {
      return false;
    }
    if (!dryRun.equals("All")) {
      throw ApiException.badRequest(
          "Unsupported value: \"" + dryRun + "\": supported values: \"All\"");
    }
    return true;
  }

  private ResourceType resolve(Route.Resource route) {
    return registry
        .find(route.group(), route.version(), route.plural())
        .orElseThrow(
            () ->
                new ApiException(
                    404, "NotFound", "the server could not find the requested resource"));
  }

  private JsonNode list(ApiRequest request, ResourceType type, String namespace) {
    String continueToken = request.param("continue");
    String resourceVersion = request.param("resourceVersion");
    checkResourceVersionMatch(type, resourceVersion, request.param("resourceVersionMatch"));
    long revision = 0;
    if (continueToken != null && !continueToken.isEmpty()) {
      if (resourceVersion != null && !resourceVersion.isEmpty()) {
        throw ApiException.badRequest(
            "specifying resource version is not allowed when using continue");
      }
    } else if (resourceVersion != null
        && !resourceVersion.isEmpty()
        && "Exact".equals(request.param("resourceVersionMatch"))) {
      revision = ObjectStore.parseVersion(resourceVersion);
    } else if (resourceVersion != null && !resourceVersion.isEmpty()) {
      long atLeast = ObjectStore.parseVersion(resourceVersion);
      if (atLeast > store.backend().currentRevision()) {
        throw new ApiException(
            504,
            "Timeout",
            "Too large resource version: "
                + atLeast
                + ", current: "
                + store.backend().currentRevision());
      }
    }
    int limit = limit(request.param("limit"));
    return store.list(type, namespace, filter(request, type), limit, continueToken, revision);
  }

  /** Upstream's rules for {@code resourceVersionMatch} on a list. */
  private static void checkResourceVersionMatch(
      ResourceType type, String resourceVersion, String match) {
    if (match == null || match.isEmpty()) {
      return;
    }
    String problem = null;
    if (!match.equals("Exact") && !match.equals("NotOlderThan")) {
      problem =
          "Unsupported value: \"" + match + "\": supported values: \"Exact\", \"NotOlderThan\"";
    } else if (resourceVersion == null || resourceVersion.isEmpty()) {
      problem = "Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided";
    } else if (match.equals("Exact") && resourceVersion.equals("0")) {
      problem = "Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"";
    }
    if (problem != null) {
      throw ApiException.invalid(
          type.kind(),
          "",
          List.of(
              new ApiException.Cause(
                  problem.startsWith("Unsupported")
                      ? "FieldValueNotSupported"
                      : "FieldValueForbidden",
                  problem,
                  "resourceVersionMatch")));
    }
  }

  private Reply watch(
      ApiRequest request, ResourceType type, String namespace, Optional<TableFormat> table) {
    WatchSession.validate(request, type);
    WatchSession session = new WatchSession(store, type, namespace, filter(request, type), request);
    if (table.isEmpty()) {
      return new Reply.Stream(session);
    }
    return new Reply.Stream(
        table.get().contentType(), sink -> session.open(tables.watchSink(type, table.get(), sink)));
  }

  /**
   * The current object with the request's patch applied, carrying the current resourceVersion
   * unless the patch set one (which then acts as a precondition).
   */
  private ObjectNode patch(ApiRequest request, ResourceType type, ObjectNode current) {
    String contentType = Optional.ofNullable(request.contentType()).orElse("").split(";")[0].trim();
    JsonNode patched;
    switch (contentType) {
      case "application/merge-patch+json":
        patched = Patches.merge(current, Json.tree(request.body()));
        break;
      case "application/strategic-merge-patch+json":
        if (type.isCustom()) {
          throw unsupportedPatch(type);
        }
        patched = StrategicMerge.apply(current, Json.tree(request.body()), patchSchemas.of(type));
        break;
      case "application/json-patch+json":
        patched = Patches.apply(current, Json.tree(request.body()));
        break;
      default:
        throw unsupportedPatch(type);
    }
    if (!patched.isObject()) {
      throw ApiException.badRequest("the patched object is not a JSON object");
    }
    ObjectNode object = (ObjectNode) patched;
    if (!object.path("metadata").isObject()) {
      throw ApiException.badRequest("metadata must be an object");
    }
    if (!object.path("metadata").has("resourceVersion")) {
      ((ObjectNode) object.path("metadata"))
          .put("resourceVersion", current.path("metadata").path("resourceVersion").asText());
    }
    return object;
  }

  private static ApiException unsupportedPatch(ResourceType type) {
    return new ApiException(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include:"
            + " application/json-patch+json, application/merge-patch+json, "
            + APPLY_PATCH
            + (type.isCustom() ? "" : ", application/strategic-merge-patch+json"));
  }

  /** Deletes each listed object with the request's options; answers the list as it was. */
  private JsonNode deleteCollection(
      ApiRequest request, ResourceType type, String namespace, DeleteOptions options) {
    ObjectNode list = store.list(type, namespace, filter(request, type), 0, null, 0);
    for (JsonNode item : list.path("items")) {
      JsonNode metadata = item.path("metadata");
      try {
        store.delete(
            type, metadata.path("namespace").asText(null), metadata.path("name").asText(), options);
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
    return list;
  }

  private static Predicate<JsonNode> filter(ApiRequest request, ResourceType type) {
    return Selector.labels(request.param("labelSelector"))
        .and(Selector.fields(request.param("fieldSelector"), type));
  }

  /**
   * A create or update body as {@link #body} reads it, and whether it is known to have no key given
   * twice (a JSON body parsed with that check, which then need not be read again for them).
   */
  private record Body(ObjectNode object, boolean uniqueKeys) {}

  private static Body parsedBody(ApiRequest request) {
    String contentType = request.contentType();
    String mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
    if (mediaType.isEmpty() || mediaType.equals("application/json")) {
      ObjectNode object = Json.objectWithUniqueKeys(request.body());
      if (object != null) {
        return new Body(object, true);
      }
    }
    return new Body(body(request), false);
  }

  /**
   * The object in a create or update body: JSON, YAML, or Kubernetes protobuf decoded to the same
   * JSON tree; other encodings (CBOR) get a 415.
   */
  public static ObjectNode body(ApiRequest request) {
    if (ProtobufBody.isProtobuf(request.contentType())) {
      return ProtobufBody.decode(request.body());
    }
    String contentType = Optional.ofNullable(request.contentType()).orElse("application/json");
    String mediaType = contentType.split(";")[0].trim();
    switch (mediaType) {
      case "":
      case "application/json":
        return Json.object(request.body());
      case "application/yaml":
        return Json.yamlObject(request.body());
      default:
        throw new ApiException(
            415,
            "UnsupportedMediaType",
            "the body of the request was in an unknown format - accepted media types include:"
                + " application/json, application/yaml, "
                + ProtobufBody.MEDIA_TYPE);
    }
  }

  private static void requireNamespace(ResourceType type, String namespace) {
    if (type.namespaced() && namespace == null) {
      throw new ApiException(
          404,
          "NotFound",
          "the server could not find the requested resource: "
              + type.plural()
              + " are namespaced; use /namespaces/{namespace}/"
              + type.plural());
    }
  }

  private static int limit(String limit) {
    if (limit == null || limit.isEmpty()) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(limit));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid limit \"" + limit + "\"");
    }
  }

  private static ApiException methodNotAllowed(ApiRequest request) {
    return new ApiException(
        405,
        "MethodNotAllowed",
        "the server does not allow this method on the requested resource: " + request.method());
  }
}

package io.k3j.core.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The path and query parameters of API operations, named and typed as kube-apiserver documents
 * them. kubectl and Helm look for {@code fieldValidation} on PATCH to decide that the server
 * validates fields itself.
 */
final class Parameters {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static final JsonNode NAME = path("name", "name of the object");
  static final JsonNode NAMESPACE = path("namespace", "namespace of the object");
  static final JsonNode PRETTY = query("pretty", "string", "If 'true', pretty-print the output.");

  private static final JsonNode ALLOW_WATCH_BOOKMARKS =
      query("allowWatchBookmarks", "boolean", "Whether a watch may send BOOKMARK events.");
  private static final JsonNode CONTINUE =
      query("continue", "string", "The token of the next page of a chunked list.");
  private static final JsonNode FIELD_SELECTOR =
      query("fieldSelector", "string", "Only objects whose fields match this selector.");
  private static final JsonNode LABEL_SELECTOR =
      query("labelSelector", "string", "Only objects whose labels match this selector.");
  private static final JsonNode LIMIT =
      query("limit", "integer", "The most objects to return in one page.");
  private static final JsonNode RESOURCE_VERSION =
      query("resourceVersion", "string", "Which version of the data a list or watch starts at.");
  private static final JsonNode RESOURCE_VERSION_MATCH =
      query(
          "resourceVersionMatch", "string", "How resourceVersion applies: Exact or NotOlderThan.");
  private static final JsonNode SEND_INITIAL_EVENTS =
      query("sendInitialEvents", "boolean", "Whether a watch starts with the current objects.");
  private static final JsonNode TIMEOUT_SECONDS =
      query("timeoutSeconds", "integer", "How long a list or watch may last.");
  private static final JsonNode WATCH =
      query("watch", "boolean", "Watch for changes instead of listing.");
  private static final JsonNode DRY_RUN =
      query("dryRun", "string", "All: run every stage of the request but persist nothing.");
  private static final JsonNode FIELD_MANAGER =
      query("fieldManager", "string", "The name of the actor making the change.");
  private static final JsonNode FIELD_VALIDATION =
      query(
          "fieldValidation",
          "string",
          "What to do with unknown or duplicate fields in the body: Ignore, Warn or Strict.");
  private static final JsonNode FORCE =
      query("force", "boolean", "For apply patches: take over fields other managers own.");
  private static final JsonNode GRACE_PERIOD_SECONDS =
      query("gracePeriodSeconds", "integer", "Seconds before the object is deleted.");
  private static final JsonNode ORPHAN_DEPENDENTS =
      query("orphanDependents", "boolean", "Deprecated: use propagationPolicy.");
  private static final JsonNode PROPAGATION_POLICY =
      query(
          "propagationPolicy",
          "string",
          "How dependents are deleted: Orphan, Background, Foreground.");

  /** list, watch and watchlist. */
  static final List<JsonNode> LIST =
      List.of(
          ALLOW_WATCH_BOOKMARKS,
          CONTINUE,
          FIELD_SELECTOR,
          LABEL_SELECTOR,
          LIMIT,
          RESOURCE_VERSION,
          RESOURCE_VERSION_MATCH,
          SEND_INITIAL_EVENTS,
          TIMEOUT_SECONDS,
          WATCH);

  /** create (POST) and replace (PUT). */
  static final List<JsonNode> WRITE = List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION);

  static final List<JsonNode> PATCH = List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE);

  static final List<JsonNode> DELETE =
      List.of(DRY_RUN, GRACE_PERIOD_SECONDS, ORPHAN_DEPENDENTS, PROPAGATION_POLICY);

  static final List<JsonNode> DELETE_COLLECTION =
      List.of(
          CONTINUE,
          DRY_RUN,
          FIELD_SELECTOR,
          GRACE_PERIOD_SECONDS,
          LABEL_SELECTOR,
          LIMIT,
          ORPHAN_DEPENDENTS,
          PROPAGATION_POLICY,
          RESOURCE_VERSION,
          RESOURCE_VERSION_MATCH,
          SEND_INITIAL_EVENTS,
          TIMEOUT_SECONDS);

  private Parameters() {}

  private static ObjectNode path(String name, String description) {
    ObjectNode parameter = parameter(name, "path", "string", description);
    parameter.put("required", true);
    return parameter;
  }

  private static ObjectNode query(String name, String type, String description) {
    return parameter(name, "query", type, description);
  }

  private static ObjectNode parameter(String name, String in, String type, String description) {
    ObjectNode parameter = NODES.objectNode();
    parameter.put("name", name).put("in", in).put("description", description);
    parameter.putObject("schema").put("type", type).put("uniqueItems", true);
    return parameter;
  }
}

package io.k3j.core.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;

/**
 * One entry of {@code metadata.managedFields}: a manager, its operation ({@code Apply} or {@code
 * Update}), the apiVersion it wrote with, when, the subresource ({@code ""} for the main resource)
 * and the fields it owns.
 */
record ManagedFieldsEntry(
    String manager,
    String operation,
    String apiVersion,
    String time,
    String subresource,
    FieldSet fields) {
  static final String APPLY = "Apply";
  static final String UPDATE = "Update";

  /** Upstream's order: by operation, time, manager, apiVersion, subresource. */
  static final Comparator<ManagedFieldsEntry> ORDER =
      Comparator.comparing(ManagedFieldsEntry::operation)
          .thenComparing(ManagedFieldsEntry::time)
          .thenComparing(ManagedFieldsEntry::manager)
          .thenComparing(ManagedFieldsEntry::apiVersion)
          .thenComparing(ManagedFieldsEntry::subresource);

  /**
   * Whether {@code other} is the same manager in upstream's sense: manager, operation and
   * subresource, and for Update also the apiVersion; time and fields do not count.
   */
  boolean sameManager(ManagedFieldsEntry other) {
    return manager.equals(other.manager)
        && operation.equals(other.operation)
        && subresource.equals(other.subresource)
        && (operation.equals(APPLY) || apiVersion.equals(other.apiVersion));
  }

  ManagedFieldsEntry withFields(FieldSet fields) {
    return new ManagedFieldsEntry(manager, operation, apiVersion, time, subresource, fields);
  }

  /**
   * How upstream names this manager in conflict messages: {@code "kubectl"}, {@code "x" with
   * subresource "status"}, and for updates {@code using apps/v1}.
   */
  String describe() {
    String text = "\"" + manager + "\"";
    if (!subresource.isEmpty()) {
      text += " with subresource \"" + subresource + "\"";
    }
    return operation.equals(UPDATE) ? text + " using " + apiVersion : text;
  }

  ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("manager", manager);
    json.put("operation", operation);
    json.put("apiVersion", apiVersion);
    json.put("time", time);
    json.put("fieldsType", "FieldsV1");
    json.set("fieldsV1", fields.toFieldsV1());
    if (!subresource.isEmpty()) {
      json.put("subresource", subresource);
    }
    return json;
  }

  /** Reads an entry; a malformed one is an {@link IllegalArgumentException}. */
  static ManagedFieldsEntry fromJson(JsonNode json) {
    if (!json.isObject()) {
      throw new IllegalArgumentException("an entry must be an object");
    }
    String operation = json.path("operation").asText("");
    if (!operation.equals(APPLY) && !operation.equals(UPDATE)) {
      throw new IllegalArgumentException(
          "operation must be Apply or Update, not \"" + operation + "\"");
    }
    String fieldsType = json.path("fieldsType").asText("FieldsV1");
    if (!fieldsType.equals("FieldsV1")) {
      throw new IllegalArgumentException("fieldsType must be FieldsV1, not \"" + fieldsType + "\"");
    }
    JsonNode fields = json.path("fieldsV1");
    return new ManagedFieldsEntry(
        json.path("manager").asText(""),
        operation,
        json.path("apiVersion").asText(""),
        json.path("time").asText(""),
        json.path("subresource").asText(""),
        fields.isMissingNode() ? new FieldSet() : FieldSet.fromFieldsV1(fields));
  }
}

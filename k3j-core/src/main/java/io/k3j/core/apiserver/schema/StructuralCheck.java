package io.k3j.core.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.k3j.core.apiserver.ApiException.Cause;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Why an {@code openAPIV3Schema} is not structural (the rules of the Kubernetes docs "Specifying a
 * structural schema"), plus the keywords apiextensions-apiserver rejects in any v1 schema; causes
 * sorted by their text as upstream sorts them.
 */
final class StructuralCheck {
  private enum Level {
    ROOT,
    ITEM,
    FIELD
  }

  private static final List<String> TYPES =
      List.of("array", "boolean", "integer", "number", "object", "string");
  private static final List<String> LIST_TYPES = List.of("atomic", "map", "set");
  private static final Set<String> METADATA_KEYS = Set.of("type", "default", "properties");
  private static final Set<String> METADATA_PROPERTIES = Set.of("name", "generateName");
  private static final List<String> JUNCTORS = List.of("allOf", "anyOf", "oneOf");

  private final List<Cause> causes = new ArrayList<>();

  /**
   * The causes for a schema at {@code path} (e.g. {@code spec.versions[0].schema.openAPIV3Schema}).
   */
  static List<Cause> check(JsonNode schema, String path) {
    StructuralCheck check = new StructuralCheck();
    check.structural(schema, Level.ROOT, path);
    check.completeness(schema, path);
    check.causes.sort(Comparator.comparing(c -> c.field() + ": " + c.message()));
    return check.causes;
  }

  private void structural(JsonNode s, Level level, String path) {
    if (!s.isObject()) {
      return;
    }
    String type = s.path("type").asText("");
    boolean intOrString = s.path("x-kubernetes-int-or-string").asBoolean(false);
    boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    boolean embedded = s.path("x-kubernetes-embedded-resource").asBoolean(false);
    if (type.equals("array") && !s.has("items")) {
      causes.add(FieldErrors.required(Paths.child(path, "items"), "must be specified"));
    }
    structural(s.path("items"), Level.ITEM, Paths.child(path, "items"));
    s.path("properties")
        .fields()
        .forEachRemaining(e -> structural(e.getValue(), Level.FIELD, property(path, e.getKey())));
    JsonNode additional = s.get("additionalProperties");
    if (additional != null) {
      String additionalPath = Paths.child(path, "additionalProperties");
      if (level == Level.ROOT) {
        causes.add(FieldErrors.forbidden(additionalPath, "must not be used at the root"));
      }
      if (s.has("properties")) {
        causes.add(
            FieldErrors.forbidden(
                additionalPath, "additionalProperties and properties are mutual exclusive"));
      }
      if (embedded) {
        causes.add(
            FieldErrors.forbidden(
                additionalPath, "must not be used if x-kubernetes-embedded-resource is set"));
      }
      structural(additional, Level.FIELD, additionalPath);
    }
    if (intOrString && preserve) {
      causes.add(
          FieldErrors.invalid(
              Paths.child(path, "x-kubernetes-preserve-unknown-fields"),
              BooleanNode.TRUE,
              "must be false if x-kubernetes-int-or-string is true"));
    }
    if (intOrString && embedded) {
      causes.add(
          FieldErrors.invalid(
              Paths.child(path, "x-kubernetes-embedded-resource"),
              BooleanNode.TRUE,
              "must be false if x-kubernetes-int-or-string is true"));
    }
    valueValidation(s, level, path, isIntOrStringAnyOf(s.path("anyOf")), isIntOrStringAllOf(s));
    String typePath = Paths.child(path, "type");
    if (embedded && !type.equals("object")) {
      String detail = "must be object if x-kubernetes-embedded-resource is true";
      causes.add(
          type.isEmpty()
              ? FieldErrors.required(typePath, detail)
              : FieldErrors.invalid(typePath, type, detail));
    } else if (type.isEmpty() && !intOrString && !preserve) {
      causes.add(FieldErrors.required(typePath, emptyTypeDetail(level)));
    } else if (!type.isEmpty() && !TYPES.contains(type)) {
      causes.add(FieldErrors.notSupported(typePath, type, TYPES));
    }
    if (level == Level.ROOT && !type.isEmpty() && !type.equals("object")) {
      causes.add(FieldErrors.invalid(typePath, type, "must be object at the root"));
    }
    if (level == Level.ROOT || embedded) {
      resourceFields(s.path("properties"), path, level == Level.ROOT);
    }
    if (embedded && !preserve && s.path("properties").isEmpty()) {
      causes.add(
          FieldErrors.required(
              Paths.child(path, "properties"),
              "must not be empty if x-kubernetes-embedded-resource is true without"
                  + " x-kubernetes-preserve-unknown-fields"));
    }
    keywords(s, path);
  }

  private static String emptyTypeDetail(Level level) {
    return switch (level) {
      case ROOT -> "must not be empty at the root";
      case ITEM -> "must not be empty for specified array items";
      case FIELD -> "must not be empty for specified object fields";
    };
  }

  /** apiVersion and kind are strings, metadata an object restricted only in name/generateName. */
  private void resourceFields(JsonNode properties, String path, boolean root) {
    for (String name : List.of("kind", "apiVersion")) {
      JsonNode field = properties.get(name);
      if (field != null && !field.path("type").asText("").equals("string")) {
        causes.add(
            FieldErrors.invalid(
                Paths.child(property(path, name), "type"),
                field.path("type").asText(""),
                "must be string"));
      }
    }
    JsonNode metadata = properties.get("metadata");
    if (metadata == null) {
      return;
    }
    String metadataPath = property(path, "metadata");
    if (!metadata.path("type").asText("").equals("object")) {
      causes.add(
          FieldErrors.invalid(
              Paths.child(metadataPath, "type"),
              metadata.path("type").asText(""),
              "must be object"));
    }
    boolean restricted = false;
    for (var names = metadata.fieldNames(); names.hasNext(); ) {
      restricted |= !METADATA_KEYS.contains(names.next());
    }
    for (var names = metadata.path("properties").fieldNames(); names.hasNext(); ) {
      restricted |= !METADATA_PROPERTIES.contains(names.next());
    }
    if (root && restricted) {
      causes.add(
          FieldErrors.forbidden(
              metadataPath,
              "must not specify anything other than name and generateName, but metadata is"
                  + " implicitly specified"));
    }
  }

  /** Keywords v1 CRDs reject wherever they appear. */
  private void keywords(JsonNode s, String path) {
    if (s.has("$ref")) {
      causes.add(FieldErrors.forbidden(Paths.child(path, "$ref"), "$ref is not supported"));
    }
    if (s.path("uniqueItems").asBoolean(false)) {
      causes.add(
          FieldErrors.forbidden(
              Paths.child(path, "uniqueItems"),
              "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
    }
    String listType = s.path("x-kubernetes-list-type").asText("");
    String listTypePath = Paths.child(path, "x-kubernetes-list-type");
    String keysPath = Paths.child(path, "x-kubernetes-list-map-keys");
    if (!listType.isEmpty() && !LIST_TYPES.contains(listType)) {
      causes.add(FieldErrors.notSupported(listTypePath, listType, LIST_TYPES));
    }
    if (listType.equals("map") && s.path("x-kubernetes-list-map-keys").isEmpty()) {
      causes.add(
          FieldErrors.required(keysPath, "must not be empty if x-kubernetes-list-type is map"));
    }
    if (!listType.equals("map") && !s.path("x-kubernetes-list-map-keys").isEmpty()) {
      causes.add(
          FieldErrors.forbidden(keysPath, "must not be set if x-kubernetes-list-type is not map"));
    }
  }

  private void valueValidation(
      JsonNode s, Level level, String path, boolean skipAnyOf, boolean skipFirstAllOfAnyOf) {
    if (!skipAnyOf) {
      forEach(s.path("anyOf"), path, "anyOf", (n, p) -> nested(n, false, false, level, p));
    }
    JsonNode allOf = s.path("allOf");
    for (int i = 0; i < allOf.size(); i++) {
      boolean skip = skipFirstAllOfAnyOf && i == 0;
      nested(allOf.get(i), skip, false, level, Paths.index(Paths.child(path, "allOf"), i));
    }
    forEach(s.path("oneOf"), path, "oneOf", (n, p) -> nested(n, false, false, level, p));
    if (s.has("not")) {
      nested(s.get("not"), false, false, level, Paths.child(path, "not"));
    }
    if (s.hasNonNull("pattern")) {
      try {
        Pattern.compile(s.get("pattern").asText());
      } catch (PatternSyntaxException e) {
        causes.add(
            FieldErrors.invalid(
                Paths.child(path, "pattern"),
                s.get("pattern").asText(),
                "must be a valid regular expression, but isn't: " + e.getDescription()));
      }
    }
  }

  private void nested(
      JsonNode v, boolean skipAnyOf, boolean skipAllOfAnyOf, Level level, String path) {
    if (!v.isObject()) {
      return;
    }
    valueValidation(v, level, path, skipAnyOf, skipAllOfAnyOf);
    if (v.has("items")) {
      nested(v.get("items"), false, false, level, Paths.child(path, "items"));
    }
    v.path("properties")
        .fields()
        .forEachRemaining(
            e -> nested(e.getValue(), false, false, Level.FIELD, property(path, e.getKey())));
    forbidIf(v.hasNonNull("type"), path, "type", "must be empty to be structural");
    forbidIf(
        v.has("additionalProperties"),
        path,
        "additionalProperties",
        "must be undefined to be structural");
    forbidIf(v.has("default"), path, "default", "must be undefined to be structural");
    forbidIf(
        !v.path("title").asText("").isEmpty(), path, "title", "must be empty to be structural");
    forbidIf(
        !v.path("description").asText("").isEmpty(),
        path,
        "description",
        "must be empty to be structural");
    forbidIf(
        v.path("nullable").asBoolean(false), path, "nullable", "must be false to be structural");
    for (String flag :
        List.of(
            "x-kubernetes-preserve-unknown-fields",
            "x-kubernetes-embedded-resource",
            "x-kubernetes-int-or-string")) {
      forbidIf(v.path(flag).asBoolean(false), path, flag, "must be false to be structural");
    }
    forbidIf(
        !v.path("x-kubernetes-list-map-keys").isEmpty(),
        path,
        "x-kubernetes-list-map-keys",
        "must be empty to be structural");
    forbidIf(
        v.has("x-kubernetes-list-type"),
        path,
        "x-kubernetes-list-type",
        "must be undefined to be structural");
    if (v.path("properties").has("metadata")) {
      causes.add(
          FieldErrors.forbidden(
              property(path, "metadata"), "must not be specified in a nested context"));
    }
  }

  private void forbidIf(boolean condition, String path, String keyword, String detail) {
    if (condition) {
      causes.add(FieldErrors.forbidden(Paths.child(path, keyword), detail));
    }
  }

  /** Every field or item a value validation names is also specified structurally. */
  private void completeness(JsonNode s, String path) {
    if (!s.isObject()) {
      return;
    }
    junctors(s, path, (v, vPath) -> nestedCompleteness(v, s, path, vPath));
    completeness(s.path("items"), Paths.child(path, "items"));
    s.path("properties")
        .fields()
        .forEachRemaining(e -> completeness(e.getValue(), property(path, e.getKey())));
    completeness(s.path("additionalProperties"), Paths.child(path, "additionalProperties"));
  }

  private void nestedCompleteness(JsonNode v, JsonNode s, String sPath, String vPath) {
    if (!v.isObject()) {
      return;
    }
    junctors(v, vPath, (child, childPath) -> nestedCompleteness(child, s, sPath, childPath));
    if (v.has("items")) {
      String itemsPath = Paths.child(sPath, "items");
      if (!s.path("items").isObject()) {
        causes.add(missing(itemsPath, Paths.child(vPath, "items")));
      } else {
        nestedCompleteness(v.get("items"), s.get("items"), itemsPath, Paths.child(vPath, "items"));
      }
    }
    v.path("properties")
        .fields()
        .forEachRemaining(
            e -> {
              String fieldPath = property(sPath, e.getKey());
              JsonNode field = s.path("properties").path(e.getKey());
              if (!field.isObject()) {
                causes.add(missing(fieldPath, property(vPath, e.getKey())));
              } else {
                nestedCompleteness(e.getValue(), field, fieldPath, property(vPath, e.getKey()));
              }
            });
  }

  private static Cause missing(String structuralPath, String definedAt) {
    return FieldErrors.required(structuralPath, "because it is defined in " + definedAt);
  }

  private static void junctors(JsonNode s, String path, Visitor visitor) {
    if (s.has("not")) {
      visitor.visit(s.get("not"), Paths.child(path, "not"));
    }
    for (String junctor : JUNCTORS) {
      forEach(s.path(junctor), path, junctor, visitor);
    }
  }

  private static void forEach(JsonNode list, String path, String keyword, Visitor visitor) {
    for (int i = 0; i < list.size(); i++) {
      visitor.visit(list.get(i), Paths.index(Paths.child(path, keyword), i));
    }
  }

  private interface Visitor {
    void visit(JsonNode node, String path);
  }

  private static boolean isIntOrStringAnyOf(JsonNode anyOf) {
    return anyOf.size() == 2
        && isOnlyType(anyOf.get(0), "integer")
        && isOnlyType(anyOf.get(1), "string");
  }

  private static boolean isIntOrStringAllOf(JsonNode s) {
    return s.path("allOf").size() >= 1 && isIntOrStringAnyOf(s.path("allOf").get(0).path("anyOf"));
  }

  private static boolean isOnlyType(JsonNode node, String type) {
    return node.size() == 1 && node.path("type").asText("").equals(type);
  }

  private static String property(String path, String name) {
    return Paths.child(path, "properties") + "[" + name + "]";
  }
}

package io.k3j.core.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * Upstream types whose JSON form is not their Go struct, so reflection cannot derive them; their
 * schemas follow kube-apiserver's OpenAPI v3 output (Quantity as string-or-number, IntOrString as
 * integer-or-string, Time and MicroTime as RFC 3339 strings, free-form RawExtension and JSON).
 * Shared nodes: callers never modify them.
 */
final class SpecialSchemas {
  static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
  static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
  static final String TIME = SchemaNames.META + "Time";
  static final String MICRO_TIME = SchemaNames.META + "MicroTime";
  static final String FIELDS_V1 = SchemaNames.META + "FieldsV1";
  static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";
  static final String JSON = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON";

  private static final String APIEXTENSIONS_MODEL =
      "io.fabric8.kubernetes.api.model.apiextensions.v1.";
  private static final String APIEXTENSIONS =
      "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Map<String, String> BY_CLASS =
      Map.of(
          "io.fabric8.kubernetes.api.model.Quantity",
          QUANTITY,
          "io.fabric8.kubernetes.api.model.IntOrString",
          INT_OR_STRING,
          "io.fabric8.kubernetes.api.model.MicroTime",
          MICRO_TIME,
          "io.fabric8.kubernetes.api.model.FieldsV1",
          FIELDS_V1,
          APIEXTENSIONS_MODEL + "JSONSchemaPropsOrArray",
          APIEXTENSIONS + "JSONSchemaPropsOrArray",
          APIEXTENSIONS_MODEL + "JSONSchemaPropsOrBool",
          APIEXTENSIONS + "JSONSchemaPropsOrBool",
          APIEXTENSIONS_MODEL + "JSONSchemaPropsOrStringArray",
          APIEXTENSIONS + "JSONSchemaPropsOrStringArray");

  private static final Map<String, JsonNode> SCHEMAS =
      Map.of(
          QUANTITY,
          oneOf("a fixed-point number such as 100m, 1.5Gi or 2", "string", "number"),
          INT_OR_STRING,
          oneOf("an integer or a string such as 25%", "integer", "string")
              .put("format", "int-or-string")
              .put("x-kubernetes-int-or-string", true),
          TIME,
          dateTime("a time in RFC 3339 form, to the second"),
          MICRO_TIME,
          dateTime("a time in RFC 3339 form with microseconds"),
          FIELDS_V1,
          object("the set of fields a manager owns, in the FieldsV1 trie format"),
          RAW_EXTENSION,
          object("an embedded object of any kind"),
          JSON,
          described("any JSON value"),
          APIEXTENSIONS + "JSONSchemaPropsOrArray",
          described("a JSON schema, or an array of JSON schemas"),
          APIEXTENSIONS + "JSONSchemaPropsOrBool",
          described("a JSON schema, or a boolean"),
          APIEXTENSIONS + "JSONSchemaPropsOrStringArray",
          described("a JSON schema, or an array of strings"));

  private static final JsonNode PATCH =
      object("the body of a PATCH request, in the format its Content-Type names");

  private SpecialSchemas() {}

  /** The upstream name of a fabric8 class that has its own JSON form, if it is one. */
  static Optional<String> forClass(Class<?> model) {
    return Optional.ofNullable(BY_CLASS.get(model.getName()));
  }

  /** The schema of a special type, or of {@code meta/v1 Patch}. */
  static JsonNode schema(String name) {
    if (name.equals(SchemaNames.PATCH)) {
      return PATCH;
    }
    JsonNode schema = SCHEMAS.get(name);
    if (schema == null) {
      throw new IllegalArgumentException("not a special schema: " + name);
    }
    return schema;
  }

  static boolean isSpecial(String name) {
    return SCHEMAS.containsKey(name) || name.equals(SchemaNames.PATCH);
  }

  private static ObjectNode described(String description) {
    return NODES.objectNode().put("description", description);
  }

  private static ObjectNode object(String description) {
    return described(description).put("type", "object");
  }

  private static ObjectNode dateTime(String description) {
    return described(description).put("type", "string").put("format", "date-time");
  }

  private static ObjectNode oneOf(String description, String first, String second) {
    ObjectNode schema = described(description);
    schema.putArray("oneOf").add(type(first)).add(type(second));
    return schema;
  }

  private static ObjectNode type(String type) {
    return NODES.objectNode().put("type", type);
  }
}

package io.k3j.core.apiserver.openapi;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenAPI schemas of fabric8 model classes, derived by reflection: Jackson property names, Java
 * types as OpenAPI types (maps as {@code additionalProperties}, lists as {@code items}, enums),
 * {@code required} where the model marks it, upstream's special types, patch metadata, and {@code
 * x-kubernetes-group-version-kind} on kinds. Each class is reflected once; the schemas are shared
 * between documents and never modified afterwards.
 */
final class ModelSchemas {
  /**
   * Properties that are {@code metav1.Time} upstream but plain strings in the fabric8 model (the
   * {@code Time} fields of k8s.io/api and apimachinery v0.32.0).
   */
  private static final Set<String> TIME_PROPERTIES =
      Set.of(
          "completionTime",
          "creationTimestamp",
          "deletionTimestamp",
          "deprecatedFirstTimestamp",
          "deprecatedLastTimestamp",
          "evictionTime",
          "finishedAt",
          "firstTimestamp",
          "lastHeartbeatTime",
          "lastPhaseTransitionTime",
          "lastProbeTime",
          "lastScaleTime",
          "lastScheduleTime",
          "lastSuccessfulTime",
          "lastTimestamp",
          "lastTransitionTime",
          "lastUpdateTime",
          "sinceTime",
          "startTime",
          "startedAt",
          "time",
          "timeAdded");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A reflected class: its schema and the schemas it refers to. */
  private record Model(String name, JsonNode schema, Set<Class<?>> models, Set<String> specials) {}

  private final Map<Class<?>, Model> reflected = new ConcurrentHashMap<>();

  /**
   * Adds the schema of {@code model}, and of every schema it refers to, to {@code into}; returns
   * its name.
   */
  String collect(Class<?> model, Map<String, JsonNode> into) {
    Optional<String> special = SpecialSchemas.forClass(model);
    if (special.isPresent()) {
      into.putIfAbsent(special.get(), SpecialSchemas.schema(special.get()));
      return special.get();
    }
    Model reflection = reflected.computeIfAbsent(model, ModelSchemas::reflect);
    if (into.putIfAbsent(reflection.name(), reflection.schema()) == null) {
      reflection.specials().forEach(name -> into.putIfAbsent(name, SpecialSchemas.schema(name)));
      reflection.models().forEach(referenced -> collect(referenced, into));
    }
    return reflection.name();
  }

  /** A property that refers to a named schema; {@code allOf} leaves room for extensions. */
  static ObjectNode ref(String name) {
    ObjectNode schema = NODES.objectNode();
    schema.putArray("allOf").addObject().put("$ref", "#/components/schemas/" + name);
    return schema;
  }

  /** {@code x-kubernetes-group-version-kind} as schemas carry it: a list of one. */
  static ArrayNode groupVersionKinds(String group, String version, String kind) {
    ArrayNode list = NODES.arrayNode();
    list.addObject().put("group", group).put("kind", kind).put("version", version);
    return list;
  }

  private static Model reflect(Class<?> model) {
    String name = SchemaNames.of(model);
    Set<Class<?>> models = new LinkedHashSet<>();
    Set<String> specials = new LinkedHashSet<>();
    Map<String, JsonNode> properties = new TreeMap<>();
    List<String> required = new ArrayList<>();
    for (Class<?> type = model; type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        JsonProperty json = field.getAnnotation(JsonProperty.class);
        if (json == null
            || Modifier.isStatic(field.getModifiers())
            || field.isAnnotationPresent(JsonIgnore.class)) {
          continue;
        }
        String property = json.value().isEmpty() ? field.getName() : json.value();
        ObjectNode schema =
            schemaOf(field.getGenericType(), field, property, new References(models, specials));
        PatchMetadata.annotate(name, property, schema);
        properties.put(property, schema);
        if (json.required()) {
          required.add(property);
        }
      }
    }
    ObjectNode schema = NODES.objectNode().put("type", "object");
    schema.putObject("properties").setAll(properties);
    if (!required.isEmpty()) {
      ArrayNode list = schema.putArray("required");
      required.stream().sorted().forEach(list::add);
    }
    Group group = model.getAnnotation(Group.class);
    Version version = model.getAnnotation(Version.class);
    if (HasMetadata.class.isAssignableFrom(model) && group != null && version != null) {
      schema.set(
          "x-kubernetes-group-version-kind",
          groupVersionKinds(group.value(), version.value(), model.getSimpleName()));
    }
    return new Model(name, schema, Set.copyOf(models), Set.copyOf(specials));
  }

  /** Where a reflected class records the schemas it refers to. */
  private record References(Set<Class<?>> models, Set<String> specials) {
    ObjectNode model(Class<?> type) {
      models.add(type);
      return ref(SchemaNames.of(type));
    }

    ObjectNode special(String name) {
      specials.add(name);
      return ref(name);
    }
  }

  /**
   * The schema of a Java type; {@code field} and {@code property} are given for the field's own
   * type and null for list items and map values.
   */
  private static ObjectNode schemaOf(
      Type javaType, Field field, String property, References references) {
    if (javaType instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] arguments = parameterized.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        ObjectNode array = NODES.objectNode().put("type", "array");
        array.set("items", schemaOf(arguments[0], null, null, references));
        return array;
      }
      if (Map.class.isAssignableFrom(raw)) {
        ObjectNode map = NODES.objectNode().put("type", "object");
        map.set("additionalProperties", schemaOf(arguments[1], null, null, references));
        return map;
      }
      javaType = raw;
    }
    if (!(javaType instanceof Class<?> type)) {
      return references.special(SpecialSchemas.RAW_EXTENSION);
    }
    if (type == String.class) {
      return property != null && TIME_PROPERTIES.contains(property)
          ? references.special(SpecialSchemas.TIME)
          : scalar("string", null);
    }
    if (type == Integer.class || type == int.class || type == Short.class) {
      return scalar("integer", "int32");
    }
    if (type == Long.class || type == long.class) {
      return scalar("integer", "int64");
    }
    if (type == Boolean.class || type == boolean.class) {
      return scalar("boolean", null);
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return scalar("number", "double");
    }
    if (type.isEnum()) {
      return enumeration(type);
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return references.special(micro(field) ? SpecialSchemas.MICRO_TIME : SpecialSchemas.TIME);
    }
    if (JsonNode.class.isAssignableFrom(type)) {
      return references.special(SpecialSchemas.JSON);
    }
    Optional<String> special = SpecialSchemas.forClass(type);
    if (special.isPresent()) {
      return references.special(special.get());
    }
    if (type == Object.class || type.isInterface()) {
      return references.special(SpecialSchemas.RAW_EXTENSION);
    }
    return references.model(type);
  }

  private static ObjectNode scalar(String type, String format) {
    ObjectNode schema = NODES.objectNode().put("type", type);
    if (format != null) {
      schema.put("format", format);
    }
    return schema;
  }

  private static ObjectNode enumeration(Class<?> type) {
    ObjectNode schema = scalar("string", null);
    ArrayNode values = schema.putArray("enum");
    for (Field constant : type.getDeclaredFields()) {
      if (constant.isEnumConstant()) {
        JsonProperty json = constant.getAnnotation(JsonProperty.class);
        values.add(json != null && !json.value().isEmpty() ? json.value() : constant.getName());
      }
    }
    return schema;
  }

  /** Whether a date-time field is written with microseconds (MicroTime upstream). */
  private static boolean micro(Field field) {
    JsonFormat format = field == null ? null : field.getAnnotation(JsonFormat.class);
    return format != null && format.pattern().contains("SSSSSS");
  }
}

package io.k3j.core.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ModelSchemasTest {
  private final ModelSchemas models = new ModelSchemas();

  enum Phase {
    @JsonProperty("Pending")
    PENDING,
    Running
  }

  /** A model class of the shapes fabric8 uses. */
  static final class Sample {
    @JsonProperty(value = "name", required = true)
    private String name;

    @JsonProperty("phase")
    private Phase phase;

    @JsonProperty("lastTransitionTime")
    private String lastTransitionTime;

    @JsonProperty("renewTime")
    @JsonFormat(pattern = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
    private ZonedDateTime renewTime;

    @JsonProperty("matrix")
    private List<List<Long>> matrix;

    @JsonProperty("labels")
    private Map<String, String> labels;

    @JsonProperty("children")
    private Map<String, Sample> children;

    @JsonProperty("port")
    private IntOrString port;

    @JsonProperty("ratio")
    private Double ratio;

    @JsonProperty("raw")
    private Object raw;

    @JsonIgnore private Map<String, Object> additionalProperties;

    private static final String CONSTANT = "not a property";
  }

  private Map<String, JsonNode> collect(Class<?> type) {
    Map<String, JsonNode> into = new TreeMap<>();
    models.collect(type, into);
    return into;
  }

  @Test
  @DisplayName("Jackson names, OpenAPI types, enums, required, maps, lists and special types")
  void reflectsFields() {
    Map<String, JsonNode> schemas = collect(Sample.class);
    String name = SchemaNames.of(Sample.class);
    JsonNode schema = schemas.get(name);
    JsonNode properties = schema.path("properties");
    assertThat(properties.fieldNames())
        .toIterable()
        .containsExactly(
            "children",
            "labels",
            "lastTransitionTime",
            "matrix",
            "name",
            "phase",
            "port",
            "ratio",
            "raw",
            "renewTime");
    assertThat(schema.path("required").toString()).isEqualTo("[\"name\"]");
    assertThat(properties.path("phase").toString())
        .isEqualTo("{\"type\":\"string\",\"enum\":[\"Pending\",\"Running\"]}");
    assertThat(properties.path("matrix").toString())
        .isEqualTo(
            "{\"type\":\"array\",\"items\":{\"type\":\"array\",\"items\":"
                + "{\"type\":\"integer\",\"format\":\"int64\"}}}");
    assertThat(properties.path("labels").path("additionalProperties").path("type").asText())
        .isEqualTo("string");
    assertThat(
            properties
                .path("children")
                .path("additionalProperties")
                .path("allOf")
                .get(0)
                .path("$ref")
                .asText())
        .isEqualTo("#/components/schemas/" + name);
    assertThat(properties.path("ratio").path("type").asText()).isEqualTo("number");
    assertThat(ref(properties.path("lastTransitionTime"))).isEqualTo(SpecialSchemas.TIME);
    assertThat(ref(properties.path("renewTime"))).isEqualTo(SpecialSchemas.MICRO_TIME);
    assertThat(ref(properties.path("port"))).isEqualTo(SpecialSchemas.INT_OR_STRING);
    assertThat(ref(properties.path("raw"))).isEqualTo(SpecialSchemas.RAW_EXTENSION);
    assertThat(schemas.keySet())
        .containsExactlyInAnyOrder(
            name,
            SpecialSchemas.TIME,
            SpecialSchemas.MICRO_TIME,
            SpecialSchemas.INT_OR_STRING,
            SpecialSchemas.RAW_EXTENSION);
    assertThat(schema.has("x-kubernetes-group-version-kind")).isFalse();
  }

  @Test
  @DisplayName("self-referencing models terminate; custom-serialized helpers become open schemas")
  void recursiveModel() {
    Map<String, JsonNode> schemas = collect(JSONSchemaProps.class);
    String prefix = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.";
    JsonNode props = schemas.get(prefix + "JSONSchemaProps").path("properties");
    assertThat(ref(props.path("properties").path("additionalProperties")))
        .isEqualTo(prefix + "JSONSchemaProps");
    assertThat(ref(props.path("items"))).isEqualTo(prefix + "JSONSchemaPropsOrArray");
    assertThat(ref(props.path("default"))).isEqualTo(SpecialSchemas.JSON);
    assertThat(props.path("x-kubernetes-int-or-string").path("type").asText()).isEqualTo("boolean");
    assertThat(schemas.get(prefix + "JSONSchemaPropsOrArray").has("properties")).isFalse();
  }

  @Test
  @DisplayName("a class is reflected once and its schema is shared between documents")
  void cachesReflection() {
    Map<String, JsonNode> first = collect(io.fabric8.kubernetes.api.model.Pod.class);
    Map<String, JsonNode> second = collect(io.fabric8.kubernetes.api.model.Pod.class);
    assertThat(second.get("io.k8s.api.core.v1.PodSpec"))
        .isSameAs(first.get("io.k8s.api.core.v1.PodSpec"));
  }

  private static String ref(JsonNode property) {
    return property.path("allOf").get(0).path("$ref").asText().replace("#/components/schemas/", "");
  }
}

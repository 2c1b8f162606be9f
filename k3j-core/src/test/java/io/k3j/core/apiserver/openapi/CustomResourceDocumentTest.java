package io.k3j.core.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CustomResourceDocumentTest {
  private static final String KIND = "com.example.stable.v1.CronTab";
  private static final JsonNode DOCUMENT =
      Documents.of(List.of(CustomResources.cronTab()), "apis/stable.example.com/v1");

  @Test
  @DisplayName("the CRD's schema gets apiVersion, kind, ObjectMeta and its group-version-kind")
  void kindSchema() {
    JsonNode schema = Documents.schema(DOCUMENT, KIND);
    assertThat(schema.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo("[{\"group\":\"stable.example.com\",\"kind\":\"CronTab\",\"version\":\"v1\"}]");
    JsonNode properties = schema.path("properties");
    assertThat(properties.path("spec").path("properties").path("cronSpec").path("type").asText())
        .isEqualTo("string");
    assertThat(properties.path("apiVersion").path("type").asText()).isEqualTo("string");
    assertThat(properties.path("kind").path("type").asText()).isEqualTo("string");
    assertThat(properties.path("metadata").path("allOf").get(0).path("$ref").asText())
        .isEqualTo("#/components/schemas/" + SchemaNames.OBJECT_META);
    assertThat(Documents.schema(DOCUMENT, SchemaNames.OBJECT_META).path("properties").has("labels"))
        .isTrue();
    assertThat(
            Documents.schema(DOCUMENT, KIND + "List")
                .path("x-kubernetes-group-version-kind")
                .get(0)
                .path("kind")
                .asText())
        .isEqualTo("CronTabList");
  }

  @Test
  @DisplayName("custom resources accept JSON patch, merge patch and apply, not strategic merge")
  void patchTypes() {
    for (String path :
        List.of(
            "/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}",
            "/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}/status")) {
      List<String> types = new ArrayList<>();
      DOCUMENT
          .path("paths")
          .path(path)
          .path("patch")
          .path("requestBody")
          .path("content")
          .fieldNames()
          .forEachRemaining(types::add);
      assertThat(types)
          .as(path)
          .containsExactlyInAnyOrder(
              "application/json-patch+json",
              "application/merge-patch+json",
              "application/apply-patch+yaml");
    }
    JsonNode patch =
        DOCUMENT
            .path("paths")
            .path("/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}")
            .path("patch");
    assertThat(patch.path("operationId").asText())
        .isEqualTo("patchStableExampleComV1NamespacedCronTab");
    List<String> parameters = new ArrayList<>();
    patch.path("parameters").forEach(p -> parameters.add(p.path("name").asText()));
    assertThat(parameters).contains("fieldValidation", "force");
  }

  @Test
  @DisplayName("a scale subresource brings autoscaling/v1 Scale; every $ref resolves")
  void scaleAndRefs() {
    assertThat(
            DOCUMENT
                .path("paths")
                .path("/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}/scale")
                .path("get")
                .path("x-kubernetes-group-version-kind")
                .path("kind")
                .asText())
        .isEqualTo("Scale");
    Set<String> schemas = new TreeSet<>();
    DOCUMENT.path("components").path("schemas").fieldNames().forEachRemaining(schemas::add);
    assertThat(schemas).contains(SchemaNames.SCALE, SchemaNames.STATUS, SchemaNames.WATCH_EVENT);
    for (String ref : Documents.refs(DOCUMENT)) {
      assertThat(schemas).contains(ref.substring("#/components/schemas/".length()));
    }
  }

  @Test
  @DisplayName("a version without a schema is an open object that still has ObjectMeta")
  void withoutSchema() {
    JsonNode document =
        Documents.of(List.of(CustomResources.cronTab("v2", null)), "apis/stable.example.com/v2");
    JsonNode schema = Documents.schema(document, "com.example.stable.v2.CronTab");
    assertThat(schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
    assertThat(
            schema.path("properties").path("metadata").path("allOf").get(0).path("$ref").asText())
        .endsWith(SchemaNames.OBJECT_META);
  }

  @Test
  @DisplayName("the CRD's own schema object is not modified")
  void declaredSchemaUntouched() {
    var type = CustomResources.cronTab();
    Documents.of(List.of(type), "apis/stable.example.com/v1");
    assertThat(type.custom().schema().path("properties").path("metadata").toString())
        .isEqualTo("{\"type\":\"object\"}");
    assertThat(type.custom().schema().has("x-kubernetes-group-version-kind")).isFalse();
  }
}

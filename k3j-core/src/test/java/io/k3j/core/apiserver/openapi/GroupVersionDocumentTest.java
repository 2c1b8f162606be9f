package io.k3j.core.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.resources.BuiltinResources;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GroupVersionDocumentTest {
  private static final List<ResourceType> BUILTINS = BuiltinResources.all();
  private static final JsonNode CORE = Documents.of(BUILTINS, "api/v1");
  private static final JsonNode APPS = Documents.of(BUILTINS, "apis/apps/v1");

  private static List<String> groupVersions() {
    return BUILTINS.stream().map(GroupVersionDocument::path).distinct().toList();
  }

  private static JsonNode operation(JsonNode document, String path, String method) {
    JsonNode operation = document.path("paths").path(path).path(method);
    assertThat(operation.isObject()).as(method + " " + path).isTrue();
    return operation;
  }

  private static List<String> parameterNames(JsonNode operation) {
    List<String> names = new ArrayList<>();
    operation.path("parameters").forEach(p -> names.add(p.path("name").asText()));
    return names;
  }

  @Test
  @DisplayName("every $ref of every built-in group-version document resolves to one of its schemas")
  void refsResolve() {
    for (String path : groupVersions()) {
      JsonNode document = Documents.of(BUILTINS, path);
      Set<String> schemas = new TreeSet<>();
      document.path("components").path("schemas").fieldNames().forEachRemaining(schemas::add);
      for (String ref : Documents.refs(document)) {
        assertThat(ref).as(path).startsWith("#/components/schemas/");
        assertThat(schemas).as(path).contains(ref.substring("#/components/schemas/".length()));
      }
    }
  }

  @Test
  @DisplayName(
      "every kind has a PATCH with its group-version-kind and the fieldValidation query parameter")
  void patchAdvertisesFieldValidation() {
    for (ResourceType type : BUILTINS) {
      if (!type.verbs().contains("patch")) {
        continue;
      }
      JsonNode document = Documents.of(BUILTINS, GroupVersionDocument.path(type));
      List<JsonNode> patches = new ArrayList<>();
      document.path("paths").forEach(item -> patches.add(item.path("patch")));
      List<JsonNode> ofKind =
          patches.stream()
              .filter(
                  p ->
                      p.path("x-kubernetes-group-version-kind")
                          .path("kind")
                          .asText()
                          .equals(type.kind()))
              .toList();
      assertThat(ofKind).as(type.qualifiedName()).isNotEmpty();
      ofKind.forEach(
          patch ->
              assertThat(parameterNames(patch))
                  .as(type.qualifiedName())
                  .contains("fieldValidation", "fieldManager", "dryRun", "force"));
    }
  }

  @Test
  @DisplayName(
      "a namespaced kind has collection, item, watch and all-namespaces paths with actions")
  void namespacedPaths() {
    String collection = "/api/v1/namespaces/{namespace}/configmaps";
    assertThat(operation(CORE, collection, "get").path("x-kubernetes-action").asText())
        .isEqualTo("list");
    assertThat(operation(CORE, collection, "post").path("x-kubernetes-action").asText())
        .isEqualTo("post");
    assertThat(operation(CORE, collection, "delete").path("x-kubernetes-action").asText())
        .isEqualTo("deletecollection");
    JsonNode read = operation(CORE, collection + "/{name}", "get");
    assertThat(read.path("x-kubernetes-action").asText()).isEqualTo("get");
    assertThat(read.path("operationId").asText()).isEqualTo("readCoreV1NamespacedConfigMap");
    assertThat(read.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo("{\"group\":\"\",\"kind\":\"ConfigMap\",\"version\":\"v1\"}");
    assertThat(operation(CORE, collection + "/{name}", "put").path("x-kubernetes-action").asText())
        .isEqualTo("put");
    assertThat(operation(CORE, "/api/v1/configmaps", "get").path("operationId").asText())
        .isEqualTo("listCoreV1ConfigMapForAllNamespaces");
    assertThat(
            operation(CORE, "/api/v1/watch/namespaces/{namespace}/configmaps/{name}", "get")
                .path("x-kubernetes-action")
                .asText())
        .isEqualTo("watch");
    assertThat(
            operation(CORE, "/api/v1/watch/configmaps", "get").path("x-kubernetes-action").asText())
        .isEqualTo("watchlist");
    assertThat(parameterNames(operation(CORE, collection, "get")))
        .contains(
            "labelSelector", "fieldSelector", "limit", "continue", "watch", "resourceVersion");
    List<String> pathParameters = new ArrayList<>();
    CORE.path("paths")
        .path(collection + "/{name}")
        .path("parameters")
        .forEach(p -> pathParameters.add(p.path("name").asText()));
    assertThat(pathParameters).containsExactly("name", "namespace", "pretty");
  }

  @Test
  @DisplayName("a cluster-scoped kind has no namespace parameter and no all-namespaces path")
  void clusterScopedPaths() {
    assertThat(CORE.path("paths").has("/api/v1/namespaces/{name}")).isTrue();
    JsonNode read = operation(CORE, "/api/v1/namespaces/{name}", "get");
    assertThat(read.path("operationId").asText()).isEqualTo("readCoreV1Namespace");
    List<String> fieldNames = new ArrayList<>();
    CORE.path("paths").fieldNames().forEachRemaining(fieldNames::add);
    assertThat(fieldNames).contains("/api/v1/nodes", "/api/v1/nodes/{name}", "/api/v1/watch/nodes");
    assertThat(fieldNames).noneMatch(p -> p.contains("{namespace}/nodes"));
  }

  @Test
  @DisplayName("PATCH accepts JSON patch, merge patch, strategic merge and apply for built-ins")
  void patchMediaTypes() {
    JsonNode patch =
        operation(APPS, "/apis/apps/v1/namespaces/{namespace}/deployments/{name}", "patch");
    List<String> types = new ArrayList<>();
    patch.path("requestBody").path("content").fieldNames().forEachRemaining(types::add);
    assertThat(types)
        .containsExactlyInAnyOrder(
            "application/json-patch+json",
            "application/merge-patch+json",
            "application/strategic-merge-patch+json",
            "application/apply-patch+yaml");
    assertThat(patch.path("x-kubernetes-action").asText()).isEqualTo("patch");
  }

  @Test
  @DisplayName(
      "status and scale subresources have their own paths; scale speaks autoscaling/v1 Scale")
  void subresources() {
    String item = "/apis/apps/v1/namespaces/{namespace}/deployments/{name}";
    JsonNode status = operation(APPS, item + "/status", "patch");
    assertThat(status.path("operationId").asText())
        .isEqualTo("patchAppsV1NamespacedDeploymentStatus");
    assertThat(status.path("x-kubernetes-group-version-kind").path("kind").asText())
        .isEqualTo("Deployment");
    JsonNode scale = operation(APPS, item + "/scale", "put");
    assertThat(scale.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo("{\"group\":\"autoscaling\",\"kind\":\"Scale\",\"version\":\"v1\"}");
    assertThat(
            Documents.schema(APPS, "io.k8s.api.autoscaling.v1.Scale")
                .path("properties")
                .has("spec"))
        .isTrue();
    assertThat(
            APPS.path("paths")
                .has("/apis/apps/v1/namespaces/{namespace}/controllerrevisions/{name}/status"))
        .isFalse();
  }

  @Test
  @DisplayName(
      "kinds carry upstream's schema names and a group-version-kind list; lists reference items")
  void kindSchemas() {
    JsonNode configMap = Documents.schema(CORE, "io.k8s.api.core.v1.ConfigMap");
    assertThat(configMap.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo("[{\"group\":\"\",\"kind\":\"ConfigMap\",\"version\":\"v1\"}]");
    assertThat(
            configMap
                .path("properties")
                .path("data")
                .path("additionalProperties")
                .path("type")
                .asText())
        .isEqualTo("string");
    assertThat(
            configMap
                .path("properties")
                .path("metadata")
                .path("allOf")
                .get(0)
                .path("$ref")
                .asText())
        .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    JsonNode list = Documents.schema(CORE, "io.k8s.api.core.v1.ConfigMapList");
    assertThat(
            list.path("properties")
                .path("items")
                .path("items")
                .path("allOf")
                .get(0)
                .path("$ref")
                .asText())
        .isEqualTo("#/components/schemas/io.k8s.api.core.v1.ConfigMap");
    assertThat(list.path("x-kubernetes-group-version-kind").get(0).path("kind").asText())
        .isEqualTo("ConfigMapList");
    JsonNode deployment = Documents.schema(APPS, "io.k8s.api.apps.v1.Deployment");
    assertThat(deployment.path("x-kubernetes-group-version-kind").get(0).path("group").asText())
        .isEqualTo("apps");
    assertThat(
            Documents.schema(APPS, "io.k8s.api.core.v1.PodSpec")
                .path("properties")
                .has("containers"))
        .isTrue();
    assertThat(
            Documents.schema(APPS, "io.k8s.api.core.v1.Container")
                .path("properties")
                .path("ports")
                .path("type")
                .asText())
        .isEqualTo("array");
    assertThat(
            Documents.schema(CORE, "io.k8s.api.core.v1.ContainerPort")
                .path("properties")
                .path("containerPort")
                .toString())
        .isEqualTo("{\"type\":\"integer\",\"format\":\"int32\"}");
    assertThat(
            Documents.schema(CORE, "io.k8s.api.core.v1.PodSpec")
                .path("properties")
                .path("terminationGracePeriodSeconds")
                .path("format")
                .asText())
        .isEqualTo("int64");
  }

  @Test
  @DisplayName(
      "upstream's special types: Time, MicroTime, Quantity, IntOrString, RawExtension, FieldsV1")
  void specialTypes() {
    JsonNode objectMeta = Documents.schema(CORE, SchemaNames.OBJECT_META).path("properties");
    assertThat(objectMeta.path("creationTimestamp").path("allOf").get(0).path("$ref").asText())
        .endsWith("io.k8s.apimachinery.pkg.apis.meta.v1.Time");
    assertThat(Documents.schema(CORE, SpecialSchemas.TIME).path("format").asText())
        .isEqualTo("date-time");
    JsonNode quantity = Documents.schema(CORE, SpecialSchemas.QUANTITY);
    assertThat(quantity.path("oneOf").toString())
        .isEqualTo("[{\"type\":\"string\"},{\"type\":\"number\"}]");
    JsonNode intOrString = Documents.schema(APPS, SpecialSchemas.INT_OR_STRING);
    assertThat(intOrString.path("x-kubernetes-int-or-string").asBoolean()).isTrue();
    assertThat(intOrString.path("format").asText()).isEqualTo("int-or-string");
    assertThat(
            Documents.schema(APPS, "io.k8s.api.apps.v1.RollingUpdateDeployment")
                .path("properties")
                .path("maxSurge")
                .path("allOf")
                .get(0)
                .path("$ref")
                .asText())
        .endsWith(SpecialSchemas.INT_OR_STRING);
    assertThat(
            Documents.schema(APPS, "io.k8s.api.apps.v1.ControllerRevision")
                .path("properties")
                .path("data")
                .path("allOf")
                .get(0)
                .path("$ref")
                .asText())
        .endsWith(SpecialSchemas.RAW_EXTENSION);
    assertThat(Documents.schema(CORE, SpecialSchemas.FIELDS_V1).path("type").asText())
        .isEqualTo("object");
    JsonNode lease = Documents.of(BUILTINS, "apis/coordination.k8s.io/v1");
    assertThat(
            Documents.schema(lease, "io.k8s.api.coordination.v1.LeaseSpec")
                .path("properties")
                .path("renewTime")
                .path("allOf")
                .get(0)
                .path("$ref")
                .asText())
        .endsWith(SpecialSchemas.MICRO_TIME);
    assertThat(
            Documents.schema(CORE, "io.k8s.api.core.v1.Event")
                .path("properties")
                .path("eventTime")
                .path("allOf")
                .get(0)
                .path("$ref")
                .asText())
        .endsWith(SpecialSchemas.MICRO_TIME);
    assertThat(
            Documents.schema(CORE, "io.k8s.api.core.v1.ResourceRequirements")
                .path("properties")
                .path("limits")
                .path("additionalProperties")
                .path("allOf")
                .get(0)
                .path("$ref")
                .asText())
        .endsWith(SpecialSchemas.QUANTITY);
  }

  @Test
  @DisplayName("patch merge keys, strategies and list types follow upstream's struct tags")
  void patchMetadata() {
    JsonNode podSpec = Documents.schema(APPS, "io.k8s.api.core.v1.PodSpec").path("properties");
    assertThat(podSpec.path("containers").path("x-kubernetes-patch-merge-key").asText())
        .isEqualTo("name");
    assertThat(podSpec.path("containers").path("x-kubernetes-patch-strategy").asText())
        .isEqualTo("merge");
    assertThat(podSpec.path("containers").path("x-kubernetes-list-type").asText()).isEqualTo("map");
    assertThat(podSpec.path("containers").path("x-kubernetes-list-map-keys").toString())
        .isEqualTo("[\"name\"]");
    assertThat(podSpec.path("volumes").path("x-kubernetes-patch-strategy").asText())
        .isEqualTo("merge,retainKeys");
    assertThat(podSpec.path("tolerations").path("x-kubernetes-list-type").asText())
        .isEqualTo("atomic");
    assertThat(podSpec.path("tolerations").has("x-kubernetes-patch-merge-key")).isFalse();
    assertThat(podSpec.path("hostAliases").path("x-kubernetes-patch-merge-key").asText())
        .isEqualTo("ip");
    JsonNode container = Documents.schema(APPS, "io.k8s.api.core.v1.Container").path("properties");
    assertThat(container.path("env").path("x-kubernetes-patch-merge-key").asText())
        .isEqualTo("name");
    assertThat(container.path("ports").path("x-kubernetes-patch-merge-key").asText())
        .isEqualTo("containerPort");
    assertThat(container.path("ports").path("x-kubernetes-list-map-keys").toString())
        .isEqualTo("[\"containerPort\",\"protocol\"]");
    assertThat(container.path("volumeMounts").path("x-kubernetes-patch-merge-key").asText())
        .isEqualTo("mountPath");
    JsonNode ephemeral =
        Documents.schema(CORE, "io.k8s.api.core.v1.EphemeralContainer").path("properties");
    assertThat(ephemeral.path("env").path("x-kubernetes-patch-merge-key").asText())
        .isEqualTo("name");
    JsonNode meta = Documents.schema(CORE, SchemaNames.OBJECT_META).path("properties");
    assertThat(meta.path("ownerReferences").path("x-kubernetes-patch-merge-key").asText())
        .isEqualTo("uid");
    assertThat(meta.path("finalizers").path("x-kubernetes-list-type").asText()).isEqualTo("set");
    assertThat(meta.path("finalizers").path("x-kubernetes-patch-strategy").asText())
        .isEqualTo("merge");
    JsonNode deploymentStatus =
        Documents.schema(APPS, "io.k8s.api.apps.v1.DeploymentStatus").path("properties");
    assertThat(deploymentStatus.path("conditions").path("x-kubernetes-patch-merge-key").asText())
        .isEqualTo("type");
    assertThat(
            Documents.schema(APPS, "io.k8s.api.apps.v1.DeploymentSpec")
                .path("properties")
                .path("strategy")
                .path("x-kubernetes-patch-strategy")
                .asText())
        .isEqualTo("retainKeys");
  }

  @Test
  @DisplayName("every entry of the patch-metadata table names a property of a generated schema")
  void patchTableMatchesModel() {
    Map<String, JsonNode> schemas = new java.util.HashMap<>();
    for (String path : groupVersions()) {
      Documents.of(BUILTINS, path)
          .path("components")
          .path("schemas")
          .fields()
          .forEachRemaining(e -> schemas.put(e.getKey(), e.getValue()));
    }
    List<String> missing = new ArrayList<>();
    PatchMetadata.all()
        .forEach(
            (schema, properties) ->
                properties
                    .keySet()
                    .forEach(
                        property -> {
                          if (!schemas.containsKey(schema)
                              || !schemas.get(schema).path("properties").has(property)) {
                            missing.add(schema + "." + property);
                          }
                        }));
    assertThat(missing).isEmpty();
  }

  @Test
  @DisplayName("every built-in kind is reflected from its fabric8 class under upstream's name")
  void builtinModels() {
    for (ResourceType type : BUILTINS) {
      assertThat(SchemaNames.modelClass(type.group(), type.version(), type.kind()))
          .as(type.qualifiedName())
          .isPresent()
          .get()
          .extracting(SchemaNames::of)
          .isEqualTo(SchemaNames.ofKind(type));
    }
  }

  @Test
  @DisplayName("a built-in kind whose model class is not on the class path gets an open schema")
  void missingModelClass() {
    ResourceType widget =
        new ResourceType(
            "widgets.k8s.io",
            "v1",
            "Widget",
            "widgets",
            "widget",
            false,
            List.of(),
            List.of(),
            ResourceType.VERBS,
            List.of(),
            null);
    JsonNode document = Documents.of(List.of(widget), "apis/widgets.k8s.io/v1");
    JsonNode schema = Documents.schema(document, "io.k8s.api.widgets.v1.Widget");
    assertThat(schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
    assertThat(schema.path("x-kubernetes-group-version-kind").get(0).path("kind").asText())
        .isEqualTo("Widget");
    assertThat(
            schema.path("properties").path("metadata").path("allOf").get(0).path("$ref").asText())
        .endsWith(SchemaNames.OBJECT_META);
    assertThat(
            document
                .path("paths")
                .path("/apis/widgets.k8s.io/v1/widgets/{name}")
                .path("patch")
                .path("requestBody")
                .path("content")
                .has("application/strategic-merge-patch+json"))
        .isTrue();
  }
}

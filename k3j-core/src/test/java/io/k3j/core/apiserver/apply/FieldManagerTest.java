package io.k3j.core.apiserver.apply;

import static io.k3j.core.apiserver.apply.Fixtures.json;
import static io.k3j.core.apiserver.apply.Fixtures.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.Status;
import io.k3j.core.apiserver.openapi.OpenApiHandler;
import io.k3j.core.apiserver.resources.ResourceRegistry;
import io.k3j.core.apiserver.resources.ResourceType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Merge and ownership rules of server-side apply, on the server's own OpenAPI documents. */
class FieldManagerTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
  private static final ResourceRegistry REGISTRY = new ResourceRegistry();
  private static final FieldManager FIELDS =
      new FieldManager(new OpenApiHandler(REGISTRY, CLOCK), CLOCK);

  private static ResourceType kind(String group, String plural) {
    return REGISTRY.all().stream()
        .filter(t -> t.group().equals(group) && t.plural().equals(plural))
        .findFirst()
        .orElseThrow();
  }

  private static final ResourceType CONFIGMAPS = kind("", "configmaps");
  private static final ResourceType DEPLOYMENTS = kind("apps", "deployments");

  private static JsonNode entry(JsonNode object, String manager) {
    for (JsonNode entry : object.path("metadata").path("managedFields")) {
      if (entry.path("manager").asText().equals(manager)) {
        return entry;
      }
    }
    throw new AssertionError("no managedFields entry for " + manager + " in " + object);
  }

  private static ObjectNode configMap(String data) {
    return object(
        "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','namespace':'d'},'data':"
            + data
            + "}");
  }

  @Test
  @DisplayName("apply records an Apply entry with the applied fields only, as FieldsV1")
  void recordsApplyEntry() {
    ObjectNode result =
        FIELDS.apply(CONFIGMAPS, null, configMap("{'a':'1'}"), "kubectl", false, "");

    JsonNode entry = entry(result, "kubectl");
    assertThat(entry.path("operation").asText()).isEqualTo("Apply");
    assertThat(entry.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(entry.path("time").asText()).isEqualTo("2026-11-24T10:00:00Z");
    assertThat(entry.path("fieldsType").asText()).isEqualTo("FieldsV1");
    assertThat(entry.path("fieldsV1")).isEqualTo(json("{'f:data':{'f:a':{}}}"));
    assertThat(entry.has("subresource")).isFalse();
  }

  @Test
  @DisplayName("a manager that stops applying a field removes it; fields others own stay")
  void removesDroppedFields() {
    ObjectNode live =
        FIELDS.apply(CONFIGMAPS, null, configMap("{'a':'1','b':'2'}"), "one", false, "");
    live = FIELDS.apply(CONFIGMAPS, live, configMap("{'b':'2','c':'3'}"), "two", false, "");

    ObjectNode result = FIELDS.apply(CONFIGMAPS, live, configMap("{}"), "one", false, "");

    assertThat(result.path("data")).isEqualTo(json("{'b':'2','c':'3'}"));
    assertThat(entry(result, "two").path("fieldsV1"))
        .isEqualTo(json("{'f:data':{'f:b':{},'f:c':{}}}"));
  }

  @Test
  @DisplayName("changing another manager's field is a 409 with FieldManagerConflict causes")
  void conflicts() {
    ObjectNode live = FIELDS.apply(CONFIGMAPS, null, configMap("{'a':'1'}"), "one", false, "");

    assertThatThrownBy(
            () -> FIELDS.apply(CONFIGMAPS, live, configMap("{'a':'2'}"), "two", false, ""))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(409);
              assertThat(e.getMessage())
                  .isEqualTo("Apply failed with 1 conflict: conflict with \"one\": .data.a");
              JsonNode cause = Status.of(e).path("details").path("causes").get(0);
              assertThat(cause.path("reason").asText()).isEqualTo("FieldManagerConflict");
              assertThat(cause.path("field").asText()).isEqualTo(".data.a");
              assertThat(cause.path("message").asText()).isEqualTo("conflict with \"one\"");
            });
  }

  @Test
  @DisplayName("applying the same value as another manager shares the field without conflict")
  void sharesEqualValues() {
    ObjectNode live = FIELDS.apply(CONFIGMAPS, null, configMap("{'a':'1'}"), "one", false, "");

    ObjectNode result = FIELDS.apply(CONFIGMAPS, live, configMap("{'a':'1'}"), "two", false, "");

    assertThat(entry(result, "one").path("fieldsV1")).isEqualTo(json("{'f:data':{'f:a':{}}}"));
    assertThat(entry(result, "two").path("fieldsV1")).isEqualTo(json("{'f:data':{'f:a':{}}}"));
  }

  @Test
  @DisplayName("force moves ownership to the applier")
  void forceTakesOwnership() {
    ObjectNode live =
        FIELDS.apply(CONFIGMAPS, null, configMap("{'a':'1','b':'1'}"), "one", false, "");

    ObjectNode result = FIELDS.apply(CONFIGMAPS, live, configMap("{'a':'2'}"), "two", true, "");

    assertThat(result.path("data")).isEqualTo(json("{'a':'2','b':'1'}"));
    assertThat(entry(result, "one").path("fieldsV1")).isEqualTo(json("{'f:data':{'f:b':{}}}"));
    assertThat(entry(result, "two").path("fieldsV1")).isEqualTo(json("{'f:data':{'f:a':{}}}"));
  }

  @Test
  @DisplayName("containers merge by name and env by name, as the built-in list map keys say")
  void mergesBuiltinMapLists() {
    ObjectNode first =
        object(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{"
                + "'selector':{'matchLabels':{'app':'web'}},'template':{'spec':{'containers':["
                + "{'name':'web','image':'nginx','env':[{'name':'A','value':'1'}]}]}}}}");
    ObjectNode live = FIELDS.apply(DEPLOYMENTS, null, first, "one", false, "");
    ObjectNode sidecar =
        object(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{"
                + "'template':{'spec':{'containers':[{'name':'log','image':'busybox'},"
                + "{'name':'web','env':[{'name':'B','value':'2'}]}]}}}}");

    ObjectNode result = FIELDS.apply(DEPLOYMENTS, live, sidecar, "two", false, "");

    JsonNode containers = result.path("spec").path("template").path("spec").path("containers");
    assertThat(containers).hasSize(2);
    assertThat(containers.get(0).path("image").asText()).isEqualTo("nginx");
    assertThat(containers.get(0).path("env")).hasSize(2);
    assertThat(entry(result, "one").path("fieldsV1").path("f:spec"))
        .isEqualTo(
            json(
                "{'f:selector':{},'f:template':{'f:spec':{'f:containers':{'k:{\\'name\\':\\'web\\'}':"
                    + "{'.':{},'f:env':{'k:{\\'name\\':\\'A\\'}':{'.':{},'f:name':{},'f:value':{}}},"
                    + "'f:image':{},'f:name':{}}}}}}"));
  }

  @Test
  @DisplayName("CRD schemas: x-kubernetes-list-type set merges values; atomic lists are replaced")
  void customListTypes() {
    String schema =
        "{'type':'object','properties':{'spec':{'type':'object','properties':{"
            + "'tags':{'type':'array','x-kubernetes-list-type':'set','items':{'type':'string'}},"
            + "'args':{'type':'array','items':{'type':'string'}}}}}}";
    ResourceType widgets = Fixtures.widgets(schema);
    FieldManager fields = new FieldManager(type -> TypeSchema.of(json(schema), null), CLOCK);
    String head = "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},";
    ObjectNode live =
        fields.apply(
            widgets,
            null,
            object(head + "'spec':{'tags':['a'],'args':['x','y']}}"),
            "one",
            false,
            "");

    ObjectNode result =
        fields.apply(
            widgets, live, object(head + "'spec':{'tags':['b'],'args':['z']}}"), "two", true, "");

    assertThat(result.path("spec").path("tags")).isEqualTo(json("['a','b']"));
    assertThat(result.path("spec").path("args")).isEqualTo(json("['z']"));
    assertThat(entry(result, "two").path("fieldsV1"))
        .isEqualTo(json("{'f:spec':{'f:args':{},'f:tags':{'v:\\'b\\'':{}}}}"));
    assertThat(entry(result, "one").path("fieldsV1"))
        .isEqualTo(json("{'f:spec':{'f:tags':{'v:\\'a\\'':{}}}}"));
  }

  @Test
  @DisplayName("a status apply owns status only, in an entry with subresource status")
  void statusSubresource() {
    String schema = "{'type':'object','x-kubernetes-preserve-unknown-fields':true}";
    ResourceType widgets = Fixtures.widgets(schema);
    ObjectNode live =
        FIELDS.apply(
            widgets,
            null,
            object(
                "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},"
                    + "'spec':{'size':1}}"),
            "op",
            false,
            "");
    ObjectNode status =
        object(
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w',"
                + "'resourceVersion':null,'managedFields':null},'status':{'ready':true}}");

    ObjectNode result = FIELDS.apply(widgets, live, status, "op", true, "status");

    JsonNode statusEntry = result.path("metadata").path("managedFields").get(1);
    assertThat(statusEntry.path("subresource").asText()).isEqualTo("status");
    assertThat(statusEntry.path("fieldsV1")).isEqualTo(json("{'f:status':{'.':{},'f:ready':{}}}"));
    assertThat(result.path("spec").path("size").asInt()).isEqualTo(1);
  }

  @Test
  @DisplayName("an update records an Update entry for what it changed and takes it from others")
  void recordsUpdates() {
    ObjectNode live =
        FIELDS.apply(CONFIGMAPS, null, configMap("{'a':'1','b':'1'}"), "one", false, "");
    ObjectNode next = configMap("{'a':'2','b':'1'}");

    FIELDS.update("kubectl-edit", "").admit(CONFIGMAPS, next, live);

    assertThat(entry(next, "kubectl-edit").path("operation").asText()).isEqualTo("Update");
    assertThat(entry(next, "kubectl-edit").path("fieldsV1"))
        .isEqualTo(json("{'f:data':{'f:a':{}}}"));
    assertThat(entry(next, "one").path("fieldsV1")).isEqualTo(json("{'f:data':{'f:b':{}}}"));
  }

  @Test
  @DisplayName("a create owns every field it sets; new maps are members themselves")
  void recordsCreate() {
    ObjectNode created =
        object(
            "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','labels':{'x':'y'}},"
                + "'data':{'a':'1'}}");

    FIELDS.update("kubectl-create", "").admit(CONFIGMAPS, created, null);

    assertThat(entry(created, "kubectl-create").path("fieldsV1"))
        .isEqualTo(
            json("{'f:data':{'.':{},'f:a':{}},'f:metadata':{'f:labels':{'.':{},'f:x':{}}}}"));
  }

  @Test
  @DisplayName("managedFields [{}] clears them; an update without managedFields keeps them")
  void clearsAndKeeps() {
    ObjectNode live = FIELDS.apply(CONFIGMAPS, null, configMap("{'a':'1'}"), "one", false, "");
    ObjectNode kept = configMap("{'a':'1'}");
    ObjectNode cleared = configMap("{'a':'1'}");
    ((ObjectNode) cleared.get("metadata")).putArray("managedFields").addObject();

    FIELDS.update("x", "").admit(CONFIGMAPS, kept, live);
    FIELDS.update("x", "").admit(CONFIGMAPS, cleared, live);

    assertThat(entry(kept, "one").path("operation").asText()).isEqualTo("Apply");
    assertThat(cleared.path("metadata").has("managedFields")).isFalse();
  }

  @Test
  @DisplayName("an applied configuration with managedFields or of another kind is a 400")
  void rejectsBadConfigurations() {
    ObjectNode withFields = configMap("{}");
    ((ObjectNode) withFields.get("metadata"))
        .putArray("managedFields")
        .addObject()
        .put("manager", "x");
    assertThatThrownBy(() -> FIELDS.apply(CONFIGMAPS, null, withFields, "m", false, ""))
        .hasMessage("metadata.managedFields must be nil");
    assertThatThrownBy(
            () ->
                FIELDS.apply(
                    CONFIGMAPS,
                    null,
                    object("{'apiVersion':'v1','kind':'Secret'}"),
                    "m",
                    false,
                    ""))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
  }
}

package io.k3j.core.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ResourceRegistry;
import io.k3j.core.apiserver.resources.ResourceType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The fields {@code fieldValidation} reports, found against the server's OpenAPI documents. */
class KnownFieldsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);

  private final ResourceRegistry registry = new ResourceRegistry();
  private final KnownFields known = new KnownFields(new OpenApiHandler(registry, CLOCK));

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad fixture: " + text, e);
    }
  }

  private ResourceType kind(String group, String plural) {
    return registry.all().stream()
        .filter(t -> t.group().equals(group) && t.plural().equals(plural))
        .findFirst()
        .orElseThrow();
  }

  @Test
  @DisplayName("unknown fields are named by path, list items by index, in document order")
  void namesUnknownFieldsInOrder() {
    JsonNode pod =
        json(
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','labels':{'a':'b'},'bogus':1},"
                + "'spec':{'containers':[{'name':'c','image':'i','imagePolicy':'x',"
                + "'env':[{'name':'e','value':'v','extra':true}]},{'name':'d','image':'j'}],"
                + "'nodeSelector':{'any':'thing'},'unknownSpec':{'deep':1}},"
                + "'status':{},'extraTop':1}");

    assertThat(known.unknown(kind("", "pods"), pod))
        .containsExactly(
            "metadata.bogus",
            "spec.containers[0].imagePolicy",
            "spec.containers[0].env[0].extra",
            "spec.unknownSpec",
            "extraTop");
  }

  @Test
  @DisplayName("map entries are values of additionalProperties, never unknown; known objects pass")
  void mapsAndKnownObjects() {
    JsonNode configMap =
        json(
            "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c',"
                + "'annotations':{'any/key':'v'}},'data':{'x':'y','z':''},'immutable':true}");
    JsonNode deployment =
        json(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d'},"
                + "'spec':{'selector':{'matchLabels':{'app':'a'}},'template':{'metadata':"
                + "{'labels':{'app':'a'}},'spec':{'containers':[{'name':'c','image':'i',"
                + "'ports':[{'containerPort':80,'hostIP':'x','bad':1}]}]}},'replicas':2}}");

    assertThat(known.unknown(kind("", "configmaps"), configMap)).isEmpty();
    assertThat(known.unknown(kind("apps", "deployments"), deployment))
        .containsExactly("spec.template.spec.containers[0].ports[0].bad");
  }

  @Test
  @DisplayName("a free-form field (RawExtension) holds anything; the walk gives the same twice")
  void freeFormAndRepeatable() {
    ResourceType revisions = kind("apps", "controllerrevisions");
    JsonNode revision =
        json(
            "{'apiVersion':'apps/v1','kind':'ControllerRevision','metadata':{'name':'r'},"
                + "'data':{'spec':{'anything':{'goes':[1,2]}}},'revision':1,'other':2}");

    assertThat(known.unknown(revisions, revision)).containsExactly("other");
    assertThat(known.unknown(revisions, revision)).containsExactly("other");
  }
}

package io.k3j.core.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.openapi.OpenApiHandler;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ResourceRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Strategic merge patches on Pods and Deployments, with the schemas of k3j's OpenAPI v3. */
class StrategicMergeTest {
  private static final ResourceRegistry REGISTRY = new ResourceRegistry();
  private static final PatchSchemas SCHEMAS =
      new PatchSchemas(new OpenApiHandler(REGISTRY, Clock.systemUTC()));
  private static final PatchSchema POD = SCHEMAS.of(REGISTRY.find("", "v1", "pods").orElseThrow());
  private static final PatchSchema DEPLOYMENT =
      SCHEMAS.of(REGISTRY.find("apps", "v1", "deployments").orElseThrow());

  /** JSON written with single quotes, for readability. */
  private static JsonNode json(String text) {
    return Json.tree(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode pod(String current, String patch) {
    return StrategicMerge.apply(json(current), json(patch), POD);
  }

  private static ApiException failure(String current, String patch) {
    try {
      pod(current, patch);
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("the patch applied");
  }

  private static final String TWO_CONTAINERS =
      """
      {'spec': {'containers': [
        {'name': 'app', 'image': 'app:1', 'args': ['a', 'b'],
         'env': [{'name': 'A', 'value': '1'}, {'name': 'B', 'value': '2'}],
         'ports': [{'containerPort': 80, 'protocol': 'TCP'}],
         'volumeMounts': [{'name': 'data', 'mountPath': '/data'}]},
        {'name': 'sidecar', 'image': 'sidecar:1'}]}}
      """;

  @Test
  @DisplayName(
      "containers merge by name: a changed image keeps the rest, a new one follows the patch's")
  void containersMergeByName() {
    JsonNode patched =
        pod(
            TWO_CONTAINERS,
            "{'spec': {'containers': [{'name': 'app', 'image': 'app:2'},"
                + " {'name': 'extra', 'image': 'extra:1'}]}}");
    assertThat(patched.at("/spec/containers"))
        .isEqualTo(
            json(
                """
                [{'name': 'app', 'image': 'app:2', 'args': ['a', 'b'],
                  'env': [{'name': 'A', 'value': '1'}, {'name': 'B', 'value': '2'}],
                  'ports': [{'containerPort': 80, 'protocol': 'TCP'}],
                  'volumeMounts': [{'name': 'data', 'mountPath': '/data'}]},
                 {'name': 'extra', 'image': 'extra:1'},
                 {'name': 'sidecar', 'image': 'sidecar:1'}]
                """));
  }

  @Test
  @DisplayName("env merges by name in the patch's order; a $patch: delete item removes one")
  void envMergesAndDeletes() {
    JsonNode patched =
        pod(
            TWO_CONTAINERS,
            "{'spec': {'containers': [{'name': 'app', 'env': [{'name': 'C', 'value': '3'},"
                + " {'$patch': 'delete', 'name': 'A'}, {'name': 'B', 'value': 'two'}]}]}}");
    assertThat(patched.at("/spec/containers/0/env"))
        .isEqualTo(json("[{'name': 'C', 'value': '3'}, {'name': 'B', 'value': 'two'}]"));
  }

  @Test
  @DisplayName("ports merge by containerPort; a list without a merge strategy (args) is replaced")
  void portsMergeArgsReplace() {
    JsonNode patched =
        pod(
            TWO_CONTAINERS,
            "{'spec': {'containers': [{'name': 'app', 'args': ['c'], 'ports': ["
                + "{'containerPort': 80, 'name': 'http'}, {'containerPort': 443}]}]}}");
    assertThat(patched.at("/spec/containers/0/ports"))
        .isEqualTo(
            json(
                "[{'containerPort': 80, 'protocol': 'TCP', 'name': 'http'},"
                    + " {'containerPort': 443}]"));
    assertThat(patched.at("/spec/containers/0/args")).isEqualTo(json("['c']"));
  }

  @Test
  @DisplayName("volumeMounts merge by mountPath")
  void volumeMountsMergeByMountPath() {
    JsonNode patched =
        pod(
            TWO_CONTAINERS,
            "{'spec': {'containers': [{'name': 'app', 'volumeMounts': ["
                + "{'mountPath': '/data', 'readOnly': true}, {'name': 'tmp', 'mountPath': '/tmp'}"
                + "]}]}}");
    assertThat(patched.at("/spec/containers/0/volumeMounts"))
        .isEqualTo(
            json(
                "[{'name': 'data', 'mountPath': '/data', 'readOnly': true},"
                    + " {'name': 'tmp', 'mountPath': '/tmp'}]"));
  }

  @Test
  @DisplayName("volumes merge by name; $retainKeys drops the volume source that was replaced")
  void volumesRetainKeys() {
    JsonNode patched =
        pod(
            "{'spec': {'volumes': [{'name': 'data', 'emptyDir': {}}, {'name': 'other',"
                + " 'emptyDir': {}}]}}",
            "{'spec': {'volumes': [{'name': 'data', 'configMap': {'name': 'cm'},"
                + " '$retainKeys': ['configMap', 'name']}]}}");
    assertThat(patched.at("/spec/volumes"))
        .isEqualTo(
            json(
                "[{'name': 'data', 'configMap': {'name': 'cm'}}, {'name': 'other',"
                    + " 'emptyDir': {}}]"));
  }

  @Test
  @DisplayName("$retainKeys on the Deployment strategy drops rollingUpdate when switching type")
  void deploymentStrategyRetainKeys() {
    JsonNode patched =
        StrategicMerge.apply(
            json(
                "{'spec': {'strategy': {'type': 'RollingUpdate', 'rollingUpdate':"
                    + " {'maxSurge': 1}}}}"),
            json("{'spec': {'strategy': {'type': 'Recreate', '$retainKeys': ['type']}}}"),
            DEPLOYMENT);
    assertThat(patched.at("/spec/strategy")).isEqualTo(json("{'type': 'Recreate'}"));
  }

  @Test
  @DisplayName("finalizers are a set union; $deleteFromPrimitiveList removes values")
  void finalizers() {
    String current = "{'metadata': {'finalizers': ['a', 'b']}}";
    assertThat(pod(current, "{'metadata': {'finalizers': ['b', 'c']}}").at("/metadata/finalizers"))
        .isEqualTo(json("['a', 'b', 'c']"));
    assertThat(
            pod(current, "{'metadata': {'$deleteFromPrimitiveList/finalizers': ['a']}}")
                .at("/metadata/finalizers"))
        .isEqualTo(json("['b']"));
  }

  @Test
  @DisplayName("ownerReferences merge by uid")
  void ownerReferences() {
    JsonNode patched =
        pod(
            "{'metadata': {'ownerReferences': [{'uid': 'u1', 'name': 'one'}, {'uid': 'u2',"
                + " 'name': 'two'}]}}",
            "{'metadata': {'ownerReferences': [{'uid': 'u2', 'controller': true}, {'uid': 'u3',"
                + " 'name': 'three'}]}}");
    assertThat(patched.at("/metadata/ownerReferences"))
        .isEqualTo(
            json(
                "[{'uid': 'u1', 'name': 'one'}, {'uid': 'u2', 'name': 'two', 'controller': true},"
                    + " {'uid': 'u3', 'name': 'three'}]"));
  }

  @Test
  @DisplayName("status conditions merge by type")
  void conditions() {
    JsonNode patched =
        StrategicMerge.apply(
            json(
                "{'status': {'conditions': [{'type': 'Available', 'status': 'False'},"
                    + " {'type': 'Progressing', 'status': 'True'}]}}"),
            json("{'status': {'conditions': [{'type': 'Available', 'status': 'True'}]}}"),
            DEPLOYMENT);
    assertThat(patched.at("/status/conditions"))
        .isEqualTo(
            json(
                "[{'type': 'Available', 'status': 'True'}, {'type': 'Progressing', 'status':"
                    + " 'True'}]"));
  }

  @Test
  @DisplayName("a $patch: replace item replaces the whole list with the patch's items")
  void listReplace() {
    JsonNode patched =
        pod(
            TWO_CONTAINERS,
            "{'spec': {'containers': [{'$patch': 'replace'}, {'name': 'only', 'image': 'x'}]}}");
    assertThat(patched.at("/spec/containers")).isEqualTo(json("[{'name': 'only', 'image': 'x'}]"));
  }

  @Test
  @DisplayName(
      "$patch: replace in a map replaces it, $patch: delete empties it, null deletes a key")
  void mapDirectives() {
    String current = "{'metadata': {'labels': {'a': '1', 'b': '2'}, 'annotations': {'x': 'y'}}}";
    assertThat(
            pod(current, "{'metadata': {'labels': {'$patch': 'replace', 'c': '3'}}}")
                .at("/metadata/labels"))
        .isEqualTo(json("{'c': '3'}"));
    assertThat(
            pod(current, "{'metadata': {'labels': {'$patch': 'delete'}}}").at("/metadata/labels"))
        .isEqualTo(json("{}"));
    assertThat(pod(current, "{'metadata': {'labels': {'a': null}, 'annotations': null}}"))
        .isEqualTo(json("{'metadata': {'labels': {'b': '2'}}}"));
  }

  @Test
  @DisplayName(
      "$setElementOrder orders the items it names; a server-only item stays before its successor")
  void setElementOrder() {
    JsonNode patched =
        pod(
            "{'metadata': {'finalizers': ['a', 'b', 'c']}, 'spec': {'containers': ["
                + "{'name': 'x'}, {'name': 'y'}, {'name': 'z'}]}}",
            "{'metadata': {'$setElementOrder/finalizers': ['c', 'a']}, 'spec':"
                + " {'$setElementOrder/containers': [{'name': 'z'}, {'name': 'new'}, {'name':"
                + " 'x'}], 'containers': [{'name': 'new'}, {'name': 'x', 'image': 'i'}]}}");
    assertThat(patched.at("/metadata/finalizers")).isEqualTo(json("['b', 'c', 'a']"));
    assertThat(patched.at("/spec/containers"))
        .isEqualTo(
            json("[{'name': 'y'}, {'name': 'z'}, {'name': 'new'}, {'name': 'x', 'image': 'i'}]"));
  }

  @Test
  @DisplayName("directives never reach the stored object, also in fields that were not set")
  void directivesAreNotStored() {
    JsonNode patched =
        pod(
            "{'spec': {}}",
            "{'spec': {'containers': [{'name': 'a', 'env': [{'$patch': 'delete', 'name': 'X'}]}],"
                + " 'volumes': [{'name': 'v', 'emptyDir': {}, '$retainKeys': ['emptyDir',"
                + " 'name']}]}}");
    assertThat(patched)
        .isEqualTo(
            json(
                "{'spec': {'containers': [{'name': 'a', 'env': []}], 'volumes': [{'name': 'v',"
                    + " 'emptyDir': {}}]}}"));
  }

  @Test
  @DisplayName("the arguments are left unchanged")
  void argumentsUnchanged() {
    JsonNode current = json(TWO_CONTAINERS);
    JsonNode patch = json("{'spec': {'containers': [{'$patch': 'delete', 'name': 'app'}]}}");
    JsonNode patched = StrategicMerge.apply(current, patch, POD);
    assertThat(patched.at("/spec/containers").size()).isEqualTo(1);
    assertThat(current).isEqualTo(json(TWO_CONTAINERS));
    assertThat(patch)
        .isEqualTo(json("{'spec': {'containers': [{'$patch': 'delete', 'name': 'app'}]}}"));
  }

  @Test
  @DisplayName("without patch metadata lists are replaced, as in a JSON merge patch")
  void openSchemaReplacesLists() {
    JsonNode patched =
        StrategicMerge.apply(
            json("{'spec': {'items': [{'name': 'a'}], 'map': {'k': 1}}}"),
            json("{'spec': {'items': [{'name': 'b'}], 'map': {'j': 2}}}"),
            PatchSchema.open());
    assertThat(patched)
        .isEqualTo(json("{'spec': {'items': [{'name': 'b'}], 'map': {'k': 1, 'j': 2}}}"));
  }

  @Test
  @DisplayName("patches that do not apply are 400s with upstream's messages")
  void badPatches() {
    assertThat(failure("{}", "{'metadata': {'labels': {'$patch': 'shred'}}}"))
        .hasMessage("unknown patch type: shred in map: map[$patch:shred]")
        .extracting(ApiException::code)
        .isEqualTo(400);
    assertThat(failure(TWO_CONTAINERS, "{'spec': {'containers': [{'image': 'nginx'}]}}"))
        .hasMessage("map: map[image:nginx] does not contain declared merge key: name");
    assertThat(failure(TWO_CONTAINERS, "{'spec': {'containers': [{'$patch': 'delete'}]}}"))
        .hasMessage("map: map[$patch:delete] does not contain declared merge key: name");
    assertThat(failure(TWO_CONTAINERS, "{'spec': {'containers': [{'$patch': 'merge'}]}}"))
        .hasMessage("merging lists cannot yet be specified in the patch");
    assertThat(
            failure(
                "{'spec': {'strategy': {}}}",
                "{'spec': {'volumes': [{'name': 'v', 'emptyDir': {}, '$retainKeys': ['name']}]}}"))
        .hasMessage("invalid patch format of retainKeys");
    assertThat(failure("{}", "{'metadata': {'$retainKeys': 'name'}}"))
        .hasMessage("invalid patch format of retainKeys");
    assertThat(failure("{}", "{'metadata': {'$deleteFromPrimitiveList/finalizers': 'a'}}"))
        .hasMessage("invalid patch format of primitive list");
    assertThat(
            failure(
                TWO_CONTAINERS,
                "{'spec': {'$setElementOrder/containers': [{'name': 'app'}], 'containers':"
                    + " [{'name': 'sidecar', 'image': 's:2'}]}}"))
        .hasMessageStartingWith("The order in patch list:");
    assertThatThrownBy(() -> StrategicMerge.apply(json("{}"), json("[]"), POD))
        .isInstanceOf(ApiException.class)
        .extracting(e -> ((ApiException) e).code())
        .isEqualTo(400);
  }

  @Test
  @DisplayName("a list of lists in a merging list is a 422")
  void listOfLists() {
    ApiException e =
        failure("{'metadata': {'finalizers': ['a']}}", "{'metadata': {'finalizers': [['b']]}}");
    assertThat(e.code()).isEqualTo(422);
    assertThat(e).hasMessage("lists of lists are not supported");
  }
}

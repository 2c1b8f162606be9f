package io.k3j.core.apiserver.table;

import static io.k3j.core.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.Reply;
import io.k3j.core.apiserver.resources.BuiltinResources;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ResourceType;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TableConverterTest {
  private static final ResourceType CONFIG_MAPS =
      BuiltinResources.all().stream()
          .filter(t -> t.kind().equals("ConfigMap"))
          .findFirst()
          .orElseThrow();
  private static final String CONFIG_MAP =
      "{'kind': 'ConfigMap', 'apiVersion': 'v1', 'metadata': {'name': 'settings', 'namespace':"
          + " 'edge', 'resourceVersion': '12', 'labels': {'tier': 'edge'}, 'creationTimestamp':"
          + " '2026-11-24T11:00:00Z'}, 'data': {'mode': 'fast'}}";

  private final TableConverter converter =
      new TableConverter(Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));

  private static TableFormat format(IncludeObject include) {
    return new TableFormat("v1", include);
  }

  @Test
  @DisplayName("a list becomes a Table with columns, one row per item and the list's metadata")
  void list() {
    JsonNode list =
        json(
            "{'kind': 'ConfigMapList', 'apiVersion': 'v1', 'metadata': {'resourceVersion': '40',"
                + " 'continue': 'abc', 'remainingItemCount': 3}, 'items': ["
                + CONFIG_MAP
                + "]}");
    Reply.Full reply = converter.reply(CONFIG_MAPS, list, format(IncludeObject.METADATA));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo("application/json;as=Table;v=v1;g=meta.k8s.io");
    JsonNode table = Json.tree(reply.body());
    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(table.path("metadata"))
        .isEqualTo(json("{'resourceVersion': '40', 'continue': 'abc', 'remainingItemCount': 3}"));
    assertThat(table.at("/columnDefinitions/0"))
        .isEqualTo(
            json(
                "{'name': 'Name', 'type': 'string', 'format': 'name', 'description': '"
                    + Column.NAME_DESCRIPTION
                    + "', 'priority': 0}"));
    assertThat(table.at("/columnDefinitions/1/name").asText()).isEqualTo("Data");
    assertThat(table.at("/rows/0/cells")).isEqualTo(json("['settings', 1, '60m']"));
    JsonNode object = table.at("/rows/0/object");
    assertThat(object.path("kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(object.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(object.at("/metadata/labels/tier").asText()).isEqualTo("edge");
    assertThat(object.has("data")).isFalse();
  }

  @Test
  @DisplayName("an object is one row even with an items field; an empty list has no rows")
  void singleAndEmpty() {
    JsonNode table =
        converter.toTable(CONFIG_MAPS, json(CONFIG_MAP), format(IncludeObject.METADATA), true);
    assertThat(table.path("metadata")).isEqualTo(json("{'resourceVersion': '12'}"));
    assertThat(table.path("rows")).hasSize(1);
    JsonNode withItems =
        json("{'kind': 'ConfigMap', 'metadata': {'name': 'odd'}, 'items': [{}, {}]}");
    assertThat(
            converter
                .toTable(CONFIG_MAPS, withItems, format(IncludeObject.METADATA), true)
                .at("/rows/0/cells/0")
                .asText())
        .isEqualTo("odd");
    JsonNode empty =
        converter.toTable(
            CONFIG_MAPS,
            json("{'kind': 'ConfigMapList', 'metadata': {'resourceVersion': '3'}, 'items': []}"),
            format(IncludeObject.METADATA),
            true);
    assertThat(empty.path("rows").isArray()).isTrue();
    assertThat(empty.path("rows")).isEmpty();
  }

  @Test
  @DisplayName("includeObject=Object carries the whole object, None a null object")
  void includeObject() {
    JsonNode whole =
        converter.toTable(CONFIG_MAPS, json(CONFIG_MAP), format(IncludeObject.OBJECT), true);
    assertThat(whole.at("/rows/0/object")).isEqualTo(json(CONFIG_MAP));
    JsonNode none =
        converter.toTable(CONFIG_MAPS, json(CONFIG_MAP), format(IncludeObject.NONE), true);
    assertThat(none.at("/rows/0").has("object")).isTrue();
    assertThat(none.at("/rows/0/object").isNull()).isTrue();
  }

  @Test
  @DisplayName("watch events become one-row Tables, with column definitions on the first only")
  void watch() {
    List<JsonNode> sent = new ArrayList<>();
    Reply.EventSink sink =
        converter.watchSink(
            CONFIG_MAPS,
            new TableFormat("v1beta1", IncludeObject.METADATA),
            new Reply.EventSink() {
              @Override
              public void send(JsonNode event) {
                sent.add(event);
              }

              @Override
              public void end() {}

              @Override
              public void schedule(long millis, Runnable task) {}
            });
    sink.send(json("{'type': 'ADDED', 'object': " + CONFIG_MAP + "}"));
    sink.send(json("{'type': 'MODIFIED', 'object': " + CONFIG_MAP + "}"));
    sink.send(
        json(
            "{'type': 'BOOKMARK', 'object': {'kind': 'ConfigMap', 'metadata': {'resourceVersion':"
                + " '99'}}}"));
    JsonNode error = json("{'type': 'ERROR', 'object': {'kind': 'Status', 'code': 410}}");
    sink.send(error);

    assertThat(sent).hasSize(4);
    assertThat(sent.get(0).path("type").asText()).isEqualTo("ADDED");
    assertThat(sent.get(0).at("/object/apiVersion").asText()).isEqualTo("meta.k8s.io/v1beta1");
    assertThat(sent.get(0).at("/object/columnDefinitions")).hasSize(3);
    assertThat(sent.get(0).at("/object/rows/0/cells/0").asText()).isEqualTo("settings");
    assertThat(sent.get(1).path("object").has("columnDefinitions")).isFalse();
    assertThat(sent.get(1).at("/object/rows")).hasSize(1);
    assertThat(sent.get(2).at("/object/kind").asText()).isEqualTo("Table");
    assertThat(sent.get(2).at("/object/metadata/resourceVersion").asText()).isEqualTo("99");
    assertThat(sent.get(2).at("/object/rows")).isEmpty();
    assertThat(sent.get(3)).isEqualTo(error);
  }
}

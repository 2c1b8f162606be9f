package io.k3j.core.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.openapi.OpenApiHandler;
import io.k3j.core.apiserver.openapi.OpenApiReply;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link PatchSchema} of each served kind, taken from the OpenAPI v3 document the server
 * publishes for its group-version: the schema in {@code components.schemas} whose {@code
 * x-kubernetes-group-version-kind} names the kind. A parsed document is kept until its ETag
 * changes. A kind without a document or schema gets {@link PatchSchema#open()}.
 */
public final class PatchSchemas {
  private static final ApiRequest GET_JSON =
      new ApiRequest("GET", null, Map.of(), null, "application/json", new byte[0], null, Map.of());

  /** A parsed document and the ETag it was served with. */
  private record Parsed(String etag, JsonNode document) {}

  private final OpenApiHandler openApi;
  private final Map<String, Parsed> documents = new ConcurrentHashMap<>();

  public PatchSchemas(OpenApiHandler openApi) {
    this.openApi = openApi;
  }

  /** The patch metadata of {@code type}'s objects. */
  public PatchSchema of(ResourceType type) {
    String path =
        type.group().isEmpty()
            ? "api/" + type.version()
            : "apis/" + type.group() + "/" + type.version();
    OpenApiReply reply = openApi.handle(GET_JSON, path);
    if (reply.status() != 200) {
      return PatchSchema.open();
    }
    String etag = reply.headers().get("ETag");
    Parsed parsed =
        documents.compute(
            path,
            (key, old) ->
                old != null && old.etag().equals(etag)
                    ? old
                    : new Parsed(etag, Json.tree(reply.body())));
    JsonNode schemas = parsed.document().path("components").path("schemas");
    for (Map.Entry<String, JsonNode> schema : schemas.properties()) {
      for (JsonNode kind : schema.getValue().path("x-kubernetes-group-version-kind")) {
        if (kind.path("group").asText().equals(type.group())
            && kind.path("version").asText().equals(type.version())
            && kind.path("kind").asText().equals(type.kind())) {
          return PatchSchema.of(parsed.document(), schema.getKey());
        }
      }
    }
    return PatchSchema.open();
  }
}

package io.k3j.core.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.Route;
import io.k3j.core.apiserver.openapi.OpenApiHandler;
import io.k3j.core.apiserver.openapi.OpenApiReply;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kind schemas from the server's OpenAPI v3 documents: built-ins carry upstream's list types, and a
 * custom resource's document holds its CRD's {@code openAPIV3Schema} with ObjectMeta added. Each
 * group-version document is parsed once per content hash, and each kind's root schema is looked up
 * in it once: every write records its managed fields against that root. While the registry's
 * generation stays the same the documents cannot change, so a write asks for none.
 */
final class OpenApiSchemas implements SchemaSource {
  private record Parsed(
      long generation, String etag, JsonNode schemas, Map<String, TypeSchema> roots) {
    Parsed(long generation, String etag, JsonNode schemas) {
      this(generation, etag, schemas, new ConcurrentHashMap<>());
    }

    Parsed at(long generation) {
      return new Parsed(generation, etag, schemas, roots);
    }
  }

  private final OpenApiHandler openApi;
  private final Map<String, Parsed> documents = new ConcurrentHashMap<>();

  OpenApiSchemas(OpenApiHandler openApi) {
    this.openApi = openApi;
  }

  @Override
  public TypeSchema root(ResourceType type) {
    Parsed parsed = parsed(type);
    if (parsed == null) {
      return TypeSchema.UNKNOWN;
    }
    return parsed.roots().computeIfAbsent(type.kind(), kind -> find(parsed.schemas(), type));
  }

  private static TypeSchema find(JsonNode schemas, ResourceType type) {
    for (JsonNode schema : schemas) {
      for (JsonNode gvk : schema.path("x-kubernetes-group-version-kind")) {
        if (gvk.path("group").asText().equals(type.group())
            && gvk.path("version").asText().equals(type.version())
            && gvk.path("kind").asText().equals(type.kind())) {
          return TypeSchema.of(schema, schemas);
        }
      }
    }
    return TypeSchema.UNKNOWN;
  }

  private Parsed parsed(ResourceType type) {
    String path =
        type.group().isEmpty()
            ? "api/" + type.version()
            : "apis/" + type.group() + "/" + type.version();
    long generation = openApi.generation();
    Parsed parsed = documents.get(path);
    if (parsed != null && parsed.generation() == generation) {
      return parsed;
    }
    OpenApiReply reply = openApi.handle(request(path), path);
    if (reply.status() != 200) {
      return null;
    }
    String etag = reply.headers().getOrDefault("ETag", "");
    if (parsed == null || !parsed.etag().equals(etag)) {
      parsed =
          new Parsed(generation, etag, Json.tree(reply.body()).path("components").path("schemas"));
    } else {
      parsed = parsed.at(generation);
    }
    documents.put(path, parsed);
    return parsed;
  }

  private static ApiRequest request(String path) {
    return new ApiRequest(
        "GET",
        new Route.OpenApi(path),
        Map.of(),
        null,
        "application/json",
        new byte[0],
        null,
        Map.<String, String>of());
  }
}

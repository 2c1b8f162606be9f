package io.k3j.core.apiserver.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ResourceType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The OpenAPI v3 documents of one registry generation and their index, serialized once. A
 * group-version whose resources did not change keeps the previous generation's document.
 */
final class OpenApiDocuments {
  /** A serialized document and its content hash (SHA-512, upper-case hex, as upstream). */
  record Document(List<ResourceType> types, byte[] json, String hash) {}

  private final long generation;
  private final Map<String, Document> byPath;
  private final Document index;

  private OpenApiDocuments(long generation, Map<String, Document> byPath) {
    this.generation = generation;
    this.byPath = byPath;
    ObjectNode index = JsonNodeFactory.instance.objectNode();
    ObjectNode paths = index.putObject("paths");
    byPath.forEach(
        (path, document) ->
            paths
                .putObject(path)
                .put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + document.hash()));
    this.index = document(List.of(), index);
  }

  /**
   * The documents of every group-version in {@code types}, reusing those of {@code previous} (may
   * be null) whose resources are unchanged.
   */
  static OpenApiDocuments build(
      long generation, List<ResourceType> types, OpenApiDocuments previous, KindSchemas kinds) {
    Map<String, List<ResourceType>> byGroupVersion = new LinkedHashMap<>();
    for (ResourceType type : types) {
      byGroupVersion
          .computeIfAbsent(GroupVersionDocument.path(type), path -> new ArrayList<>())
          .add(type);
    }
    Map<String, Document> byPath = new TreeMap<>();
    byGroupVersion.forEach(
        (path, served) -> {
          Document old = previous == null ? null : previous.byPath.get(path);
          byPath.put(
              path,
              old != null && old.types().equals(served)
                  ? old
                  : document(served, GroupVersionDocument.build(served, kinds)));
        });
    return new OpenApiDocuments(generation, byPath);
  }

  long generation() {
    return generation;
  }

  /** The {@code /openapi/v3} discovery document. */
  Document index() {
    return index;
  }

  /** The document at {@code path} below {@code /openapi/v3/}, e.g. {@code apis/apps/v1}. */
  Optional<Document> find(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  private static Document document(List<ResourceType> types, ObjectNode tree) {
    byte[] json = Json.bytes(tree);
    return new Document(List.copyOf(types), json, hash(json));
  }

  private static String hash(byte[] json) {
    try {
      return HexFormat.of()
          .withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-512").digest(json));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-512", e);
    }
  }
}

package io.k3j.registry.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads references out of manifest JSON without ever re-serialising it. */
public final class ManifestParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ManifestParser() {}

  /**
   * Parses a manifest pushed with {@code contentType}.
   *
   * @throws InvalidManifestException when the bytes are not a manifest this registry accepts
   */
  public static ParsedManifest parse(byte[] bytes, String contentType) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new InvalidManifestException(
          "manifest is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidManifestException("manifest is not a JSON object");
    }
    String declared = root.path("mediaType").asText("");
    String mediaType = MediaTypes.bare(contentType);
    if (mediaType.isEmpty()) {
      mediaType = declared;
    }
    if (mediaType.isEmpty()) {
      throw new InvalidManifestException("no Content-Type header and no mediaType field");
    }
    if (!declared.isEmpty() && !declared.equals(mediaType)) {
      throw new InvalidManifestException(
          "Content-Type " + mediaType + " does not match mediaType " + declared);
    }
    if (MediaTypes.isSchema1(mediaType) || root.has("fsLayers")) {
      throw new InvalidManifestException("Docker schema 1 manifests are not supported");
    }
    List<Digest> blobs = new ArrayList<>();
    List<Digest> children = new ArrayList<>();
    if (root.has("config")) {
      blobs.add(digestOf(root.get("config"), "config"));
    }
    for (JsonNode layer : root.path("layers")) {
      blobs.add(digestOf(layer, "layers[]"));
    }
    for (JsonNode child : root.path("manifests")) {
      children.add(digestOf(child, "manifests[]"));
    }
    Optional<Digest> subject =
        root.has("subject")
            ? Optional.of(digestOf(root.get("subject"), "subject"))
            : Optional.empty();
    String artifactType = root.path("artifactType").asText("");
    if (artifactType.isEmpty() && !MediaTypes.isIndex(mediaType)) {
      artifactType = root.path("config").path("mediaType").asText("");
    }
    String annotations = null;
    if (root.path("annotations").isObject()) {
      try {
        annotations = JSON.writeValueAsString(root.get("annotations"));
      } catch (JsonProcessingException e) {
        throw new InvalidManifestException("unreadable annotations");
      }
    }
    return new ParsedManifest(
        mediaType,
        List.copyOf(blobs),
        List.copyOf(children),
        subject,
        artifactType.isEmpty() ? Optional.empty() : Optional.of(artifactType),
        annotations);
  }

  private static Digest digestOf(JsonNode descriptor, String field) {
    try {
      return Digest.parse(descriptor.path("digest").asText(null));
    } catch (IllegalArgumentException e) {
      throw new InvalidManifestException(field + ": " + e.getMessage());
    }
  }
}

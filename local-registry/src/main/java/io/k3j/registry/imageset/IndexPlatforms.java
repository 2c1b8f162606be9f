package io.k3j.registry.imageset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k3j.registry.internal.store.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The children of an image index or manifest list whose {@code platform} an image set keeps. */
final class IndexPlatforms {
  private static final ObjectMapper JSON = new ObjectMapper();

  private IndexPlatforms() {}

  static List<Digest> children(byte[] index, Platforms platforms) throws IOException {
    List<Digest> kept = new ArrayList<>();
    for (JsonNode child : JSON.readTree(index).path("manifests")) {
      JsonNode platform = child.path("platform");
      boolean keep =
          platform.isObject()
              ? platforms.matches(
                  platform.path("os").asText(),
                  platform.path("architecture").asText(),
                  Optional.ofNullable(platform.get("variant")).map(JsonNode::asText))
              : platforms.all();
      if (keep) {
        kept.add(Digest.parse(child.path("digest").asText()));
      }
    }
    return kept;
  }
}

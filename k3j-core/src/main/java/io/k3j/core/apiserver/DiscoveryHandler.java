package io.k3j.core.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.ResourceRegistry;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Legacy discovery: {@code /api}, {@code /apis}, {@code /api/v1}, {@code /apis/{g}/{v}}. */
public final class DiscoveryHandler {
  private final ResourceRegistry registry;

  public DiscoveryHandler(ResourceRegistry registry) {
    this.registry = registry;
  }

  public ObjectNode groups(boolean core) {
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    if (core) {
      result.put("kind", "APIVersions");
      result.putArray("versions").add("v1");
      result.putArray("serverAddressByClientCIDRs");
      return result;
    }
    result.put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = result.putArray("groups");
    Map<String, String> versions = new LinkedHashMap<>();
    for (ResourceType type : registry.all()) {
      if (!type.group().isEmpty()) {
        versions.putIfAbsent(type.group(), type.version());
      }
    }
    versions.forEach(
        (group, version) -> {
          ObjectNode entry = groups.addObject().put("name", group);
          ObjectNode gv =
              JsonNodeFactory.instance
                  .objectNode()
                  .put("groupVersion", group + "/" + version)
                  .put("version", version);
          entry.putArray("versions").add(gv);
          entry.set("preferredVersion", gv.deepCopy());
        });
    return result;
  }

  public ObjectNode resources(String group, String version) {
    List<ResourceType> served =
        registry.all().stream()
            .filter(t -> t.group().equals(group) && t.version().equals(version))
            .toList();
    if (served.isEmpty()) {
      throw new ApiException(404, "NotFound", "the server could not find the requested resource");
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("kind", "APIResourceList").put("apiVersion", "v1");
    result.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = result.putArray("resources");
    for (ResourceType type : served) {
      ObjectNode entry = resources.addObject();
      entry.put("name", type.plural());
      entry.put("singularName", type.singular());
      entry.put("namespaced", type.namespaced());
      entry.put("kind", type.kind());
      ArrayNode verbs = entry.putArray("verbs");
      ResourceType.VERBS.forEach(verbs::add);
      if (!type.shortNames().isEmpty()) {
        ArrayNode shortNames = entry.putArray("shortNames");
        type.shortNames().forEach(shortNames::add);
      }
    }
    return result;
  }
}

package io.k3j.core.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ResourceRegistry;
import io.k3j.core.apiserver.resources.ResourceType;
import io.k3j.core.apiserver.resources.VersionPriority;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Discovery: legacy ({@code /api}, {@code /apis}, {@code /api/v1}, {@code /apis/{g}/{v}}) and
 * aggregated v2 on {@code /api} and {@code /apis}, chosen by Accept with the media type echoed, and
 * an ETag so clients can revalidate their cache with If-None-Match.
 */
public final class DiscoveryHandler {
  static final String AGGREGATED_V2 =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
  static final String AGGREGATED_V2BETA1 =
      "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

  private final ResourceRegistry registry;

  public DiscoveryHandler(ResourceRegistry registry) {
    this.registry = registry;
  }

  /** {@code /api} or {@code /apis}. */
  public Reply groups(ApiRequest request, boolean core) {
    String aggregated = aggregatedMediaType(request.accept());
    if (aggregated != null) {
      ObjectNode list = aggregated(core, aggregated.equals(AGGREGATED_V2) ? "v2" : "v2beta1");
      return cacheable(request, aggregated, list);
    }
    return cacheable(request, "application/json", core ? coreVersions() : groupList());
  }

  /** {@code /api/v1} or {@code /apis/{group}/{version}}. */
  public Reply resources(ApiRequest request, String group, String version) {
    List<ResourceType> served = served(group, version);
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
      strings(entry, "verbs", type.verbs());
      if (!type.shortNames().isEmpty()) {
        strings(entry, "shortNames", type.shortNames());
      }
      if (!type.categories().isEmpty()) {
        strings(entry, "categories", type.categories());
      }
      for (String subresource : type.subresources()) {
        ObjectNode sub = resources.addObject();
        sub.put("name", type.plural() + "/" + subresource);
        sub.put("singularName", "");
        sub.put("namespaced", type.namespaced());
        ObjectNode kind = subresourceKind(type, subresource);
        if (!kind.path("group").asText().equals(group)) {
          sub.put("group", kind.path("group").asText());
          sub.put("version", kind.path("version").asText());
        }
        sub.put("kind", kind.path("kind").asText());
        strings(sub, "verbs", subresourceVerbs(subresource));
      }
    }
    return cacheable(request, "application/json", result);
  }

  /** The aggregated media type the client accepts, or null for legacy discovery. */
  static String aggregatedMediaType(String accept) {
    if (accept == null) {
      return null;
    }
    for (String range : accept.split(",")) {
      Map<String, String> params = new TreeMap<>();
      String[] parts = range.split(";");
      for (int i = 1; i < parts.length; i++) {
        String[] kv = parts[i].trim().split("=", 2);
        if (kv.length == 2) {
          params.put(kv[0].trim(), kv[1].trim());
        }
      }
      if (parts[0].trim().equals("application/json")
          && "apidiscovery.k8s.io".equals(params.get("g"))
          && "APIGroupDiscoveryList".equals(params.get("as"))) {
        if ("v2".equals(params.get("v"))) {
          return AGGREGATED_V2;
        }
        if ("v2beta1".equals(params.get("v"))) {
          return AGGREGATED_V2BETA1;
        }
      }
    }
    return null;
  }

  private ObjectNode aggregated(boolean core, String version) {
    ObjectNode list = JsonNodeFactory.instance.objectNode();
    list.put("kind", "APIGroupDiscoveryList").put("apiVersion", "apidiscovery.k8s.io/" + version);
    list.putObject("metadata");
    ArrayNode items = list.putArray("items");
    for (Map.Entry<String, List<String>> group : groupVersions().entrySet()) {
      if (group.getKey().isEmpty() != core) {
        continue;
      }
      ObjectNode item = items.addObject();
      ObjectNode metadata = item.putObject("metadata");
      if (!core) {
        metadata.put("name", group.getKey());
      }
      ArrayNode versions = item.putArray("versions");
      for (String groupVersion : group.getValue()) {
        ObjectNode entry = versions.addObject();
        entry.put("version", groupVersion);
        ArrayNode resources = entry.putArray("resources");
        for (ResourceType type : served(group.getKey(), groupVersion)) {
          resources.add(aggregatedResource(type));
        }
        entry.put("freshness", "Current");
      }
    }
    return list;
  }

  private static ObjectNode aggregatedResource(ResourceType type) {
    ObjectNode resource = JsonNodeFactory.instance.objectNode();
    resource.put("resource", type.plural());
    resource
        .putObject("responseKind")
        .put("group", type.group())
        .put("version", type.version())
        .put("kind", type.kind());
    resource.put("scope", type.namespaced() ? "Namespaced" : "Cluster");
    resource.put("singularResource", type.singular());
    strings(resource, "verbs", type.verbs());
    if (!type.shortNames().isEmpty()) {
      strings(resource, "shortNames", type.shortNames());
    }
    if (!type.categories().isEmpty()) {
      strings(resource, "categories", type.categories());
    }
    if (!type.subresources().isEmpty()) {
      ArrayNode subresources = resource.putArray("subresources");
      for (String name : type.subresources()) {
        ObjectNode sub = subresources.addObject();
        sub.put("subresource", name);
        sub.set("responseKind", subresourceKind(type, name));
        strings(sub, "verbs", subresourceVerbs(name));
      }
    }
    return resource;
  }

  private static ObjectNode subresourceKind(ResourceType type, String subresource) {
    ObjectNode kind = JsonNodeFactory.instance.objectNode();
    switch (subresource) {
      case "scale":
        return kind.put("group", "autoscaling").put("version", "v1").put("kind", "Scale");
      case "eviction":
        return kind.put("group", "policy").put("version", "v1").put("kind", "Eviction");
      default:
        return kind.put("group", type.group())
            .put("version", type.version())
            .put("kind", type.kind());
    }
  }

  private static List<String> subresourceVerbs(String subresource) {
    switch (subresource) {
      case "eviction":
      case "token":
        return List.of("create");
      case "finalize":
        return List.of("update");
      default:
        return List.of("get", "patch", "update");
    }
  }

  private ObjectNode coreVersions() {
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("kind", "APIVersions");
    result.putArray("versions").add("v1");
    result.putArray("serverAddressByClientCIDRs");
    return result;
  }

  private ObjectNode groupList() {
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = result.putArray("groups");
    groupVersions()
        .forEach(
            (group, versions) -> {
              if (group.isEmpty()) {
                return;
              }
              ObjectNode entry = groups.addObject().put("name", group);
              ArrayNode list = entry.putArray("versions");
              for (String version : versions) {
                list.addObject().put("groupVersion", group + "/" + version).put("version", version);
              }
              entry.set("preferredVersion", list.get(0).deepCopy());
            });
    return result;
  }

  /** Every group with its versions, preferred first; groups in the order first served. */
  private Map<String, List<String>> groupVersions() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (ResourceType type : registry.all()) {
      List<String> versions = groups.computeIfAbsent(type.group(), g -> new ArrayList<>());
      if (!versions.contains(type.version())) {
        versions.add(type.version());
      }
    }
    groups.values().forEach(versions -> versions.sort(VersionPriority.ORDER));
    return groups;
  }

  private List<ResourceType> served(String group, String version) {
    return registry.all().stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version))
        .toList();
  }

  private static Reply cacheable(ApiRequest request, String mediaType, ObjectNode body) {
    byte[] bytes = Json.bytes(body);
    String etag = "\"" + sha256(bytes) + "\"";
    if (etag.equals(request.header("if-none-match"))) {
      return new Reply.Full(304, null, new byte[0]).withHeader("ETag", etag);
    }
    return new Reply.Full(200, mediaType, bytes).withHeader("ETag", etag);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
          .toUpperCase(java.util.Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void strings(ObjectNode node, String field, List<String> values) {
    ArrayNode array = node.putArray(field);
    values.forEach(array::add);
  }
}

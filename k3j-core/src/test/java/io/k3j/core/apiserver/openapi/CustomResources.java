package io.k3j.core.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Custom resource types as a served CustomResourceDefinition yields them. */
final class CustomResources {
  static final String CRON_TAB_SCHEMA =
      """
      {"type": "object",
       "properties": {
         "metadata": {"type": "object"},
         "spec": {"type": "object",
                  "properties": {"cronSpec": {"type": "string"},
                                 "replicas": {"type": "integer"}}},
         "status": {"type": "object", "properties": {"replicas": {"type": "integer"}}}}}
      """;

  private CustomResources() {}

  /** {@code stable.example.com/v1 CronTab} with status and scale subresources. */
  static ResourceType cronTab() {
    return cronTab("v1", Json.tree(CRON_TAB_SCHEMA.getBytes(StandardCharsets.UTF_8)));
  }

  static ResourceType cronTab(String version, JsonNode schema) {
    return new ResourceType(
        "stable.example.com",
        version,
        "CronTab",
        "crontabs",
        "crontab",
        true,
        List.of("ct"),
        List.of(),
        ResourceType.VERBS,
        List.of("status", "scale"),
        new ResourceType.CustomResource(
            "crontabs.stable.example.com",
            schema,
            JsonNodeFactory.instance.arrayNode(),
            JsonNodeFactory.instance.objectNode().put("specReplicasPath", ".spec.replicas"),
            true));
  }
}

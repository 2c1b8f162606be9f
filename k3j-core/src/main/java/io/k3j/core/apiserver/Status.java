package io.k3j.core.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one serializer of API errors: a {@code meta/v1 Status} object. */
public final class Status {
  private Status() {}

  public static ObjectNode of(ApiException e) {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", e.getMessage());
    status.put("reason", e.reason());
    if (e.kind() != null || !e.causes().isEmpty()) {
      ObjectNode details = status.putObject("details");
      if (e.name() != null) {
        details.put("name", e.name());
      }
      if (e.kind() != null) {
        details.put("kind", e.kind());
      }
      if (!e.causes().isEmpty()) {
        ArrayNode causes = details.putArray("causes");
        for (ApiException.Cause cause : e.causes()) {
          causes.addObject().put("reason", cause.reason()).put("message", cause.message());
          if (cause.field() != null) {
            ((ObjectNode) causes.get(causes.size() - 1)).put("field", cause.field());
          }
        }
      }
    }
    status.put("code", e.code());
    return status;
  }

  public static ObjectNode success() {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Success");
    return status;
  }
}

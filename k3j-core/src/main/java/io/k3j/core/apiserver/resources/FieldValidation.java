package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.Reply;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code fieldValidation} query parameter: fields the type's schema does not know are dropped
 * silently ({@code Ignore}), dropped with a {@code Warning} header each ({@code Warn}, the
 * default), or refused with 400 ({@code Strict}), as kube-apiserver does.
 */
final class FieldValidation {
  /** Finds the paths of unknown fields in an object of a type. */
  @FunctionalInterface
  interface UnknownFields {
    List<String> find(ResourceType type, JsonNode object);
  }

  private final UnknownFields unknownFields;

  FieldValidation(UnknownFields unknownFields) {
    this.unknownFields = unknownFields;
  }

  /** The warnings to send; throws when the request is Strict and there are unknown fields. */
  List<String> check(ApiRequest request, ResourceType type, JsonNode object) {
    String mode = request.param("fieldValidation");
    if (mode == null || mode.isEmpty()) {
      mode = "Warn";
    }
    switch (mode) {
      case "Ignore":
        return List.of();
      case "Warn":
      case "Strict":
        break;
      default:
        throw ApiException.badRequest(
            "fieldValidation must be one of \"Ignore\", \"Warn\" or \"Strict\", not \""
                + mode
                + "\"");
    }
    List<String> unknown = unknownFields.find(type, object);
    if (unknown.isEmpty()) {
      return List.of();
    }
    List<String> messages = unknown.stream().map(path -> "unknown field \"" + path + "\"").toList();
    if (mode.equals("Strict")) {
      throw ApiException.badRequest("strict decoding error: " + String.join(", ", messages));
    }
    return messages;
  }

  /** The reply with one {@code Warning: 299 - "..."} value per message. */
  static Reply.Full warn(Reply.Full reply, List<String> messages) {
    if (messages.isEmpty()) {
      return reply;
    }
    return reply.withHeader(
        "Warning",
        messages.stream()
            .map(m -> "299 - \"" + m.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
            .collect(Collectors.joining(", ")));
  }
}

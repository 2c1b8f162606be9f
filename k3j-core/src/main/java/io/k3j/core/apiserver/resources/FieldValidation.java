package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code fieldValidation} query parameter: fields the type's schema does not know, and keys
 * given twice in the body (the last one wins), are passed over silently ({@code Ignore}), with a
 * {@code Warning} header each ({@code Warn}, the default), or refused with 400 ({@code Strict}), as
 * kube-apiserver does.
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

  /**
   * The warnings to send about duplicate and unknown fields; throws 400 when the request is Strict
   * and there are some. A create or update names the kind as upstream's decoder does ({@code
   * ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: ...}).
   */
  List<String> check(ApiRequest request, ResourceType type, JsonNode object) {
    return check(request, type, object, false);
  }

  /**
   * {@link #check(ApiRequest, ResourceType, JsonNode)}; {@code uniqueKeys} says the body was parsed
   * with a check for duplicate keys and had none, so it is not read again for them.
   */
  List<String> check(ApiRequest request, ResourceType type, JsonNode object, boolean uniqueKeys) {
    String mode = mode(request);
    if (mode.equals("Ignore")) {
      return List.of();
    }
    List<String> problems = new ArrayList<>(uniqueKeys ? List.of() : duplicates(request));
    unknownFields
        .find(type, object)
        .forEach(path -> problems.add("unknown field \"" + path + "\""));
    if (problems.isEmpty()) {
      return List.of();
    }
    if (mode.equals("Strict")) {
      String message = "strict decoding error: " + String.join(", ", problems);
      if (!request.method().equals("PATCH")) {
        message =
            type.kind()
                + " in version \""
                + type.version()
                + "\" cannot be handled as a "
                + type.kind()
                + ": "
                + message;
      }
      throw ApiException.badRequest(message);
    }
    return problems;
  }

  /**
   * Duplicate keys in a server-side apply body (YAML or JSON, read as YAML as upstream does): 400
   * when Strict, else the warnings to send.
   */
  static List<String> checkApply(ApiRequest request) {
    String mode = mode(request);
    if (mode.equals("Ignore")) {
      return List.of();
    }
    List<String> duplicates = DuplicateFields.inYaml(request.body());
    if (!duplicates.isEmpty() && mode.equals("Strict")) {
      throw ApiException.badRequest("error strict decoding YAML: " + duplicates.get(0));
    }
    return duplicates;
  }

  private static String mode(ApiRequest request) {
    String mode = request.param("fieldValidation");
    if (mode == null || mode.isEmpty()) {
      return "Warn";
    }
    if (!mode.equals("Ignore") && !mode.equals("Warn") && !mode.equals("Strict")) {
      throw ApiException.badRequest(
          "fieldValidation must be one of \"Ignore\", \"Warn\" or \"Strict\", not \""
              + mode
              + "\"");
    }
    return mode;
  }

  /** Duplicate keys in a JSON or YAML body; none in protobuf or JSON patch bodies. */
  private static List<String> duplicates(ApiRequest request) {
    String contentType = request.contentType() == null ? "" : request.contentType();
    switch (contentType.split(";")[0].trim()) {
      case "":
      case "application/json":
      case "application/merge-patch+json":
      case "application/strategic-merge-patch+json":
        return DuplicateFields.inJson(request.body());
      case "application/yaml":
        return DuplicateFields.inYaml(request.body());
      default:
        return List.of();
    }
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

package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The checks every object passes before it is stored, with upstream's messages. */
final class ObjectValidation {
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private ObjectValidation() {}

  /** The body's kind and apiVersion must be the URL's (empty is filled in by the caller). */
  static void checkType(ResourceType type, JsonNode object) {
    String kind = object.path("kind").asText("");
    String apiVersion = object.path("apiVersion").asText("");
    if (!kind.isEmpty() && !kind.equals(type.kind())
        || !apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
      throw ApiException.badRequest(
          "the API version in the data ("
              + apiVersion
              + ") and kind ("
              + kind
              + ") do not match the URL, which serves "
              + type.apiVersion()
              + " "
              + type.kind());
    }
  }

  static void checkNamespace(ResourceType type, String urlNamespace, JsonNode object) {
    String namespace = object.path("metadata").path("namespace").asText("");
    if (type.namespaced() && !namespace.isEmpty() && !namespace.equals(urlNamespace)) {
      throw ApiException.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request");
    }
  }

  /** Custom resources' names: a DNS-1123 subdomain, as upstream requires of them. */
  static void checkName(ResourceType type, String name) {
    List<ApiException.Cause> causes = new ArrayList<>();
    if (name.isEmpty()) {
      causes.add(
          new ApiException.Cause(
              "FieldValueRequired",
              "Required value: name or generateName is required",
              "metadata.name"));
    } else if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
      causes.add(
          new ApiException.Cause(
              "FieldValueInvalid",
              "Invalid value: \""
                  + name
                  + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
                  + " characters, '-' or '.', and must start and end with an alphanumeric"
                  + " character",
              "metadata.name"));
    }
    if (!causes.isEmpty()) {
      throw ApiException.invalid(type.kind(), name, causes);
    }
  }
}

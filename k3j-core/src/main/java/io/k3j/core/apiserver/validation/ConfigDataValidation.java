package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.FieldPath.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Upstream's ConfigMap and Secret checks: keys, size, immutability and typed secrets. */
final class ConfigDataValidation {
  static final int MAX_BYTES = 1024 * 1024;
  private static final String IMMUTABLE = "field is immutable when `immutable` is set";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ConfigDataValidation() {}

  static void configMap(JsonNode object, JsonNode old, FieldErrors errors) {
    JsonNode data = object.path("data");
    JsonNode binaryData = object.path("binaryData");
    long size = 0;
    var entries = data.fields();
    while (entries.hasNext()) {
      var e = entries.next();
      errors.invalidEach(key("data", e.getKey()), e.getKey(), Names.configKey(e.getKey()));
      if (binaryData.has(e.getKey())) {
        errors.invalid(
            key("data", e.getKey()), e.getKey(), "duplicate of key present in binaryData");
      }
      size += Names.bytes(e.getValue().asText(""));
    }
    var binaries = binaryData.fields();
    while (binaries.hasNext()) {
      var e = binaries.next();
      errors.invalidEach(key("binaryData", e.getKey()), e.getKey(), Names.configKey(e.getKey()));
      if (data.has(e.getKey())) {
        errors.invalid(
            key("binaryData", e.getKey()), e.getKey(), "duplicate of key present in data");
      }
      size += decode(e.getValue().asText("")).length;
    }
    if (size > MAX_BYTES) {
      errors.tooLong("", MAX_BYTES);
    }
    if (old != null && old.path("immutable").asBoolean(false)) {
      immutable(object, old, "binaryData", errors);
    }
  }

  /** A Secret; {@code stringData} counts as data, as upstream merges it before validating. */
  static void secret(JsonNode object, JsonNode old, FieldErrors errors) {
    Map<String, byte[]> data = data(object);
    long size = 0;
    for (var e : data.entrySet()) {
      errors.invalidEach(key("data", e.getKey()), e.getKey(), Names.configKey(e.getKey()));
      size += e.getValue().length;
    }
    if (size > MAX_BYTES) {
      errors.tooLong("data", MAX_BYTES);
    }
    typed(object, data, errors);
    if (old != null) {
      String type = object.path("type").asText("");
      if (!type.equals(old.path("type").asText(""))) {
        errors.invalid("type", type, "field is immutable");
      }
      if (old.path("immutable").asBoolean(false)) {
        immutable(object, old, null, errors);
      }
    }
  }

  /** The keys each well-known Secret type must carry (upstream's ValidateSecret). */
  private static void typed(JsonNode object, Map<String, byte[]> data, FieldErrors errors) {
    switch (object.path("type").asText("")) {
      case "kubernetes.io/service-account-token" -> {
        String annotation = "kubernetes.io/service-account.name";
        if (object.path("metadata").path("annotations").path(annotation).asText("").isEmpty()) {
          errors.required(key("metadata.annotations", annotation), "");
        }
      }
      case "kubernetes.io/dockercfg" -> jsonKey(data, ".dockercfg", errors);
      case "kubernetes.io/dockerconfigjson" -> jsonKey(data, ".dockerconfigjson", errors);
      case "kubernetes.io/basic-auth" -> {
        if (!data.containsKey("username") && !data.containsKey("password")) {
          errors.required(key("data", "username"), "");
          errors.required(key("data", "password"), "");
        }
      }
      case "kubernetes.io/ssh-auth" -> {
        if (data.getOrDefault("ssh-privatekey", new byte[0]).length == 0) {
          errors.required(key("data", "ssh-privatekey"), "");
        }
      }
      case "kubernetes.io/tls" -> {
        for (String required : new String[] {"tls.crt", "tls.key"}) {
          if (!data.containsKey(required)) {
            errors.required(key("data", required), "");
          }
        }
      }
      default -> {}
    }
  }

  private static void jsonKey(Map<String, byte[]> data, String name, FieldErrors errors) {
    byte[] content = data.get(name);
    if (content == null) {
      errors.required(key("data", name), "");
      return;
    }
    if (!isJsonObject(content)) {
      errors.invalid(key("data", name), "<secret contents redacted>", "must be a JSON object");
    }
  }

  private static boolean isJsonObject(byte[] content) {
    try {
      return MAPPER.readTree(content).isObject();
    } catch (IOException e) {
      return false;
    }
  }

  private static void immutable(
      JsonNode object, JsonNode old, String binaryField, FieldErrors errors) {
    if (!object.path("immutable").asBoolean(false)) {
      errors.forbidden("immutable", IMMUTABLE);
    }
    if (!object.path("data").equals(old.path("data"))) {
      errors.forbidden("data", IMMUTABLE);
    }
    if (binaryField != null && !object.path(binaryField).equals(old.path(binaryField))) {
      errors.forbidden(binaryField, IMMUTABLE);
    }
  }

  private static Map<String, byte[]> data(JsonNode secret) {
    Map<String, byte[]> data = new LinkedHashMap<>();
    secret
        .path("data")
        .fields()
        .forEachRemaining(e -> data.put(e.getKey(), decode(e.getValue().asText(""))));
    secret
        .path("stringData")
        .fields()
        .forEachRemaining(
            e -> data.put(e.getKey(), e.getValue().asText("").getBytes(StandardCharsets.UTF_8)));
    return data;
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return base64.getBytes(StandardCharsets.UTF_8);
    }
  }
}

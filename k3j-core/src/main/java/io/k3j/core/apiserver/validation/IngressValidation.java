package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.FieldPath.child;
import static io.k3j.core.apiserver.validation.FieldPath.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/** Upstream's basic Ingress checks: rules or a default backend, hosts, paths and backends. */
final class IngressValidation {
  private static final List<String> PATH_TYPES =
      List.of("Exact", "ImplementationSpecific", "Prefix");
  private static final Pattern IP = Pattern.compile("([0-9]{1,3}\\.){3}[0-9]{1,3}|.*:.*");

  private IngressValidation() {}

  static void ingress(JsonNode spec, FieldErrors errors) {
    JsonNode rules = spec.path("rules");
    if (rules.isEmpty() && !spec.path("defaultBackend").isObject()) {
      errors.invalid(
          "spec",
          new GoLiteral("[]networking.IngressRule(nil)"),
          "either `defaultBackend` or `rules` must be specified");
    }
    if (spec.path("defaultBackend").isObject()) {
      backend(spec.path("defaultBackend"), "spec.defaultBackend", errors);
    }
    for (int i = 0; i < rules.size(); i++) {
      rule(rules.get(i), index("spec.rules", i), errors);
    }
  }

  private static void rule(JsonNode rule, String path, FieldErrors errors) {
    String host = rule.path("host").asText("");
    if (!host.isEmpty()) {
      if (IP.matcher(host).matches()) {
        errors.invalid(child(path, "host"), host, "must be a DNS name, not an IP address");
      }
      errors.invalidEach(
          child(path, "host"),
          host,
          host.startsWith("*.")
              ? Names.wildcardDns1123Subdomain(host)
              : Names.dns1123Subdomain(host));
    }
    if (!rule.has("http")) {
      return;
    }
    JsonNode paths = rule.path("http").path("paths");
    String pathsPath = child(path, "http", "paths");
    if (paths.isEmpty()) {
      errors.required(pathsPath, "");
    }
    for (int i = 0; i < paths.size(); i++) {
      httpPath(paths.get(i), index(pathsPath, i), errors);
    }
  }

  private static void httpPath(JsonNode httpPath, String path, FieldErrors errors) {
    String type = httpPath.path("pathType").asText("");
    String value = httpPath.path("path").asText("");
    if (type.isEmpty()) {
      errors.required(child(path, "pathType"), "pathType must be specified");
    } else if (!PATH_TYPES.contains(type)) {
      errors.notSupported(child(path, "pathType"), type, PATH_TYPES);
    } else if (!type.equals("ImplementationSpecific") && !value.startsWith("/")) {
      errors.invalid(child(path, "path"), value, "must be an absolute path");
    }
    backend(httpPath.path("backend"), child(path, "backend"), errors);
  }

  private static void backend(JsonNode backend, String path, FieldErrors errors) {
    boolean service = backend.path("service").isObject();
    boolean resource = backend.path("resource").isObject();
    if (service && resource) {
      errors.invalid(path, "", "cannot set both resource and service backends");
      return;
    }
    if (!service && !resource) {
      errors.invalid(path, "", "resource or service backend is required");
      return;
    }
    if (!service) {
      return;
    }
    String name = backend.path("service").path("name").asText("");
    if (name.isEmpty()) {
      errors.required(child(path, "service", "name"), "");
    } else {
      errors.invalidEach(child(path, "service", "name"), name, Names.dns1035Label(name));
    }
    JsonNode port = backend.path("service").path("port");
    String portName = port.path("name").asText("");
    long number = port.path("number").asLong(0);
    if (!portName.isEmpty() && number != 0) {
      errors.invalid(path, "", "cannot set both port name & port number");
    } else if (!portName.isEmpty()) {
      errors.invalidEach(
          child(path, "service", "port", "name"), portName, Names.portName(portName));
    } else if (number != 0) {
      errors.invalidEach(
          child(path, "service", "port", "number"), number, Names.portNumber(number));
    } else {
      errors.required(child(path, "service", "port"), "port name or number is required");
    }
  }
}

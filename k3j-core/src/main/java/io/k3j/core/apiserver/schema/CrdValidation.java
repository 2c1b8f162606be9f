package io.k3j.core.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.k3j.core.apiserver.ApiException.Cause;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validates an {@code apiextensions.k8s.io/v1} CustomResourceDefinition (after {@link CrdDefaults})
 * with apiextensions-apiserver's messages and field paths: name, group, scope, names, versions with
 * their structural schemas, scale subresource and printer columns, conversion.
 */
public final class CrdValidation {
  private static final List<String> SCOPES = List.of("Cluster", "Namespaced");
  private static final List<String> STRATEGIES = List.of("None", "Webhook");

  private final List<Cause> causes = new ArrayList<>();

  private CrdValidation() {}

  /** The causes that make {@code crd} invalid; empty means valid. */
  public static List<Cause> validate(JsonNode crd) {
    CrdValidation validation = new CrdValidation();
    validation.crd(crd);
    return validation.causes;
  }

  private void crd(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    String group = text(spec, "group");
    String name = text(crd.path("metadata"), "name");
    if (name.isEmpty()) {
      causes.add(FieldErrors.required("metadata.name", "name or generateName is required"));
    } else {
      Names.dns1123Subdomain(name)
          .forEach(e -> causes.add(FieldErrors.invalid("metadata.name", name, e)));
      if (!name.equals(text(names, "plural") + "." + group)) {
        causes.add(
            FieldErrors.invalid(
                "metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
      }
    }
    group(group);
    required("spec.scope", text(spec, "scope"), SCOPES);
    versions(spec.path("versions"));
    conversion(spec.path("conversion"));
    names(names);
    if (spec.path("preserveUnknownFields").asBoolean(false)) {
      causes.add(
          FieldErrors.invalid("spec.preserveUnknownFields", BooleanNode.TRUE, "must be false"));
    }
  }

  private void group(String group) {
    if (group.isEmpty()) {
      causes.add(FieldErrors.required("spec.group", ""));
      return;
    }
    List<String> errors = Names.dns1123Subdomain(group);
    if (!errors.isEmpty()) {
      causes.add(FieldErrors.invalid("spec.group", group, String.join(",", errors)));
    } else if (!group.contains(".")) {
      causes.add(
          FieldErrors.invalid("spec.group", group, "should be a domain with at least one dot"));
    }
  }

  private void versions(JsonNode versions) {
    if (versions.isEmpty()) {
      causes.add(FieldErrors.required("spec.versions", "must have at least one version"));
      return;
    }
    int storage = 0;
    Set<String> seen = new HashSet<>();
    boolean unique = true;
    for (int i = 0; i < versions.size(); i++) {
      JsonNode version = versions.get(i);
      String path = Paths.index("spec.versions", i);
      String name = text(version, "name");
      storage += version.path("storage").asBoolean(false) ? 1 : 0;
      unique &= seen.add(name);
      List<String> errors = Names.dns1035Label(name);
      if (!errors.isEmpty()) {
        causes.add(FieldErrors.invalid(Paths.child(path, "name"), name, String.join(",", errors)));
      }
      String schemaPath = Paths.child(path, "schema.openAPIV3Schema");
      JsonNode schema = version.path("schema").path("openAPIV3Schema");
      if (!schema.isObject()) {
        causes.add(FieldErrors.required(schemaPath, "schemas are required"));
      } else {
        causes.addAll(StructuralCheck.check(schema, schemaPath));
      }
      scale(version.path("subresources").path("scale"), Paths.child(path, "subresources.scale"));
      JsonNode columns = version.path("additionalPrinterColumns");
      for (int j = 0; j < columns.size(); j++) {
        causes.addAll(
            PrinterColumns.check(
                columns.get(j), Paths.index(Paths.child(path, "additionalPrinterColumns"), j)));
      }
    }
    if (!unique) {
      causes.add(
          FieldErrors.invalid("spec.versions", versions, "must contain unique version names"));
    }
    if (storage != 1) {
      causes.add(
          FieldErrors.invalid(
              "spec.versions",
              versions,
              "must have exactly one version marked as storage version"));
    }
  }

  private void scale(JsonNode scale, String path) {
    if (scale.isMissingNode()) {
      return;
    }
    scalePath(scale, path, "specReplicasPath", true, ".spec", ".spec.");
    scalePath(scale, path, "statusReplicasPath", true, ".status", ".status.");
    scalePath(
        scale, path, "labelSelectorPath", false, "either .spec or .status", ".spec.", ".status.");
  }

  /** A scale path is a simple JSON path under one of {@code prefixes}. */
  private void scalePath(
      JsonNode scale, String path, String key, boolean required, String under, String... prefixes) {
    String field = Paths.child(path, key);
    String value = text(scale, key);
    if (value.isEmpty()) {
      if (required) {
        causes.add(FieldErrors.required(field, ""));
      }
      return;
    }
    Cause notSimple = JsonPaths.checkSimple(field, value);
    if (notSimple != null) {
      causes.add(notSimple);
    } else if (Arrays.stream(prefixes).noneMatch(value::startsWith)) {
      causes.add(FieldErrors.invalid(field, value, "should be a json path under " + under));
    }
  }

  private void conversion(JsonNode conversion) {
    String strategy = text(conversion, "strategy");
    required("spec.conversion.strategy", strategy, STRATEGIES);
    boolean webhook = conversion.hasNonNull("webhook");
    if (strategy.equals("Webhook") && !webhook) {
      causes.add(
          FieldErrors.required(
              "spec.conversion.webhook", "required when strategy is set to Webhook"));
    } else if (strategy.equals("None") && webhook) {
      causes.add(
          FieldErrors.forbidden(
              "spec.conversion.webhook", "should not be set when strategy is not set to Webhook"));
    }
  }

  private void names(JsonNode names) {
    for (String key : List.of("plural", "singular", "kind", "listKind")) {
      if (text(names, key).isEmpty()) {
        causes.add(FieldErrors.required("spec.names." + key, ""));
      }
    }
    label("spec.names.plural", text(names, "plural"), false);
    label("spec.names.singular", text(names, "singular"), false);
    label("spec.names.kind", text(names, "kind"), true);
    label("spec.names.listKind", text(names, "listKind"), true);
    JsonNode shortNames = names.path("shortNames");
    for (int i = 0; i < shortNames.size(); i++) {
      label(Paths.index("spec.names.shortNames", i), shortNames.get(i).asText(), false);
    }
    String kind = text(names, "kind");
    if (!kind.isEmpty() && kind.equals(text(names, "listKind"))) {
      causes.add(
          FieldErrors.invalid(
              "spec.names.listKind", kind, "kind and listKind may not be the same"));
    }
  }

  /** A DNS-1035 label check of a non-empty name; kinds may have mixed case. */
  private void label(String field, String value, boolean mixedCase) {
    if (value.isEmpty()) {
      return;
    }
    List<String> errors = Names.dns1035Label(mixedCase ? value.toLowerCase(Locale.ROOT) : value);
    if (!errors.isEmpty()) {
      String prefix = mixedCase ? "may have mixed case, but should otherwise match: " : "";
      causes.add(FieldErrors.invalid(field, value, prefix + String.join(",", errors)));
    }
  }

  private void required(String field, String value, List<String> supported) {
    if (value.isEmpty()) {
      causes.add(FieldErrors.required(field, ""));
    } else if (!supported.contains(value)) {
      causes.add(FieldErrors.notSupported(field, value, supported));
    }
  }

  private static String text(JsonNode node, String key) {
    JsonNode value = node.path(key);
    return value.isTextual() ? value.textValue() : "";
  }
}

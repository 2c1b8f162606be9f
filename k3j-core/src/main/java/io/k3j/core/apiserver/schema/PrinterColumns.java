package io.k3j.core.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException.Cause;
import java.util.ArrayList;
import java.util.List;

/** Checks one {@code additionalPrinterColumns} entry: name, type, format and jsonPath. */
final class PrinterColumns {
  private static final List<String> TYPES =
      List.of("boolean", "date", "integer", "number", "string");
  private static final List<String> FORMATS =
      List.of("byte", "date", "date-time", "double", "float", "int32", "int64", "password");

  private PrinterColumns() {}

  static List<Cause> check(JsonNode column, String path) {
    List<Cause> causes = new ArrayList<>();
    String name = column.path("name").asText("");
    String type = column.path("type").asText("");
    String format = column.path("format").asText("");
    String jsonPath = column.path("jsonPath").asText("");
    if (name.isEmpty()) {
      causes.add(FieldErrors.required(Paths.child(path, "name"), ""));
    }
    if (type.isEmpty()) {
      causes.add(
          FieldErrors.required(
              Paths.child(path, "type"), "must be one of " + String.join(",", TYPES)));
    } else if (!TYPES.contains(type)) {
      causes.add(FieldErrors.notSupported(Paths.child(path, "type"), type, TYPES));
    }
    if (!format.isEmpty() && !FORMATS.contains(format)) {
      causes.add(FieldErrors.notSupported(Paths.child(path, "format"), format, FORMATS));
    }
    if (jsonPath.isEmpty()) {
      causes.add(FieldErrors.required(Paths.child(path, "jsonPath"), ""));
    } else {
      Cause notSimple = JsonPaths.checkSimple(Paths.child(path, "jsonPath"), jsonPath);
      if (notSimple != null) {
        causes.add(notSimple);
      }
    }
    return causes;
  }
}

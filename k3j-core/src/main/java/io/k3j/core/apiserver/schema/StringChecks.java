package io.k3j.core.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException.Cause;
import java.util.List;

/** {@code maxLength}, {@code minLength}, {@code pattern} and {@code format} on a string. */
final class StringChecks {
  private StringChecks() {}

  static void check(Schema schema, JsonNode value, String path, List<Cause> causes) {
    String text = value.textValue();
    int length = text.codePointCount(0, text.length());
    String name = Paths.name(path);
    if (schema.maxLength != null && length > schema.maxLength) {
      causes.add(FieldErrors.tooLong(path, schema.maxLength));
    }
    if (schema.minLength != null && length < schema.minLength) {
      causes.add(
          FieldErrors.invalid(
              path,
              value,
              name + " in body should be at least " + schema.minLength + " chars long"));
    }
    if (schema.compiledPattern != null && !schema.compiledPattern.matcher(text).find()) {
      causes.add(
          FieldErrors.invalid(
              path, value, name + " in body should match '" + schema.pattern + "'"));
    }
    if (schema.format != null && !Formats.valid(schema.format, text)) {
      causes.add(
          FieldErrors.typeInvalid(
              path,
              text,
              name + " in body must be of type " + schema.format + ": " + GoText.quote(text)));
    }
  }
}

package io.k3j.core.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException.Cause;
import java.math.BigDecimal;
import java.util.List;

/** {@code minimum}, {@code maximum} (inclusive or exclusive) and {@code multipleOf}. */
final class NumberChecks {
  private NumberChecks() {}

  static void check(Schema schema, JsonNode value, String path, List<Cause> causes) {
    BigDecimal number = value.decimalValue();
    String name = Paths.name(path) + " in body should be ";
    if (schema.maximum != null) {
      int compared = number.compareTo(schema.maximum);
      if (schema.exclusiveMaximum ? compared >= 0 : compared > 0) {
        String bound = schema.exclusiveMaximum ? "less than " : "less than or equal to ";
        causes.add(FieldErrors.invalid(path, value, name + bound + text(schema.maximum)));
      }
    }
    if (schema.minimum != null) {
      int compared = number.compareTo(schema.minimum);
      if (schema.exclusiveMinimum ? compared <= 0 : compared < 0) {
        String bound = schema.exclusiveMinimum ? "greater than " : "greater than or equal to ";
        causes.add(FieldErrors.invalid(path, value, name + bound + text(schema.minimum)));
      }
    }
    if (schema.multipleOf != null
        && schema.multipleOf.signum() > 0
        && number.remainder(schema.multipleOf).signum() != 0) {
      causes.add(
          FieldErrors.invalid(path, value, name + "a multiple of " + text(schema.multipleOf)));
    }
  }

  /** Schema bounds are float64 upstream, printed with {@code %v}. */
  private static String text(BigDecimal bound) {
    return GoText.number(bound.doubleValue());
  }
}

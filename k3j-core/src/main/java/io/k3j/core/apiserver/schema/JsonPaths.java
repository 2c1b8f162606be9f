package io.k3j.core.apiserver.schema;

import io.k3j.core.apiserver.ApiException.Cause;

/** The simple JSON paths ({@code .spec.replicas}) CRDs use for scale and printer columns. */
final class JsonPaths {
  private JsonPaths() {}

  /** The cause when {@code path} is not a simple dotted JSON path, else {@code null}. */
  static Cause checkSimple(String field, String path) {
    if (path.isEmpty()) {
      return FieldErrors.invalid(field, path, "must not be empty");
    }
    if (path.charAt(0) != '.') {
      return FieldErrors.invalid(field, path, "must be a simple json path starting with .");
    }
    return null;
  }
}

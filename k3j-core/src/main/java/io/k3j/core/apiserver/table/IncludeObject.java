package io.k3j.core.apiserver.table;

import io.k3j.core.apiserver.ApiException;

/**
 * What each Table row carries in {@code object}: the {@code includeObject} query parameter of
 * {@code meta.k8s.io/v1 TableOptions}.
 */
public enum IncludeObject {
  /** {@code object} is null. */
  NONE,
  /** A {@code PartialObjectMetadata} with the object's metadata (the default). */
  METADATA,
  /** The whole object. */
  OBJECT;

  /** Parses the parameter; absent or empty means Metadata, anything unknown is a 400. */
  public static IncludeObject parse(String value) {
    if (value == null || value.isEmpty() || value.equals("Metadata")) {
      return METADATA;
    }
    if (value.equals("None")) {
      return NONE;
    }
    if (value.equals("Object")) {
      return OBJECT;
    }
    throw ApiException.badRequest("unrecognized includeObject value: \"" + value + "\"");
  }
}

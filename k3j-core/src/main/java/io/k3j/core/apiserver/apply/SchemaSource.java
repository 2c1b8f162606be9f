package io.k3j.core.apiserver.apply;

import io.k3j.core.apiserver.resources.ResourceType;

/** Where the schema of a served kind comes from. */
@FunctionalInterface
interface SchemaSource {
  /** The kind's schema, or {@link TypeSchema#UNKNOWN} when it has none. */
  TypeSchema root(ResourceType type);
}

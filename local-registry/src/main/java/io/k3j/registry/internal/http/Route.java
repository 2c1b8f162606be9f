package io.k3j.registry.internal.http;

import java.util.List;
import java.util.Map;

/**
 * Where a request goes: the endpoint kind, the repository name and the reference (tag, digest or
 * upload id) taken from the path, and the decoded query.
 */
public record Route(Kind kind, String name, String reference, Map<String, List<String>> query) {
  /** The endpoints of the OCI distribution spec plus health and metrics. */
  public enum Kind {
    BASE,
    CATALOG,
    TAGS,
    MANIFEST,
    BLOB,
    UPLOAD_START,
    UPLOAD,
    REFERRERS,
    HEALTH,
    METRICS,
    NOT_FOUND
  }

  /** The route of a request that names no endpoint. */
  public static Route notFound() {
    return new Route(Kind.NOT_FOUND, null, null, Map.of());
  }

  public String param(String key) {
    List<String> values = query.get(key);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public List<String> params(String key) {
    return query.getOrDefault(key, List.of());
  }
}

package io.k3j.core.apiserver;

/** Where a request path leads; {@link Router} computes it without side effects. */
public sealed interface Route {

  record Version() implements Route {}

  /** {@code /metrics}: Prometheus text format. */
  record Metrics() implements Route {}

  /** {@code /healthz}, {@code /livez}, {@code /readyz} and their per-check paths. */
  record Health(String check) implements Route {}

  /** {@code /api} (core, group "") or {@code /apis}. */
  record GroupList(boolean core) implements Route {}

  /** {@code /api/v1} or {@code /apis/{group}/{version}}. */
  record ResourceList(String group, String version) implements Route {}

  /** A resource collection or item; null parts are absent from the path. */
  record Resource(
      String group,
      String version,
      String namespace,
      String plural,
      String name,
      String subresource)
      implements Route {}

  /**
   * {@code /openapi/v3} ({@code path} empty) or {@code /openapi/v3/{path}}, e.g. {@code
   * apis/apps/v1}.
   */
  record OpenApi(String path) implements Route {}

  record NotFound() implements Route {}
}

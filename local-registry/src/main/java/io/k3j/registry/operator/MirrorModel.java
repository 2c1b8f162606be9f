package io.k3j.registry.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.k3j.crds.registry.v1.MirrorNodes;
import io.k3j.crds.registry.v1.MirrorUpstream;
import io.k3j.crds.registry.v1.RegistryMirror;
import io.k3j.registry.UpstreamConfig;
import io.k3j.registry.mirror.HostsToml;
import io.k3j.registry.mirror.MirrorTarget;
import io.k3j.registry.mirror.RegistriesYaml;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The desired state of a RegistryMirror as pure functions: the target nodes use, the generated
 * files (k3s {@code registries.yaml}, containerd {@code certs.d/<registry>/hosts.toml}), the
 * ConfigMap that publishes them and the upstreams the registry serves.
 */
public final class MirrorModel {
  public static final String REGISTRIES_YAML = "registries.yaml";

  private MirrorModel() {}

  /** The registry names in spec order. */
  public static List<String> registries(RegistryMirror mirror) {
    return mirror.getSpec().getUpstreams().stream().map(MirrorUpstream::getName).toList();
  }

  /** How nodes reach this registry; throws naming the field when it cannot be built. */
  public static MirrorTarget target(RegistryMirror mirror, Optional<URI> defaultEndpoint) {
    MirrorNodes nodes = Optional.ofNullable(mirror.getSpec().getNodes()).orElse(new MirrorNodes());
    URI endpoint =
        Optional.ofNullable(nodes.getEndpoint())
            .map(e -> URI.create(e.endsWith("/") ? e.substring(0, e.length() - 1) : e))
            .or(() -> defaultEndpoint)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "spec.nodes.endpoint is required: the registry listens on a wildcard"
                            + " address, so the URL nodes use is unknown"));
    return new MirrorTarget(
        endpoint,
        Optional.ofNullable(nodes.getCapabilities()).orElse(List.of("pull", "resolve")),
        Optional.ofNullable(nodes.getCaFile()),
        Boolean.TRUE.equals(nodes.getInsecureSkipVerify()),
        Optional.ofNullable(nodes.getDialTimeout()).map(d -> duration("spec.nodes.dialTimeout", d)),
        Boolean.TRUE.equals(nodes.getMirrorOnly()));
  }

  /** Every file, keyed by its path relative to the node configuration directory. */
  public static Map<String, String> files(List<String> registries, MirrorTarget target) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(REGISTRIES_YAML, RegistriesYaml.render(registries, target));
    HostsToml.renderAll(registries, target)
        .forEach((path, content) -> files.put("certs.d/" + path, content));
    return files;
  }

  /**
   * The ConfigMap key of a file: {@code registries.yaml}, and {@code <registry>.hosts.toml} for
   * {@code certs.d/<registry>/hosts.toml} ({@code :} becomes {@code _}, as keys allow neither
   * {@code /} nor {@code :}).
   */
  public static String configMapKey(String path) {
    if (!path.startsWith("certs.d/")) {
      return path;
    }
    String directory = path.substring("certs.d/".length(), path.lastIndexOf('/'));
    return directory.replace(':', '_') + ".hosts.toml";
  }

  public static String configMapName(RegistryMirror mirror) {
    return Optional.ofNullable(mirror.getSpec().getConfigMapName())
        .orElse(mirror.getMetadata().getName());
  }

  /** Label on every ConfigMap a mirror publishes, so the operator watches only those. */
  static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  static final String MANAGED_BY = "k3j-local-registry";

  /** The ConfigMap publishing {@code files}, in the mirror's namespace. */
  public static ConfigMap configMap(RegistryMirror mirror, Map<String, String> files) {
    Map<String, String> data = new LinkedHashMap<>();
    files.forEach((path, content) -> data.put(configMapKey(path), content));
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(configMapName(mirror))
        .withNamespace(mirror.getMetadata().getNamespace())
        .addToLabels(MANAGED_BY_LABEL, MANAGED_BY)
        .addToLabels("registry.k3j.io/mirror", mirror.getMetadata().getName())
        .endMetadata()
        .withData(data)
        .build();
  }

  /** The API URL of an upstream: given, or the registry's official API host. */
  public static URI upstreamUrl(MirrorUpstream upstream) {
    if (upstream.getUrl() != null) {
      return URI.create(upstream.getUrl());
    }
    return URI.create(
        upstream.getName().equals("docker.io")
            ? "https://registry-1.docker.io"
            : "https://" + upstream.getName());
  }

  /** The upstream the registry serves for a spec entry; {@code *} is configuration only. */
  public static Optional<UpstreamConfig> upstream(
      MirrorUpstream upstream, Optional<Credentials> credentials, Optional<Path> caFile) {
    if (upstream.getName().equals("*")) {
      return Optional.empty();
    }
    boolean skipVerify =
        upstream.getTls() != null && Boolean.TRUE.equals(upstream.getTls().getInsecureSkipVerify());
    return Optional.of(
        UpstreamConfig.parse("spec.upstreams", upstream.getName() + "=" + upstreamUrl(upstream))
            .withCredentials(
                credentials.map(Credentials::username).orElse(null),
                credentials.map(Credentials::password).orElse(null))
            .withTls(caFile, skipVerify));
  }

  /** Basic credentials read from a Secret. */
  public record Credentials(String username, String password) {}

  /**
   * {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}; throws naming {@code field}.
   */
  public static Duration duration(String field, String value) {
    var m = java.util.regex.Pattern.compile("([0-9]+)(ms|s|m|h|d)").matcher(value.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          field + ": expected a duration like 500ms, 30s, 10m, 6h or 1d, got '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}

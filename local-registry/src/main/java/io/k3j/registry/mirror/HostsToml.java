package io.k3j.registry.mirror;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders containerd {@code certs.d/<registry>/hosts.toml} files (containerd docs/hosts.md): this
 * registry as the first {@code [host]}, the original registry as {@code server} unless the site is
 * mirror-only, {@code _default} for {@code *}.
 */
public final class HostsToml {
  private HostsToml() {}

  /** The certs.d directory of a registry name. */
  public static String directory(String registry) {
    return registry.equals("*") ? "_default" : registry;
  }

  /** The official API host of a registry (docker.io is served by registry-1.docker.io). */
  static String upstreamServer(String registry) {
    return registry.equals("docker.io") ? "https://registry-1.docker.io" : "https://" + registry;
  }

  public static String render(String registry, MirrorTarget target) {
    StringBuilder out = new StringBuilder();
    if (target.mirrorOnly()) {
      out.append("server = ").append(quote(target.root())).append('\n');
    } else if (!registry.equals("*")) {
      out.append("server = ").append(quote(upstreamServer(registry))).append('\n');
    }
    if (out.length() > 0) {
      out.append('\n');
    }
    out.append("[host.").append(quote(target.root())).append("]\n");
    out.append("  capabilities = [")
        .append(
            target.capabilities().stream().map(HostsToml::quote).collect(Collectors.joining(", ")))
        .append("]\n");
    if (target.skipVerify()) {
      out.append("  skip_verify = true\n");
    }
    target.caFile().ifPresent(ca -> out.append("  ca = ").append(quote(ca)).append('\n'));
    target
        .dialTimeout()
        .ifPresent(
            d -> out.append("  dial_timeout = ").append(quote(d.toMillis() + "ms")).append('\n'));
    return out.toString();
  }

  /** Every file, keyed by its path relative to the certs.d directory. */
  public static Map<String, String> renderAll(List<String> registries, MirrorTarget target) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String registry : registries) {
      files.put(directory(registry) + "/hosts.toml", render(registry, target));
    }
    return files;
  }

  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

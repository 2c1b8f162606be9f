package io.k3j.registry.mirror;

import java.util.List;

/**
 * Renders k3s {@code /etc/rancher/k3s/registries.yaml}: each mirrored registry points at this
 * registry's root URL (k3s passes the original registry as {@code ?ns=}). Format: k3s docs,
 * "Private Registry Configuration".
 */
public final class RegistriesYaml {
  private RegistriesYaml() {}

  public static String render(List<String> registries, MirrorTarget target) {
    StringBuilder out = new StringBuilder("mirrors:\n");
    for (String registry : registries) {
      out.append("  ").append(quote(registry)).append(":\n");
      out.append("    endpoint:\n");
      out.append("      - ").append(quote(target.root())).append('\n');
    }
    boolean https = target.endpoint().getScheme().equals("https");
    if (https && (target.skipVerify() || target.caFile().isPresent())) {
      out.append("configs:\n");
      out.append("  ").append(quote(target.hostPort())).append(":\n");
      out.append("    tls:\n");
      target.caFile().ifPresent(ca -> out.append("      ca_file: ").append(quote(ca)).append('\n'));
      if (target.skipVerify()) {
        out.append("      insecure_skip_verify: true\n");
      }
    }
    return out.toString();
  }

  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

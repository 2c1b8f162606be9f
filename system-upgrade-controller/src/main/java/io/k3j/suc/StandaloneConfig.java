package io.k3j.suc;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The standalone controller's settings: the controller's own ({@link ControllerConfig}) plus where
 * it finds the cluster and where it serves {@code /metrics}, {@code /healthz} and {@code /readyz}.
 *
 * @param kubeconfig {@code SYSTEM_UPGRADE_CONTROLLER_KUBE_CONFIG}: a kubeconfig file, or null for
 *     in-cluster or the usual kubeconfig discovery
 * @param metricsAddress {@code SYSTEM_UPGRADE_CONTROLLER_METRICS_ADDRESS}: {@code [HOST]:PORT},
 *     default {@code :8080} (all interfaces), as the chart's {@code metrics.port}
 */
public record StandaloneConfig(
    ControllerConfig controller, String kubeconfig, InetSocketAddress metricsAddress) {
  public static final String KUBE_CONFIG = "SYSTEM_UPGRADE_CONTROLLER_KUBE_CONFIG";
  public static final String METRICS_ADDRESS = "SYSTEM_UPGRADE_CONTROLLER_METRICS_ADDRESS";

  /** Reads the settings from an environment map; throws naming the first bad variable. */
  public static StandaloneConfig fromEnv(Map<String, String> env) {
    ControllerConfig controller = ControllerConfig.fromEnv(env);
    String kubeconfig = env.get(KUBE_CONFIG);
    return new StandaloneConfig(
        controller,
        kubeconfig == null || kubeconfig.isBlank() ? null : kubeconfig,
        new Env(env).get(METRICS_ADDRESS, ":8080", StandaloneConfig::address));
  }

  /**
   * Parses {@code [HOST]:PORT} as Go's {@code net.Listen} does: an empty host means all interfaces,
   * an IPv6 host is bracketed ({@code [::1]:8080}), port 0 picks a free port.
   */
  static InetSocketAddress address(String value) {
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("expected [HOST]:PORT");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("an IPv6 host must be in brackets, e.g. [::1]:8080");
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port must be a number");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535");
    }
    InetSocketAddress address =
        host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("unknown host \"" + host + "\"");
    }
    return address;
  }
}

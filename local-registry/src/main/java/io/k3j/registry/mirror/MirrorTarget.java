package io.k3j.registry.mirror;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How nodes reach this registry.
 *
 * @param endpoint the registry's root URL as nodes see it, e.g. {@code http://10.0.0.5:5000}
 * @param capabilities containerd host capabilities; {@code pull} and {@code resolve} by default
 * @param caFile CA bundle for an https endpoint
 * @param skipVerify skip TLS verification of the endpoint
 * @param dialTimeout emitted only for containerd 2.1 or later (older versions reject the key)
 * @param mirrorOnly never fall back to the original registry (air-gapped sites)
 */
public record MirrorTarget(
    URI endpoint,
    List<String> capabilities,
    Optional<String> caFile,
    boolean skipVerify,
    Optional<Duration> dialTimeout,
    boolean mirrorOnly) {

  public MirrorTarget {
    capabilities = List.copyOf(capabilities);
    String path = endpoint.getPath() == null ? "" : endpoint.getPath();
    if (!path.isEmpty() && !path.equals("/")) {
      throw new IllegalArgumentException("the mirror endpoint must be a root URL: " + endpoint);
    }
  }

  public static MirrorTarget of(URI endpoint) {
    return new MirrorTarget(
        endpoint, List.of("pull", "resolve"), Optional.empty(), false, Optional.empty(), false);
  }

  /** {@code http://host:port} without a trailing slash. */
  public String root() {
    return endpoint.getScheme() + "://" + endpoint.getRawAuthority();
  }

  /** {@code host[:port]}, the key k3s uses under {@code configs}. */
  public String hostPort() {
    return endpoint.getRawAuthority();
  }
}

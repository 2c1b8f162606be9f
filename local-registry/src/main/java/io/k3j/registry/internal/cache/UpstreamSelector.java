package io.k3j.registry.internal.cache;

import io.k3j.registry.UpstreamConfig;
import io.k3j.registry.internal.RegistryMetrics;
import java.util.Optional;

/**
 * Chooses the upstream of a repository: a first path component naming an upstream (a path prefix,
 * or containerd's {@code ns} folded into the name by the server), else the default upstream.
 */
public final class UpstreamSelector {
  private final Upstreams upstreams;

  public UpstreamSelector(Upstreams upstreams) {
    this.upstreams = upstreams;
  }

  /** The upstream and the repository name to ask it for. */
  public record Selection(UpstreamConfig upstream, String remoteRepository) {}

  public Optional<Selection> select(String repository) {
    int slash = repository.indexOf('/');
    if (slash > 0) {
      Optional<UpstreamConfig> named = upstreams.get(repository.substring(0, slash));
      if (named.isPresent()) {
        return Optional.of(selection(named.get(), repository.substring(slash + 1)));
      }
    }
    return upstreams.defaultUpstream().map(upstream -> selection(upstream, repository));
  }

  /** The name of the upstream serving {@code repository}, or {@code local} when none does. */
  public String upstreamName(String repository) {
    return select(repository).map(s -> s.upstream().name()).orElse(RegistryMetrics.LOCAL);
  }

  /**
   * Docker Hub keeps official images under {@code library/}; clients that name them without it (a
   * path prefix such as {@code docker.io/alpine}) get the same repository containerd asks for.
   */
  private static Selection selection(UpstreamConfig upstream, String remote) {
    String host = upstream.url().getHost();
    boolean dockerHub =
        upstream.name().equals("docker.io")
            || host.equals("registry-1.docker.io")
            || host.equals("index.docker.io");
    if (dockerHub && !remote.contains("/")) {
      remote = "library/" + remote;
    }
    return new Selection(upstream, remote);
  }
}

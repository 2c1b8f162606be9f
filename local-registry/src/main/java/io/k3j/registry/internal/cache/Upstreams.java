package io.k3j.registry.internal.cache;

import io.k3j.registry.RegistryConfig;
import io.k3j.registry.UpstreamConfig;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The upstreams the cache serves: those configured at start plus those an operator adds while the
 * registry runs (a RegistryMirror). Reads see an immutable snapshot; changes replace it.
 */
public final class Upstreams {
  private final Map<String, UpstreamConfig> configured;
  private final Optional<String> defaultUpstream;
  private volatile Map<String, UpstreamConfig> current;

  public Upstreams(RegistryConfig config) {
    this.configured = config.upstreams();
    this.defaultUpstream = config.defaultUpstream();
    this.current = configured;
  }

  public Optional<UpstreamConfig> get(String name) {
    return Optional.ofNullable(current.get(name));
  }

  public Optional<UpstreamConfig> defaultUpstream() {
    return defaultUpstream.map(current::get);
  }

  /** A live view of the upstream names (containerd's {@code ns} values, path prefixes). */
  public Set<String> names() {
    return new AbstractSet<>() {
      @Override
      public boolean contains(Object name) {
        return current.containsKey(name);
      }

      @Override
      public Iterator<String> iterator() {
        return current.keySet().iterator();
      }

      @Override
      public int size() {
        return current.size();
      }
    };
  }

  /** Adds or replaces an upstream. */
  public synchronized void put(UpstreamConfig upstream) {
    Map<String, UpstreamConfig> next = new LinkedHashMap<>(current);
    next.put(upstream.name(), upstream);
    current = java.util.Collections.unmodifiableMap(next);
  }

  /** Removes an added upstream; one configured at start goes back to its start-up settings. */
  public synchronized void remove(String name) {
    Map<String, UpstreamConfig> next = new LinkedHashMap<>(current);
    if (configured.containsKey(name)) {
      next.put(name, configured.get(name));
    } else {
      next.remove(name);
    }
    current = java.util.Collections.unmodifiableMap(next);
  }
}

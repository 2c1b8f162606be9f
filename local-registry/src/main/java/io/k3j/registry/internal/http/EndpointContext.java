package io.k3j.registry.internal.http;

import io.k3j.registry.internal.RegistryMetrics;
import io.k3j.registry.internal.oci.ErrorCode;
import io.k3j.registry.internal.oci.OciException;
import io.k3j.registry.internal.store.ContentSource;
import io.k3j.registry.internal.store.ContentStore;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What endpoints share: the local store for writes, the (possibly pull-through) source for reads,
 * limits and meters.
 *
 * @param upstreamNames names a client may pass as {@code ns} to select an upstream
 * @param metricsText renders the Prometheus exposition
 */
public record EndpointContext(
    ContentStore store,
    ContentSource source,
    boolean readOnly,
    int maxManifestBytes,
    Set<String> upstreamNames,
    RegistryMetrics metrics,
    Supplier<String> metricsText) {

  public void requireWritable() {
    if (readOnly) {
      throw new OciException(ErrorCode.UNSUPPORTED, "this registry is read-only");
    }
  }

  /**
   * The repository a request addresses: containerd names the original registry in {@code ns}
   * (distribution spec, "Proxying"); it becomes the first path component, as with a path prefix.
   */
  public String repository(String name, String ns) {
    if (name == null) {
      return null;
    }
    Names.requireName(name);
    if (ns != null && upstreamNames.contains(ns) && !name.startsWith(ns + "/")) {
      return ns + "/" + name;
    }
    return name;
  }
}

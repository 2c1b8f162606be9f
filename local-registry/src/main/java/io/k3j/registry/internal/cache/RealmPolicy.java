package io.k3j.registry.internal.cache;

import java.util.Locale;

/**
 * Whether upstream credentials may be sent to a token realm: only to the upstream's own host, or to
 * a host sharing its registrable domain (auth.docker.io for registry-1.docker.io); never to a
 * different IP literal or localhost. The registrable domain is approximated by the last two labels
 * (three when the second-level label is short, as in example.co.uk).
 */
public final class RealmPolicy {
  private RealmPolicy() {}

  public static boolean mayReceiveCredentials(String upstreamHost, String realmHost) {
    if (upstreamHost == null || realmHost == null) {
      return false;
    }
    String upstream = upstreamHost.toLowerCase(Locale.ROOT);
    String realm = realmHost.toLowerCase(Locale.ROOT);
    if (upstream.equals(realm)) {
      return true;
    }
    if (isLiteralOrLocal(upstream) || isLiteralOrLocal(realm)) {
      return false;
    }
    return registrableDomain(upstream).equals(registrableDomain(realm));
  }

  static boolean isLiteralOrLocal(String host) {
    return host.equals("localhost")
        || host.endsWith(".localhost")
        || host.contains(":")
        || host.matches("[0-9.]+");
  }

  static String registrableDomain(String host) {
    String[] labels = host.split("\\.");
    if (labels.length <= 2) {
      return host;
    }
    int keep =
        labels[labels.length - 2].length() <= 3 && labels[labels.length - 1].length() == 2 ? 3 : 2;
    keep = Math.min(keep, labels.length);
    return String.join(
        ".", java.util.Arrays.copyOfRange(labels, labels.length - keep, labels.length));
  }
}

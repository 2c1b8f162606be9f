package io.k3j.registry.internal.store;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Last-access times kept in memory and written to the index in batches, so serving content does not
 * write to disk on every request (and an idle registry writes nothing).
 */
final class AccessTracker {
  private final ConcurrentHashMap<Digest, Long> pending = new ConcurrentHashMap<>();

  void touch(Digest digest, long now) {
    pending.merge(digest, now, Math::max);
  }

  /** The newest access not yet written to the index, or 0. */
  long pendingAccess(Digest digest) {
    return pending.getOrDefault(digest, 0L);
  }

  void flushTo(RegistryIndex index) {
    if (pending.isEmpty()) {
      return;
    }
    Map<Digest, Long> batch = new HashMap<>();
    for (Digest d : pending.keySet()) {
      Long t = pending.remove(d);
      if (t != null) {
        batch.put(d, t);
      }
    }
    index.touch(batch);
  }
}

package io.k3j.suc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one reconcile learnt about Jobs: which were deleted for a retry (name to next attempt),
 * which nodes have a failed Job for the current hash, which nodes are being worked on.
 */
record Round(Map<String, Integer> retries, Set<String> failedNodes, List<String> working) {
  Round() {
    this(new HashMap<>(), new HashSet<>(), new ArrayList<>());
  }

  /** The sooner of two "reconcile again after" delays; empty means no need. */
  static Optional<Duration> earliest(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() || a.get().compareTo(b.get()) <= 0 ? a : b;
  }
}

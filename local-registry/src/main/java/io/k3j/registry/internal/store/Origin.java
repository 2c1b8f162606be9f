package io.k3j.registry.internal.store;

/** Where content came from: pushed content has no other copy and is never evicted. */
public enum Origin {
  PUSHED,
  CACHED
}

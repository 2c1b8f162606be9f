package io.k3j.registry.internal.store;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Striped locks by digest. Committing a blob (rename + index row) and garbage-collecting it (index
 * row + unlink) hold the same stripe, so a re-upload can never lose its file to a concurrent GC.
 */
final class DigestLocks {
  private final ReentrantLock[] stripes = new ReentrantLock[64];

  DigestLocks() {
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  <T> T withLock(Digest digest, Supplier<T> work) {
    ReentrantLock lock = stripes[Math.floorMod(digest.hex().hashCode(), stripes.length)];
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}

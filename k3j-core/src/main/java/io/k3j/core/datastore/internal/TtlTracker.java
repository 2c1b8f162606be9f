package io.k3j.core.datastore.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** When each key with a time-to-live expires, by the revision that set it. */
public final class TtlTracker {

  /** The key's version {@code revision} expires at {@code expiresAtMillis}. */
  public record Expiry(String key, long revision, long expiresAtMillis) {}

  private final PriorityQueue<Expiry> byTime =
      new PriorityQueue<>((a, b) -> Long.compare(a.expiresAtMillis(), b.expiresAtMillis()));
  private final Map<String, Expiry> byKey = new HashMap<>();

  /** Tracks the key's newest version; {@code expiresAtMillis == 0} means it no longer expires. */
  public synchronized void track(String key, long revision, long expiresAtMillis) {
    Expiry previous = byKey.remove(key);
    if (previous != null) {
      byTime.remove(previous);
    }
    if (expiresAtMillis > 0) {
      Expiry expiry = new Expiry(key, revision, expiresAtMillis);
      byKey.put(key, expiry);
      byTime.add(expiry);
    }
  }

  /** Removes and returns the expiries due at {@code nowMillis}. */
  public synchronized List<Expiry> due(long nowMillis) {
    List<Expiry> due = new ArrayList<>();
    while (!byTime.isEmpty() && byTime.peek().expiresAtMillis() <= nowMillis) {
      Expiry expiry = byTime.poll();
      byKey.remove(expiry.key());
      due.add(expiry);
    }
    return due;
  }

  public synchronized int size() {
    return byKey.size();
  }
}

package io.k3j.core.datastore.internal;

import io.k3j.core.datastore.CompactedException;
import io.k3j.core.datastore.DatastoreClosedException;
import io.k3j.core.datastore.Event;
import io.k3j.core.datastore.Watch;
import io.k3j.core.datastore.WatchListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Fans committed changes out to watches. The writer calls {@link #publish} right after each commit,
 * so delivery is a direct hand-off, not a polling interval. A new watch first replays the history
 * it asked for from storage, then continues with the live changes that arrived meanwhile;
 * registration and publishing share one lock, so no change falls between the two.
 */
public final class WatchHub implements AutoCloseable {

  /** Reads committed changes from storage. */
  public interface History {
    /** At most {@code limit} changes in {@code range} with {@code after < revision <= upTo}. */
    List<Event> read(KeyRange range, long after, long upTo, int limit);
  }

  private final Object lock = new Object();
  private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
  private final History history;
  private final LongSupplier compactRevision;
  private final Executor dispatcher;
  private final int bufferLimit;
  private final WatchMetrics metrics;
  private long published;
  private boolean closed;

  public WatchHub(
      History history,
      LongSupplier compactRevision,
      Executor dispatcher,
      int bufferLimit,
      long publishedRevision,
      WatchMetrics metrics) {
    this.history = history;
    this.compactRevision = compactRevision;
    this.dispatcher = dispatcher;
    this.bufferLimit = bufferLimit;
    this.published = publishedRevision;
    this.metrics = metrics;
  }

  /** Every change after {@code afterRevision} (the driver resolves "from now" to a revision). */
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    long compacted = compactRevision.getAsLong();
    if (afterRevision < compacted) {
      throw new CompactedException(afterRevision, compacted);
    }
    Watcher watcher;
    synchronized (lock) {
      if (closed) {
        throw new DatastoreClosedException("datastore is closed");
      }
      watcher = new Watcher(this, KeyRange.prefix(prefix), afterRevision, published, listener);
      watchers.add(watcher);
    }
    metrics.opened();
    dispatcher.execute(watcher::start);
    return watcher;
  }

  /** Hands committed changes, in revision order, to every matching watch; never blocks. */
  public void publish(List<Event> events) {
    if (events.isEmpty()) {
      return;
    }
    synchronized (lock) {
      published = events.get(events.size() - 1).revision();
      for (Watcher watcher : watchers) {
        watcher.offer(events);
      }
    }
  }

  public int size() {
    return watchers.size();
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
    for (Watcher watcher : watchers) {
      watcher.fail(new DatastoreClosedException("datastore closed"));
    }
  }

  void remove(Watcher watcher, String reason) {
    if (watchers.remove(watcher)) {
      metrics.closed(reason);
    }
  }

  History history() {
    return history;
  }

  long compactRevision() {
    return compactRevision.getAsLong();
  }

  Executor dispatcher() {
    return dispatcher;
  }

  int bufferLimit() {
    return bufferLimit;
  }
}

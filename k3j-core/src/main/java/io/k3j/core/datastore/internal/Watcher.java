package io.k3j.core.datastore.internal;

import io.k3j.core.datastore.CompactedException;
import io.k3j.core.datastore.DatastoreException;
import io.k3j.core.datastore.Event;
import io.k3j.core.datastore.Watch;
import io.k3j.core.datastore.WatchListener;
import io.k3j.core.datastore.WatcherTooSlowException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch: replays history after {@code after} up to {@code replayUpTo}, then delivers the live
 * changes buffered meanwhile and from then on. At most one delivery runs at a time ({@code
 * running}), so the listener sees changes one call after another, in revision order.
 */
final class Watcher implements Watch {
  private static final Logger log = LoggerFactory.getLogger(Watcher.class);
  private static final int REPLAY_PAGE = 512;

  private final WatchHub hub;
  private final KeyRange range;
  private final long after;
  private final long replayUpTo;
  private final WatchListener listener;

  // Guarded by this.
  private final ArrayDeque<Event> pending = new ArrayDeque<>();
  private boolean running = true; // the replay task owns delivery first
  private boolean stopped;
  private DatastoreException failure;

  Watcher(WatchHub hub, KeyRange range, long after, long replayUpTo, WatchListener listener) {
    this.hub = hub;
    this.range = range;
    this.after = after;
    this.replayUpTo = replayUpTo;
    this.listener = listener;
  }

  /** Called by the hub under its lock with every committed batch. */
  void offer(List<Event> events) {
    boolean schedule;
    synchronized (this) {
      if (stopped || failure != null) {
        return;
      }
      for (Event event : events) {
        if (event.revision() > after && range.matches(event.kv().key())) {
          pending.add(event);
        }
      }
      if (pending.size() > hub.bufferLimit()) {
        pending.clear();
        failure = new WatcherTooSlowException(range.prefix(), hub.bufferLimit());
      }
      schedule = !running && (failure != null || !pending.isEmpty());
      if (schedule) {
        running = true;
      }
    }
    if (schedule) {
      hub.dispatcher().execute(this::deliver);
    }
  }

  void fail(DatastoreException reason) {
    boolean schedule;
    synchronized (this) {
      if (stopped || failure != null) {
        return;
      }
      failure = reason;
      schedule = !running;
      running = true;
    }
    if (schedule) {
      hub.dispatcher().execute(this::deliver);
    }
  }

  /** First task of the watch: replay stored history, then switch to live delivery. */
  void start() {
    try {
      replay();
    } catch (DatastoreException e) {
      synchronized (this) {
        if (failure == null) {
          failure = e;
        }
      }
    } catch (RuntimeException e) {
      log.warn("watch prefix={} failed during replay", range.prefix(), e);
      synchronized (this) {
        if (failure == null) {
          failure = new DatastoreException("watch replay failed: " + e.getMessage(), e);
        }
      }
    }
    deliver();
  }

  private void replay() {
    long position = after;
    while (position < replayUpTo && !isStopped()) {
      List<Event> page = hub.history().read(range, position, replayUpTo, REPLAY_PAGE);
      long compacted = hub.compactRevision();
      if (compacted > position) {
        // Rows after `position` may have been removed before or during the read.
        throw new CompactedException(position, compacted);
      }
      if (page.isEmpty()) {
        return;
      }
      listener.onEvents(page);
      position = page.get(page.size() - 1).revision();
      if (page.size() < REPLAY_PAGE) {
        return;
      }
    }
  }

  /** Delivers what is pending until nothing is; runs on the dispatcher. */
  private void deliver() {
    while (true) {
      List<Event> batch;
      DatastoreException reason;
      synchronized (this) {
        if (stopped) {
          running = false;
          return;
        }
        reason = failure;
        batch = new ArrayList<>(pending);
        pending.clear();
        if (reason == null && batch.isEmpty()) {
          running = false;
          return;
        }
        if (reason != null) {
          stopped = true;
        }
      }
      if (reason != null) {
        end(reason);
        return;
      }
      try {
        listener.onEvents(batch);
      } catch (RuntimeException e) {
        log.warn("watch prefix={} closed: its listener failed", range.prefix(), e);
        synchronized (this) {
          stopped = true;
        }
        hub.remove(this, "listener-failed");
        return;
      }
    }
  }

  private void end(DatastoreException reason) {
    hub.remove(this, reasonTag(reason));
    log.info("watch prefix={} after={} closed: {}", range.prefix(), after, reason.getMessage());
    try {
      listener.onClose(reason);
    } catch (RuntimeException e) {
      log.warn("watch prefix={} listener failed in onClose", range.prefix(), e);
    }
  }

  private static String reasonTag(DatastoreException reason) {
    if (reason instanceof WatcherTooSlowException) {
      return "too-slow";
    }
    return reason instanceof CompactedException ? "compacted" : "closed";
  }

  private synchronized boolean isStopped() {
    return stopped || failure != null;
  }

  @Override
  public void close() {
    synchronized (this) {
      stopped = true;
      pending.clear();
    }
    hub.remove(this, "cancelled");
  }
}

package io.k3j.runtime;

import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.DatastoreException;
import io.k3j.core.datastore.Event;
import io.k3j.core.datastore.Watch;
import io.k3j.core.datastore.WatchListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an in-process operator only once the first object of its custom resource kinds is stored.
 * An operator's informers, caches and watches cost memory for as long as the server runs, and an
 * edge server that never gets a Plan or a TelemetryBuffer should not pay for them (issue 3: RSS of
 * an idle server). One watch on the in-process datastore, shared by all waiting operators, sees the
 * first create under any of their key prefixes; the watch ends when none is left waiting.
 */
final class WaitingOperators implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WaitingOperators.class);
  private static final String PREFIX = "/registry/";

  private final Backend backend;
  private final ExecutorService starter;
  private final List<Waiting> waiting = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Watch watch;
  private volatile boolean following;

  /** One operator: its name, the datastore prefixes of its kinds, and how it starts. */
  private record Waiting(String name, List<String> prefixes, Runnable start, AtomicBoolean due) {
    boolean covers(String key) {
      return prefixes.stream().anyMatch(key::startsWith);
    }
  }

  /**
   * @param starter runs the operators' starts, one at a time, off the datastore's watch thread
   */
  WaitingOperators(Backend backend, ExecutorService starter) {
    this.backend = backend;
    this.starter = starter;
  }

  /**
   * The datastore prefix of a custom resource's objects, as the API server stores them ({@code
   * /registry/<group>/<plural>/[<namespace>/]<name>}).
   */
  static String prefix(String group, String plural, String namespace) {
    String base = PREFIX + group + "/" + plural + "/";
    return namespace == null ? base : base + namespace + "/";
  }

  /** Adds an operator; it starts at {@link #follow()} when one of its objects exists already. */
  void add(String name, List<String> prefixes, Runnable start) {
    waiting.add(new Waiting(name, List.copyOf(prefixes), start, new AtomicBoolean()));
  }

  /**
   * Watches from the current revision, then starts the operators whose objects exist already: an
   * object created in between is in the watch, one created before is counted.
   */
  void follow() {
    if (waiting.isEmpty() || closed.get()) {
      return;
    }
    watch = backend.watch(PREFIX, backend.currentRevision(), new Listener());
    for (Waiting operator : waiting) {
      if (operator.prefixes().stream().anyMatch(p -> backend.count(p) > 0)) {
        due(operator);
      } else {
        LOG.info(
            "operator waiting name={} until an object exists under={}",
            operator.name(),
            String.join(",", operator.prefixes()));
      }
    }
    following = true;
  }

  /** The names of the operators still waiting; empty until {@link #follow()} has run. */
  Set<String> names() {
    if (!following) {
      return Set.of();
    }
    return waiting.stream().map(Waiting::name).collect(Collectors.toUnmodifiableSet());
  }

  private void due(Waiting operator) {
    if (!operator.due().compareAndSet(false, true)) {
      return;
    }
    waiting.remove(operator);
    if (closed.get()) {
      return;
    }
    starter.execute(operator.start());
    if (waiting.isEmpty()) {
      starter.execute(this::closeWatch);
    }
  }

  private void closeWatch() {
    Watch current = watch;
    if (current != null) {
      current.close();
    }
  }

  private final class Listener implements WatchListener {
    @Override
    public void onEvents(List<Event> events) {
      for (Event event : events) {
        if (event.type() == Event.Type.CREATE) {
          for (Waiting operator : waiting) {
            if (operator.covers(event.kv().key())) {
              due(operator);
            }
          }
        }
      }
    }

    @Override
    public void onClose(DatastoreException reason) {
      if (!closed.get() && !waiting.isEmpty()) {
        LOG.warn("watch for waiting operators ended ({}); following again", reason.getMessage());
        starter.execute(WaitingOperators.this::follow);
      }
    }
  }

  @Override
  public void close() {
    closed.set(true);
    closeWatch();
  }
}

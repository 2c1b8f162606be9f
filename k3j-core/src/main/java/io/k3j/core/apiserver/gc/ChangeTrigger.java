package io.k3j.core.apiserver.gc;

import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.DatastoreException;
import io.k3j.core.datastore.Event;
import io.k3j.core.datastore.Watch;
import io.k3j.core.datastore.WatchListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a controller's pass on its own daemon thread: once at start, then whenever the datastore
 * reports a change the controller cares about. A burst of changes makes one pass; a pass that
 * reports unfinished work runs again after the retry delay. With nothing changing nothing runs, so
 * an idle server stays idle.
 */
public final class ChangeTrigger implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChangeTrigger.class);
  private static final String PREFIX = "/registry/";

  private final Backend backend;
  private final Predicate<Event> relevant;
  private final BooleanSupplier pass;
  private final Duration retry;
  private final ScheduledExecutorService worker;
  private final AtomicBoolean queued = new AtomicBoolean();
  private final AtomicBoolean retryQueued = new AtomicBoolean();
  private volatile Watch watch;

  /**
   * @param pass one pass over the current state; returns true when it must run again later
   */
  public ChangeTrigger(
      String name,
      Backend backend,
      Predicate<Event> relevant,
      BooleanSupplier pass,
      Duration retry) {
    this.backend = backend;
    this.relevant = relevant;
    this.pass = pass;
    this.retry = retry;
    this.worker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, name);
              thread.setDaemon(true);
              return thread;
            });
  }

  public void start() {
    follow();
    request();
  }

  private void follow() {
    watch =
        backend.watch(
            PREFIX,
            backend.currentRevision(),
            new WatchListener() {
              @Override
              public void onEvents(List<Event> events) {
                if (events.stream().anyMatch(relevant)) {
                  request();
                }
              }

              @Override
              public void onClose(DatastoreException reason) {
                if (!worker.isShutdown()) {
                  log.warn("watch ended ({}); following again", reason.getMessage());
                  worker.execute(ChangeTrigger.this::start);
                }
              }
            });
  }

  /** Queues a pass unless one is already queued. */
  public void request() {
    if (!worker.isShutdown() && queued.compareAndSet(false, true)) {
      worker.execute(this::run);
    }
  }

  private void run() {
    queued.set(false);
    boolean again;
    try {
      again = pass.getAsBoolean();
    } catch (RuntimeException e) {
      if (worker.isShutdown()) {
        log.debug("pass interrupted by close: {}", e.getMessage());
        return;
      }
      log.warn("pass failed; retrying in {}", retry, e);
      again = true;
    }
    if (again && !worker.isShutdown() && retryQueued.compareAndSet(false, true)) {
      worker.schedule(
          () -> {
            retryQueued.set(false);
            request();
          },
          retry.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
    Watch current = watch;
    if (current != null) {
      current.close();
    }
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

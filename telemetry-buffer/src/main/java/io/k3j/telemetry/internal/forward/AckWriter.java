package io.k3j.telemetry.internal.forward;

import io.k3j.telemetry.internal.queue.AckedPositions;
import java.io.IOException;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists one destination's acked index on its own thread, so that the forwarder's thread does not
 * wait for the two fsyncs of {@link AckedPositions#write} after every batch. Offers coalesce: while
 * a write runs, only the newest index offered meanwhile is written next. {@code onPersisted} hears
 * each index once it is on disk (or once writing it failed, which is logged: the index then stays
 * at its older value on disk and more is sent again after a restart, as before).
 */
final class AckWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AckWriter.class);
  private static final long NONE = Long.MIN_VALUE;

  private final AckedPositions positions;
  private final String destination;
  private final LongConsumer onPersisted;
  private final Thread thread;
  private long pending = NONE;
  private boolean closed;

  AckWriter(AckedPositions positions, String destination, LongConsumer onPersisted) {
    this.positions = positions;
    this.destination = destination;
    this.onPersisted = onPersisted;
    this.thread = new Thread(this::run, "telemetry-acks-" + destination);
    thread.setDaemon(true);
    thread.start();
  }

  /** Asks for {@code index} to be persisted; returns at once. */
  synchronized void offer(long index) {
    pending = index;
    notifyAll();
  }

  private void run() {
    while (true) {
      long index;
      synchronized (this) {
        while (pending == NONE && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (pending == NONE) {
          return;
        }
        index = pending;
        pending = NONE;
      }
      write(index);
    }
  }

  private void write(long index) {
    try {
      positions.write(destination, index);
    } catch (IOException e) {
      LOG.warn("could not persist acked index of {}: {}", destination, e.toString());
    }
    try {
      onPersisted.accept(index);
    } catch (RuntimeException e) {
      LOG.debug("acked index listener of {} failed", destination, e);
    }
  }

  /** Writes what is still pending and stops the thread. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

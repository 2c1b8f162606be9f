package io.k3j.benchmarks;

import io.k3j.core.datastore.DatastoreException;
import io.k3j.core.datastore.Event;
import io.k3j.core.datastore.Watch;
import io.k3j.core.datastore.WatchListener;
import io.k3j.core.datastore.sqlite.SqliteBackend;
import io.k3j.core.datastore.sqlite.SqliteOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Commit-to-watch latency. {@code watchers} watches on one prefix; one writer thread creates keys
 * under it one after another (submit, wait for the future, next), with the {@link
 * System#nanoTime()} of submission in the first bytes of the value. Each watch computes, per event,
 * delivery time minus that submission time: an upper bound of commit-to-watch, as it includes
 * queueing, applying and syncing the write. The ack is the moment the write's future completes (a
 * callback on the store's completion thread, not the writer waking up). The store publishes to
 * watches right after the commit and its fsync, then hands the future to that thread, so delivery
 * minus ack estimates commit-to-watch, short by that hand-off (it can be negative).
 */
final class WatchLatency {
  private static final String PREFIX = "/registry/watched/";

  /**
   * @param delivery submission to delivery, every event at every watch
   * @param ack submission to ack of the write's future
   * @param afterAck delivery minus ack, every event at every watch (negative: delivered first)
   * @param lastWatcher submission to delivery at the last of the watches, per write
   */
  record Result(
      Latencies delivery, Latencies ack, Latencies afterAck, Latencies lastWatcher, int writes) {}

  private WatchLatency() {}

  static Result run(BenchmarkConfig config) throws Exception {
    int warmup = Math.max(10, config.watchWrites() / 10);
    int total = warmup + config.watchWrites();
    int watchers = config.watchers();
    long[] ackedAt = new long[total];
    long[] submittedAt = new long[total];
    long[][] deliveredAt = new long[watchers][total];
    AtomicLong pending = new AtomicLong((long) watchers * total);
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<DatastoreException> closed = new AtomicReference<>();
    byte[] padding = Values.random(Math.max(16, config.valueBytes()), 4);
    try (ScratchDirectory dir = ScratchDirectory.create(config.dir(), "watch");
        SqliteBackend store = SqliteBackend.open(SqliteOptions.defaults(dir.resolve("state.db")))) {
      List<Watch> watches = new ArrayList<>();
      for (int w = 0; w < watchers; w++) {
        watches.add(store.watch(PREFIX, 0, listener(deliveredAt[w], pending, done, closed)));
      }
      for (int seq = 0; seq < total; seq++) {
        byte[] value = padding.clone();
        long submitted = System.nanoTime();
        ByteBuffer.wrap(value).putInt(seq).putLong(submitted);
        submittedAt[seq] = submitted;
        int written = seq;
        store
            .create(PREFIX + seq, value, 0)
            .whenComplete((kv, e) -> ackedAt[written] = System.nanoTime())
            .join();
      }
      if (!done.await(60, TimeUnit.SECONDS) || closed.get() != null) {
        throw new IllegalStateException(
            "watches did not receive every write: "
                + pending.get()
                + " deliveries missing, close reason "
                + closed.get());
      }
      watches.forEach(Watch::close);
    }
    return summarize(warmup, total, submittedAt, ackedAt, deliveredAt);
  }

  private static WatchListener listener(
      long[] deliveredAt,
      AtomicLong pending,
      CountDownLatch done,
      AtomicReference<DatastoreException> closed) {
    return new WatchListener() {
      @Override
      public void onEvents(List<Event> events) {
        long now = System.nanoTime();
        for (Event event : events) {
          deliveredAt[ByteBuffer.wrap(event.kv().value()).getInt()] = now;
        }
        if (pending.addAndGet(-events.size()) == 0) {
          done.countDown();
        }
      }

      @Override
      public void onClose(DatastoreException reason) {
        closed.compareAndSet(null, reason);
        done.countDown();
      }
    };
  }

  private static Result summarize(
      int warmup, int total, long[] submittedAt, long[] ackedAt, long[][] deliveredAt) {
    int writes = total - warmup;
    int watchers = deliveredAt.length;
    long[] delivery = new long[writes * watchers];
    long[] afterAck = new long[writes * watchers];
    long[] ack = new long[writes];
    long[] lastWatcher = new long[writes];
    int i = 0;
    for (int seq = warmup; seq < total; seq++) {
      ack[seq - warmup] = ackedAt[seq] - submittedAt[seq];
      long last = Long.MIN_VALUE;
      for (long[] watcher : deliveredAt) {
        delivery[i] = watcher[seq] - submittedAt[seq];
        afterAck[i] = watcher[seq] - ackedAt[seq];
        last = Math.max(last, delivery[i]);
        i++;
      }
      lastWatcher[seq - warmup] = last;
    }
    return new Result(
        Latencies.of(delivery),
        Latencies.of(ack),
        Latencies.of(afterAck),
        Latencies.of(lastWatcher),
        writes);
  }
}

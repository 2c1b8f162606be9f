package io.k3j.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs an operation in a closed loop from many threads: each thread issues one operation, waits for
 * it, and issues the next. Operations that complete during the warm-up are not counted.
 */
final class LoadRun {

  /** One thread's loop body; {@code seq} counts that thread's operations from 0. */
  interface Operation {
    void run(long seq) throws Exception;
  }

  /** Makes the operation (and its per-thread state) for thread {@code thread}. */
  interface OperationFactory {
    Operation forThread(int thread) throws Exception;
  }

  private LoadRun() {}

  static Throughput run(int threads, Duration warmup, Duration duration, OperationFactory factory)
      throws Exception {
    List<Operation> operations = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      operations.add(factory.forThread(t));
    }
    CountDownLatch start = new CountDownLatch(1);
    AtomicLong ops = new AtomicLong();
    AtomicInteger progressed = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    List<Samples> latencies = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    long[] window = new long[2];
    for (Operation operation : operations) {
      Samples samples = new Samples();
      latencies.add(samples);
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                long measureFrom = window[0];
                long measureTo = window[1];
                long done = 0;
                for (long seq = 0; ; seq++) {
                  long began = System.nanoTime();
                  boolean ok = true;
                  try {
                    operation.run(seq);
                  } catch (Exception e) {
                    ok = false;
                    firstError.compareAndSet(null, e.toString());
                  }
                  long ended = System.nanoTime();
                  if (ended >= measureTo) {
                    break;
                  }
                  if (ended >= measureFrom) {
                    if (ok) {
                      done++;
                      samples.add(ended - began);
                    } else {
                      errors.incrementAndGet();
                    }
                  }
                }
                ops.addAndGet(done);
                if (done > 0) {
                  progressed.incrementAndGet();
                }
              },
              "bench-writer-" + workers.size());
      workers.add(worker);
      worker.start();
    }
    long now = System.nanoTime();
    window[0] = now + warmup.toNanos();
    window[1] = window[0] + duration.toNanos();
    start.countDown(); // publishes window[] to the workers
    for (Thread worker : workers) {
      worker.join();
    }
    return new Throughput(
        ops.get(),
        errors.get(),
        progressed.get(),
        threads,
        duration.toNanos() / 1e9,
        Samples.merge(latencies),
        firstError.get());
  }
}

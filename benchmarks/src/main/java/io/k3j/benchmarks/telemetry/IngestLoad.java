package io.k3j.benchmarks.telemetry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop senders against a running buffer: each sender posts one request, waits for the
 * answer, and posts the next. Counts the requests answered 200 inside the measured window, their
 * latency (post to answer) and the buffer's CPU time over the same window.
 */
final class IngestLoad {

  /** What one cell measured. */
  record Result(
      long requests,
      long refused,
      double seconds,
      Duration bufferCpu,
      long p50Nanos,
      long p99Nanos,
      String firstError) {

    double requestsPerSecond() {
      return requests / seconds;
    }

    /** Cores the buffer kept busy on average during the window. */
    double coresUsed() {
      return bufferCpu.toNanos() / 1e9 / seconds;
    }
  }

  /** One closed-loop client: sends its prepared request, returns 200 when it was accepted. */
  interface Sender extends AutoCloseable {
    int post() throws Exception;

    @Override
    void close() throws Exception;
  }

  /** Opens the connection of one sender. */
  interface SenderFactory {
    Sender open() throws Exception;
  }

  private IngestLoad() {}

  static Result run(
      BufferProcess buffer, SenderFactory factory, int senders, Duration warmup, Duration duration)
      throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicLong ok = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    List<long[]> latencies = new ArrayList<>();
    List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    long[] window = new long[2];
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      long[][] samples = {new long[1024]};
      int[] count = {0};
      Sender sender = factory.open();
      Thread thread =
          new Thread(
              () -> {
                try (sender) {
                  started.await();
                  while (true) {
                    long began = System.nanoTime();
                    int status = sender.post();
                    long ended = System.nanoTime();
                    if (ended >= window[1]) {
                      break;
                    }
                    if (ended < window[0]) {
                      continue;
                    }
                    if (status != 200) {
                      refused.incrementAndGet();
                      continue;
                    }
                    ok.incrementAndGet();
                    if (count[0] == samples[0].length) {
                      samples[0] = Arrays.copyOf(samples[0], count[0] * 2);
                    }
                    samples[0][count[0]++] = ended - began;
                  }
                } catch (Exception e) {
                  errors.add(e.toString());
                } finally {
                  synchronized (latencies) {
                    latencies.add(Arrays.copyOf(samples[0], count[0]));
                  }
                }
              },
              "bench-sender-" + s);
      threads.add(thread);
      thread.start();
    }
    window[0] = System.nanoTime() + warmup.toNanos();
    window[1] = window[0] + duration.toNanos();
    started.countDown(); // publishes window[] to the senders
    sleepUntil(window[0]);
    Duration cpuBefore = buffer.cpu();
    sleepUntil(window[1]);
    Duration cpu = buffer.cpu().minus(cpuBefore);
    for (Thread thread : threads) {
      thread.join();
    }
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(
        ok.get(),
        refused.get(),
        duration.toNanos() / 1e9,
        cpu,
        rank(all, 0.50),
        rank(all, 0.99),
        errors.isEmpty() ? null : errors.get(0));
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, left / 1_000_000));
    }
  }

  /** Nearest-rank percentile of sorted values; 0 when there are none. */
  static long rank(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}

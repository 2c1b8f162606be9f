package io.k3j.telemetry.internal.forward;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A single-threaded scheduler that records each one-shot delay it is asked for and runs the task at
 * once, so back-off and Retry-After are checked without waiting for them.
 */
final class RecordingScheduler extends ScheduledThreadPoolExecutor {
  final List<Duration> delays = new CopyOnWriteArrayList<>();

  RecordingScheduler() {
    super(1);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    if (delay > 0) {
      // execute() arrives here with delay 0; only real delays are of interest
      delays.add(Duration.ofNanos(unit.toNanos(delay)));
    }
    return super.schedule(command, 0, unit);
  }
}

package io.k3j.telemetry.internal.forward;

import io.k3j.telemetry.DestinationConfig;
import io.k3j.telemetry.TelemetryBufferConfig;
import io.k3j.telemetry.internal.metrics.BufferMetrics;
import io.k3j.telemetry.internal.queue.AckedPositions;
import io.k3j.telemetry.internal.queue.DurableQueue;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/** One {@link DestinationForwarder} per configured destination, each on its own thread. */
public final class Forwarders implements AutoCloseable {
  private final List<DestinationForwarder> forwarders;

  private Forwarders(List<DestinationForwarder> forwarders) {
    this.forwarders = forwarders;
  }

  public static Forwarders start(
      TelemetryBufferConfig config, DurableQueue queue, BufferMetrics metrics, Clock clock)
      throws IOException {
    AckedPositions positions = new AckedPositions(config.dataDir().resolve("acked"));
    List<DestinationForwarder> started = new ArrayList<>();
    try {
      for (DestinationConfig destination : config.destinations()) {
        ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread thread = new Thread(r, "telemetry-forward-" + destination.name());
                  thread.setDaemon(true);
                  return thread;
                });
        DeadLetters deadLetters =
            new DeadLetters(config.dataDir().resolve("dead-letters").resolve(destination.name()));
        started.add(
            new DestinationForwarder(
                destination,
                queue,
                positions,
                deadLetters,
                metrics,
                scheduler,
                clock,
                RandomGenerator.getDefault()));
      }
    } catch (IOException | RuntimeException e) {
      started.forEach(DestinationForwarder::close);
      throw e;
    }
    started.forEach(DestinationForwarder::wake);
    return new Forwarders(started);
  }

  public List<DestinationForwarder> all() {
    return forwarders;
  }

  public List<Long> ackedIndexes() {
    return forwarders.stream().map(DestinationForwarder::ackedIndex).toList();
  }

  @Override
  public void close() {
    forwarders.forEach(DestinationForwarder::close);
  }
}

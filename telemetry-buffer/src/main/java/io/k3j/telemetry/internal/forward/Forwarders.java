package io.k3j.telemetry.internal.forward;

import io.k3j.telemetry.DestinationConfig;
import io.k3j.telemetry.internal.metrics.BufferMetrics;
import io.k3j.telemetry.internal.queue.AckedPositions;
import io.k3j.telemetry.internal.queue.DurableQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link DestinationForwarder} per configured destination, each on its own thread. {@link
 * #apply} changes the set while the buffer runs: a new destination starts from its persisted acked
 * index (from the oldest record when it has none), a changed one is drained and restarted from its
 * acked index, a removed one is drained and stopped. While a forwarder is being replaced its acked
 * index stays pinned, so retention never deletes a file it has not acknowledged.
 */
public final class Forwarders implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Forwarders.class);
  private static final String[] GAUGES = {
    "oldest_unacked_age_seconds", "paused", "dead_letter_files"
  };

  private final Path dataDir;
  private final DurableQueue queue;
  private final BufferMetrics metrics;
  private final Clock clock;
  private final AckedPositions positions;
  private final Map<String, DestinationForwarder> active = new ConcurrentHashMap<>();
  private final Map<String, Long> pinned = new ConcurrentHashMap<>();

  private Forwarders(Path dataDir, DurableQueue queue, BufferMetrics metrics, Clock clock)
      throws IOException {
    this.dataDir = dataDir;
    this.queue = queue;
    this.metrics = metrics;
    this.clock = clock;
    this.positions = new AckedPositions(dataDir.resolve("acked"));
  }

  public static Forwarders start(
      Path dataDir,
      List<DestinationConfig> destinations,
      DurableQueue queue,
      BufferMetrics metrics,
      Clock clock)
      throws IOException {
    Forwarders forwarders = new Forwarders(dataDir, queue, metrics, clock);
    try {
      forwarders.apply(destinations);
    } catch (IOException | RuntimeException e) {
      forwarders.close();
      throw e;
    }
    return forwarders;
  }

  /**
   * Makes the running forwarders match {@code destinations}; unchanged ones keep running. A
   * destination that fails to start (a bad certificate, say) leaves the others applied and is
   * reported by the exception.
   */
  public synchronized void apply(List<DestinationConfig> destinations) throws IOException {
    Map<String, DestinationConfig> wanted = new LinkedHashMap<>();
    destinations.forEach(d -> wanted.put(d.name(), d));
    for (String name : new ArrayList<>(active.keySet())) {
      DestinationConfig next = wanted.get(name);
      if (next == null || !next.equals(active.get(name).config())) {
        stop(name, next == null ? "removed" : "changed");
      }
    }
    RuntimeException failed = null;
    for (DestinationConfig destination : wanted.values()) {
      if (!active.containsKey(destination.name())) {
        try {
          startOne(destination);
          pinned.remove(destination.name());
        } catch (IOException e) {
          failed = failed == null ? new UncheckedIOException(e) : failed;
        } catch (RuntimeException e) {
          failed = failed == null ? e : failed;
        }
      }
    }
    pinned.keySet().retainAll(wanted.keySet());
    if (failed != null) {
      throw failed;
    }
  }

  private void stop(String name, String why) {
    DestinationForwarder old = active.get(name);
    pinned.put(name, old.ackedIndex());
    active.remove(name);
    old.close();
    for (String gauge : GAUGES) {
      metrics.removeGauge(gauge, name);
    }
    if (why.equals("removed")) {
      pinned.remove(name);
    }
    LOG.info("destination {} {}: forwarder stopped at acked index {}", name, why, old.ackedIndex());
  }

  private void startOne(DestinationConfig destination) throws IOException {
    String name = destination.name();
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "telemetry-forward-" + name);
              thread.setDaemon(true);
              return thread;
            });
    DestinationForwarder forwarder;
    try {
      forwarder =
          new DestinationForwarder(
              destination,
              queue,
              positions,
              new DeadLetters(dataDir.resolve("dead-letters").resolve(name)),
              metrics,
              scheduler,
              clock,
              RandomGenerator.getDefault());
    } catch (IOException | RuntimeException e) {
      scheduler.shutdownNow();
      throw e;
    }
    active.put(name, forwarder);
    metrics.gauge(GAUGES[0], name, () -> value(name, f -> f.oldestUnackedAgeMillis() / 1e3));
    metrics.gauge(GAUGES[1], name, () -> value(name, f -> f.paused() ? 1 : 0));
    metrics.gauge(GAUGES[2], name, () -> value(name, DestinationForwarder::deadLetterFiles));
    forwarder.wake();
    LOG.info("destination {} started after acked index {}", name, forwarder.ackedIndex());
  }

  private Number value(String name, Function<DestinationForwarder, Number> f) {
    DestinationForwarder forwarder = active.get(name);
    return forwarder == null ? Double.NaN : f.apply(forwarder);
  }

  public List<DestinationForwarder> all() {
    return active.values().stream()
        .sorted(Comparator.comparing(DestinationForwarder::name))
        .toList();
  }

  /** Acked indexes of the running forwarders and of those being replaced. */
  public List<Long> ackedIndexes() {
    List<Long> indexes = new ArrayList<>(pinned.values());
    active.values().forEach(f -> indexes.add(f.ackedIndex()));
    return indexes;
  }

  @Override
  public synchronized void close() {
    active.values().forEach(DestinationForwarder::close);
    active.clear();
  }
}

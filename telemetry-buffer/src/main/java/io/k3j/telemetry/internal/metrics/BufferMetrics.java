package io.k3j.telemetry.internal.metrics;

import io.k3j.telemetry.internal.otlp.Signal;
import io.k3j.telemetry.internal.queue.Tally;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Names and tags of the buffer's metrics, in one place. Counters count items (spans, data points,
 * log records) and bytes per signal and, on the forwarding side, per destination.
 */
public final class BufferMetrics {
  private static final String PREFIX = "telemetry_buffer_";
  private final MeterRegistry registry;

  public BufferMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void received(Signal signal, long items, long bytes) {
    items("received", signal, items);
    bytes("received", signal, bytes);
  }

  public void accepted(Signal signal, long items, long bytes) {
    items("accepted", signal, items);
    bytes("accepted", signal, bytes);
  }

  public void refused(Signal signal, String reason, long items) {
    Counter.builder(PREFIX + "refused_items")
        .tag("signal", signal.tag())
        .tag("reason", reason)
        .register(registry)
        .increment(items);
  }

  public void forwarded(String destination, Signal signal, long items, long bytes) {
    destinationItems("forwarded", destination, signal, items);
    Counter.builder(PREFIX + "forwarded_bytes")
        .tag("signal", signal.tag())
        .tag("destination", destination)
        .register(registry)
        .increment(bytes);
  }

  /** Items the destination rejected in a partial success (final, not retried). */
  public void rejected(String destination, Signal signal, long items) {
    destinationItems("rejected", destination, signal, items);
  }

  public void deadLettered(String destination, Signal signal, long items) {
    destinationItems("dead_lettered", destination, signal, items);
  }

  public void retried(String destination) {
    Counter.builder(PREFIX + "retries")
        .tag("destination", destination)
        .register(registry)
        .increment();
  }

  /**
   * A whole cycle file deleted by the drop-oldest policy before every destination acked it: one
   * file, and its items and payload bytes per signal.
   */
  public void droppedOldest(Map<Signal, Tally> contents) {
    Counter.builder(PREFIX + "dropped_files").register(registry).increment();
    contents.forEach(
        (signal, tally) -> {
          items("dropped", signal, tally.items());
          bytes("dropped", signal, tally.bytes());
        });
  }

  public void gauge(String name, String destination, Supplier<Number> value) {
    Gauge.builder(PREFIX + name, () -> value.get().doubleValue())
        .tags(destination == null ? new String[0] : new String[] {"destination", destination})
        .register(registry);
  }

  /** Removes a per-destination gauge, e.g. when the destination is removed from the config. */
  public void removeGauge(String name, String destination) {
    registry.find(PREFIX + name).tag("destination", destination).meters().forEach(registry::remove);
  }

  private void items(String what, Signal signal, long items) {
    Counter.builder(PREFIX + what + "_items")
        .tag("signal", signal.tag())
        .register(registry)
        .increment(items);
  }

  private void bytes(String what, Signal signal, long bytes) {
    Counter.builder(PREFIX + what + "_bytes")
        .tag("signal", signal.tag())
        .register(registry)
        .increment(bytes);
  }

  private void destinationItems(String what, String destination, Signal signal, long items) {
    Counter.builder(PREFIX + what + "_items")
        .tag("signal", signal.tag())
        .tag("destination", destination)
        .register(registry)
        .increment(items);
  }
}

package io.k3j.core.datastore.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** Meters for watches: how many are open and why they ended. */
public final class WatchMetrics {
  private final MeterRegistry registry;
  private final AtomicInteger open = new AtomicInteger();

  public WatchMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("k3j.datastore.watches", open);
  }

  void opened() {
    open.incrementAndGet();
  }

  void closed(String reason) {
    open.decrementAndGet();
    Counter.builder("k3j.datastore.watches.closed")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }
}

package io.k3j.telemetry.internal.queue;

/** Items (spans, data points, log records) and payload bytes of some queue records. */
public record Tally(long items, long bytes) {
  public Tally plus(Tally other) {
    return new Tally(items + other.items, bytes + other.bytes);
  }
}

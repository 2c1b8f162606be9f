package io.k3j.telemetry;

/**
 * What a destination reports: its acked index, whether it is paused by an authentication error, the
 * last error, and the age of the oldest record it has not acked (0 when caught up).
 */
public record DestinationStatus(
    String name, long ackedIndex, boolean paused, String lastError, long oldestUnackedAgeMillis) {}

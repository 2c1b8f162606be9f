package io.k3j.telemetry;

/**
 * What a destination reports: its acked index, whether it is paused by an authentication error, the
 * last error, the age and append time of the oldest record it has not acked (0 and -1 when caught
 * up), and the payload bytes queued after its acked index.
 */
public record DestinationStatus(
    String name,
    long ackedIndex,
    boolean paused,
    String lastError,
    long oldestUnackedAgeMillis,
    long oldestUnackedAtMillis,
    long backlogBytes) {}

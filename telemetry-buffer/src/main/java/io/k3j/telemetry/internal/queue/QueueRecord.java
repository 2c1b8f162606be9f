package io.k3j.telemetry.internal.queue;

import io.k3j.telemetry.internal.otlp.Signal;

/**
 * One accepted OTLP export request as stored: the binary protobuf body, its signal, whether the
 * sender used JSON (kept for metrics), when it was appended and how many items (spans, data points,
 * log records) it holds.
 */
public record QueueRecord(
    Signal signal, boolean fromJson, long appendedAtMillis, int items, byte[] payload) {}

package io.k3j.telemetry.internal.queue;

import io.k3j.telemetry.internal.otlp.Signal;

/**
 * A record read back with {@link QueueCursor#nextInto} into the reader's own array: its Chronicle
 * index, header, and where in that array its payload ({@code length} bytes) now lies.
 */
public record RecordSlice(
    long index, Signal signal, long appendedAtMillis, int items, int offset, int length) {}

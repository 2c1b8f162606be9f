package io.k3j.telemetry.internal.queue;

/** A record read back from the queue together with its Chronicle index. */
public record StoredRecord(long index, QueueRecord record) {}

package io.k3j.telemetry.internal.queue;

import io.k3j.telemetry.Durability;
import java.nio.file.Path;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;

/**
 * How the queue directory is opened. {@code blockSize} must be at least four times the largest
 * record (a Chronicle limit); the time provider decides when cycle files roll.
 */
public record QueueOptions(
    Path directory,
    Durability durability,
    RollCycle rollCycle,
    long blockSize,
    TimeProvider timeProvider) {}

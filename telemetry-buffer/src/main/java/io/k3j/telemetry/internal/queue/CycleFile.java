package io.k3j.telemetry.internal.queue;

import java.nio.file.Path;

/** One Chronicle cycle file: the unit in which queued data is deleted. */
public record CycleFile(int cycle, Path path, long sizeBytes) {}

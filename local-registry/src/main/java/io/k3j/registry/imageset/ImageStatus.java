package io.k3j.registry.imageset;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether one image of a set is fully on disk and pinned.
 *
 * @param image the reference as listed in the set
 * @param present manifest(s) and every blob are stored
 * @param digest the manifest digest the reference resolved to
 * @param sizeBytes manifests plus blobs
 * @param lastSync when it was last verified
 * @param error why it is not present
 */
public record ImageStatus(
    String image,
    boolean present,
    Optional<String> digest,
    long sizeBytes,
    Instant lastSync,
    Optional<String> error) {}

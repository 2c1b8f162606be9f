package io.k3j.registry.internal.store;

import java.util.List;
import java.util.Optional;

/**
 * What the index needs to know about a manifest; the bytes themselves are stored unchanged.
 *
 * @param mediaType the type it was pushed with
 * @param blobs config and layer digests (an image manifest)
 * @param children child manifest digests (an index or manifest list)
 * @param subject the {@code subject} digest, for the referrers API
 * @param artifactType {@code artifactType}, else the config media type (referrers descriptor)
 * @param annotationsJson the {@code annotations} object as JSON, or null
 */
public record ParsedManifest(
    String mediaType,
    List<Digest> blobs,
    List<Digest> children,
    Optional<Digest> subject,
    Optional<String> artifactType,
    String annotationsJson) {}

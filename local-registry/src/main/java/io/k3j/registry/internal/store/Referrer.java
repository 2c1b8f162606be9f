package io.k3j.registry.internal.store;

/** A manifest whose {@code subject} names another manifest (referrers API descriptor). */
public record Referrer(
    Digest digest, String mediaType, long size, String artifactType, String annotationsJson) {}

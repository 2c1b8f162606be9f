package io.k3j.telemetry.internal.forward;

/** The parts of an upstream HTTP answer the forwarder looks at. */
record UpstreamResponse(int status, String contentType, String retryAfter, byte[] body) {}

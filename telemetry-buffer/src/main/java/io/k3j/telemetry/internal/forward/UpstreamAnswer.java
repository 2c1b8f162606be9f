package io.k3j.telemetry.internal.forward;

/**
 * A destination's answer to one request: what to do with the batch, and the answer as text for the
 * dead-letter folder (status line, content type and body, or gRPC status and details).
 */
record UpstreamAnswer(Outcome outcome, String transcript) {}

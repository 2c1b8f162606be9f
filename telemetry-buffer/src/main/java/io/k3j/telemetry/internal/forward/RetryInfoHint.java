package io.k3j.telemetry.internal.forward;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code google.rpc.RetryInfo} detail of a {@code google.rpc.Status}: how long the server asks
 * the client to wait (OTLP spec, "OTLP/gRPC Throttling"). gRPC servers send it in the trailers; an
 * OTLP/HTTP server may send the same Status as its error body.
 */
final class RetryInfoHint {
  private RetryInfoHint() {}

  static Optional<Duration> from(Status status) {
    for (Any detail : status.getDetailsList()) {
      if (detail.is(RetryInfo.class)) {
        try {
          com.google.protobuf.Duration delay = detail.unpack(RetryInfo.class).getRetryDelay();
          return Optional.of(Duration.ofSeconds(delay.getSeconds(), delay.getNanos()));
        } catch (InvalidProtocolBufferException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** The hint in an OTLP/HTTP error body, if it is a binary google.rpc.Status carrying one. */
  static Optional<Duration> fromHttpBody(String contentType, byte[] body) {
    if (contentType == null || !contentType.contains("protobuf") || body.length == 0) {
      return Optional.empty();
    }
    try {
      return from(Status.parseFrom(body));
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }
}

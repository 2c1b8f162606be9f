package io.k3j.telemetry.internal.forward;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.Optional;

/**
 * Maps a failed OTLP/gRPC export to an {@link Outcome} (OTLP spec, "Failures" for gRPC): CANCELLED,
 * DEADLINE_EXCEEDED, ABORTED, OUT_OF_RANGE, UNAVAILABLE and DATA_LOSS are retried after the
 * RetryInfo delay if the server sent one; RESOURCE_EXHAUSTED is retried only with RetryInfo
 * (throttling), and without it means the message was too large, so the batch is split as for HTTP
 * 413; UNAUTHENTICATED and PERMISSION_DENIED pause; everything else is dead-lettered.
 */
final class GrpcStatusClassifier {
  private GrpcStatusClassifier() {}

  static Outcome classify(Status status, Metadata trailers) {
    String reason = "gRPC " + status.getCode() + describe(status);
    Optional<Duration> hint = retryInfo(status, trailers);
    return switch (status.getCode()) {
      case CANCELLED, DEADLINE_EXCEEDED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS ->
          new Outcome.Retry(reason, hint.orElse(null));
      case RESOURCE_EXHAUSTED ->
          hint.isPresent() ? new Outcome.Retry(reason, hint.get()) : new Outcome.Split(reason);
      case UNAUTHENTICATED, PERMISSION_DENIED ->
          new Outcome.Pause(reason + " (check the credentials)");
      default -> new Outcome.DeadLetter(reason);
    };
  }

  private static Optional<Duration> retryInfo(Status status, Metadata trailers) {
    com.google.rpc.Status rich = StatusProto.fromStatusAndTrailers(status, trailers);
    return rich == null ? Optional.empty() : RetryInfoHint.from(rich);
  }

  private static String describe(Status status) {
    return status.getDescription() == null ? "" : ": " + status.getDescription();
  }
}

package io.k3j.telemetry.internal.forward;

import io.k3j.telemetry.internal.otlp.PartialSuccess;
import io.k3j.telemetry.internal.otlp.Signal;
import java.time.Clock;

/**
 * Maps an upstream answer to an {@link Outcome} (OTLP spec, "Failures" and "Retryable Response
 * Codes"): 2xx delivered (partial success is final); 429, 502, 503, 504 and transport errors are
 * retried after the server's hint (Retry-After, else a RetryInfo in a google.rpc.Status body); 413
 * split; 401 and 403 pause; every other status is permanent and dead-lettered.
 */
final class ResponseClassifier {
  private ResponseClassifier() {}

  static Outcome classify(Signal signal, UpstreamResponse response, Clock clock) {
    int status = response.status();
    if (status >= 200 && status < 300) {
      PartialSuccess partial =
          PartialSuccess.parse(signal, response.contentType(), response.body());
      return new Outcome.Delivered(partial.rejected(), partial.message());
    }
    return switch (status) {
      case 429, 502, 503, 504 ->
          new Outcome.Retry(
              "HTTP " + status,
              RetryAfter.parse(response.retryAfter(), clock)
                  .or(() -> RetryInfoHint.fromHttpBody(response.contentType(), response.body()))
                  .orElse(null));
      case 413 -> new Outcome.Split("HTTP 413");
      case 401, 403 -> new Outcome.Pause("HTTP " + status + " (check the credentials)");
      default -> new Outcome.DeadLetter("HTTP " + status);
    };
  }

  static Outcome transportFailure(Throwable failure) {
    return new Outcome.Retry(
        failure.getClass().getSimpleName() + ": " + failure.getMessage(), null);
  }
}

package io.k3j.telemetry.internal.forward;

import java.time.Duration;

/** What one upstream answer means for the batch that was sent. */
sealed interface Outcome {
  /** Accepted; {@code rejected} items were refused for good in a partial success. */
  record Delivered(long rejected, String message) implements Outcome {}

  /** Transient failure; try again after back-off ({@code serverHint} may be null). */
  record Retry(String reason, Duration serverHint) implements Outcome {}

  /** 413: the destination wants smaller requests. */
  record Split(String reason) implements Outcome {}

  /** 401/403: credentials are wrong; stop sending to this destination until they work again. */
  record Pause(String reason) implements Outcome {}

  /** Any other permanent error: park the batch in the dead-letter folder. */
  record DeadLetter(String reason) implements Outcome {}
}

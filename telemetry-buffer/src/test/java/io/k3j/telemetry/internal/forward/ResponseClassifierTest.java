package io.k3j.telemetry.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.telemetry.internal.otlp.Signal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Upstream answers, Retry-After and back-off")
class ResponseClassifierTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

  static Outcome classify(int status, String retryAfter) {
    return ResponseClassifier.classify(
        Signal.TRACES, new UpstreamResponse(status, "text/plain", retryAfter, new byte[0]), CLOCK);
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 502, 503, 504})
  @DisplayName("429, 502, 503 and 504 are retried")
  void retryable(int status) {
    assertThat(classify(status, null)).isInstanceOf(Outcome.Retry.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 404, 405, 415, 500, 501})
  @DisplayName("other errors, 500 included, are permanent and dead-lettered")
  void permanent(int status) {
    assertThat(classify(status, null)).isInstanceOf(Outcome.DeadLetter.class);
  }

  @Test
  @DisplayName("413 splits, 401 and 403 pause, 2xx delivers")
  void special() {
    assertThat(classify(413, null)).isInstanceOf(Outcome.Split.class);
    assertThat(classify(401, null)).isInstanceOf(Outcome.Pause.class);
    assertThat(classify(403, null)).isInstanceOf(Outcome.Pause.class);
    assertThat(classify(200, null)).isEqualTo(new Outcome.Delivered(0, ""));
    assertThat(classify(202, null)).isInstanceOf(Outcome.Delivered.class);
  }

  @Test
  @DisplayName("Retry-After is read as seconds and as an HTTP-date; garbage is ignored")
  void retryAfter() {
    assertThat(((Outcome.Retry) classify(503, "120")).serverHint())
        .isEqualTo(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse("Tue, 24 Nov 2026 10:00:30 GMT", CLOCK))
        .contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Tue, 24 Nov 2026 09:00:00 GMT", CLOCK)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", CLOCK)).isEmpty();
    assertThat(RetryAfter.parse(null, CLOCK)).isEmpty();
  }

  @Test
  @DisplayName("back-off doubles per failure within [half, full] of the ceiling, capped at max")
  void backoff() {
    Backoff backoff =
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new SplittableRandom(7));

    for (int failure = 1; failure <= 10; failure++) {
      long ceiling = Math.min(30_000, 1000L << (failure - 1));
      assertThat(backoff.delay(failure, null).toMillis()).isBetween(ceiling / 2, ceiling);
    }
    assertThat(backoff.delay(1, Duration.ofSeconds(45))).isEqualTo(Duration.ofSeconds(45));
  }
}

package io.k3j.registry.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.registry.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UpstreamHealthTest {
  MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  UpstreamHealth health = new UpstreamHealth(clock);

  @Test
  @DisplayName(
      "a failed upstream is not asked during the backoff and stays known-down until a success")
  void backoff() {
    assertThat(health.shouldAsk("up")).isTrue();
    assertThat(health.knownDown("up")).isFalse();
    health.failed("up");
    assertThat(health.shouldAsk("up")).isFalse();
    assertThat(health.knownDown("up")).isTrue();
    clock.advance(UpstreamHealth.BACKOFF);
    assertThat(health.shouldAsk("up")).isTrue();
    assertThat(health.knownDown("up")).isTrue();
    health.succeeded("up");
    assertThat(health.knownDown("up")).isFalse();
    assertThat(health.shouldAsk("other")).isTrue();
  }

  @Test
  @DisplayName(
      "once the backoff elapsed exactly one caller claims the re-check, then the next backoff starts")
  void oneRecheckPerBackoff() {
    assertThat(health.claimRecheck("up")).as("never failed: nothing to re-check").isFalse();
    health.failed("up");
    assertThat(health.claimRecheck("up")).isFalse();
    clock.advance(UpstreamHealth.BACKOFF.plusMillis(1));
    assertThat(health.claimRecheck("up")).isTrue();
    assertThat(health.claimRecheck("up")).isFalse();
    assertThat(health.shouldAsk("up")).isFalse();
    clock.advance(Duration.ofSeconds(10));
    assertThat(health.claimRecheck("up")).isTrue();
  }

  @Test
  @DisplayName(
      "an upstream that only missed the tag deadline is known-down for tags but still asked for uncached content")
  void slowIsNotDown() {
    health.slow("up");
    assertThat(health.knownDown("up")).isTrue();
    assertThat(health.shouldAsk("up")).as("uncached content is still fetched").isTrue();
    assertThat(health.claimRecheck("up")).isFalse();
    clock.advance(UpstreamHealth.BACKOFF);
    assertThat(health.claimRecheck("up")).isTrue();
    health.failed("up");
    health.slow("up");
    assertThat(health.shouldAsk("up")).as("a slow answer does not lift a failure").isFalse();
    health.succeeded("up");
    assertThat(health.knownDown("up")).isFalse();
  }
}

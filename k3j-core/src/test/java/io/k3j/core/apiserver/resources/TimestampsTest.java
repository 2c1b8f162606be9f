package io.k3j.core.apiserver.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  @Test
  @DisplayName("a timestamp is the clock's instant in whole seconds, RFC 3339 in UTC")
  void wholeSeconds() {
    assertThat(Timestamps.now(at("2026-11-25T02:03:12.987654Z"))).isEqualTo("2026-11-25T02:03:12Z");
    assertThat(Timestamps.now(at("2026-11-25T02:03:12Z"))).isEqualTo("2026-11-25T02:03:12Z");
  }

  @Test
  @DisplayName("the next second, or an earlier clock, gets its own timestamp, not the cached one")
  void followsTheClock() {
    assertThat(Timestamps.now(at("2026-11-25T02:03:12.100Z"))).isEqualTo("2026-11-25T02:03:12Z");
    assertThat(Timestamps.now(at("2026-11-25T02:03:13.000Z"))).isEqualTo("2026-11-25T02:03:13Z");
    assertThat(Timestamps.now(at("1969-12-31T23:59:59.500Z"))).isEqualTo("1969-12-31T23:59:59Z");
    assertThat(Timestamps.now(at("2026-11-25T02:03:12.999Z"))).isEqualTo("2026-11-25T02:03:12Z");
  }
}

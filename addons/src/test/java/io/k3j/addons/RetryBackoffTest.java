package io.k3j.addons;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
  @Test
  @DisplayName("retries of an unchanged failing file back off from 15 s, doubling, to 10 min")
  void doubling() {
    RetryBackoff backoff = RetryBackoff.DEFAULT;
    assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(15));
    assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(120));
    assertThat(backoff.after(6)).isEqualTo(Duration.ofSeconds(480));
    assertThat(backoff.after(7)).isEqualTo(Duration.ofMinutes(10));
    assertThat(backoff.after(1000)).isEqualTo(Duration.ofMinutes(10));
  }
}

package io.k3j.helm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  @DisplayName("Go durations parse as metav1.Duration does; other text is rejected")
  void parses() {
    assertThat(GoDuration.parse("300s")).isEqualTo(Duration.ofSeconds(300));
    assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> GoDuration.parse("5 minutes")).hasMessageContaining("5 minutes");
    assertThatThrownBy(() -> GoDuration.parse("")).isInstanceOf(IllegalArgumentException.class);
  }
}

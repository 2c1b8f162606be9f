package io.k3j.suc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  @DisplayName("Go duration text parses and prints as Go's time.Duration does")
  void parseAndFormat() {
    assertThat(GoDuration.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(GoDuration.parse("-30s")).isEqualTo(Duration.ofSeconds(-30));
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> GoDuration.parse("15 minutes")).hasMessageContaining("15 minutes");
    assertThat(GoDuration.format(60_000_000_000L)).isEqualTo("1m0s");
    assertThat(GoDuration.format(3_723_500_000_000L)).isEqualTo("1h2m3.5s");
    assertThat(GoDuration.format(1_500_000L)).isEqualTo("1.5ms");
    assertThat(GoDuration.format(0)).isEqualTo("0s");
  }
}

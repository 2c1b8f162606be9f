package io.k3j.addons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeployerConfigTest {
  @Test
  @DisplayName("defaults scan every 15 s with file-system events; bad values name their key")
  void fromMap() {
    assertThat(DeployerConfig.fromMap(Map.of())).isEqualTo(DeployerConfig.defaults());
    assertThat(DeployerConfig.defaults().interval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(DeployerConfig.fromMap(Map.of("interval", "PT1S", "polling", "true")))
        .isEqualTo(new DeployerConfig(Duration.ofSeconds(1), true));
    assertThatThrownBy(() -> DeployerConfig.fromMap(Map.of("interval", "15s")))
        .hasMessageStartingWith("interval:");
    assertThatThrownBy(() -> DeployerConfig.fromMap(Map.of("polling", "yes")))
        .hasMessageStartingWith("polling:");
    assertThatThrownBy(() -> new DeployerConfig(Duration.ZERO, false))
        .hasMessageContaining("interval");
  }
}

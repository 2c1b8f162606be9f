package io.k3j.suc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StandaloneConfigTest {

  static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("SYSTEM_UPGRADE_CONTROLLER_NAME", "suc");
    env.put("SYSTEM_UPGRADE_CONTROLLER_NAMESPACE", "system-upgrade");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  @DisplayName("metrics listen on :8080 (all interfaces) by default; no kubeconfig means discovery")
  void defaults() {
    StandaloneConfig config = StandaloneConfig.fromEnv(env());
    assertThat(config.metricsAddress().getPort()).isEqualTo(8080);
    assertThat(config.metricsAddress().getAddress().isAnyLocalAddress()).isTrue();
    assertThat(config.kubeconfig()).isNull();
    assertThat(config.controller().name()).isEqualTo("suc");
  }

  @Test
  @DisplayName("an address is [HOST]:PORT, IPv6 hosts in brackets, port 0 picks one")
  void addresses() {
    InetSocketAddress loopback =
        StandaloneConfig.fromEnv(env(StandaloneConfig.METRICS_ADDRESS, "127.0.0.1:0"))
            .metricsAddress();
    assertThat(loopback.getAddress().isLoopbackAddress()).isTrue();
    assertThat(loopback.getPort()).isZero();
    InetSocketAddress v6 =
        StandaloneConfig.fromEnv(env(StandaloneConfig.METRICS_ADDRESS, "[::1]:9090"))
            .metricsAddress();
    assertThat(v6.getAddress().isLoopbackAddress()).isTrue();
    assertThat(v6.getPort()).isEqualTo(9090);
    assertThat(
            StandaloneConfig.fromEnv(env(StandaloneConfig.KUBE_CONFIG, "/etc/kubeconfig"))
                .kubeconfig())
        .isEqualTo("/etc/kubeconfig");
  }

  @ParameterizedTest
  @ValueSource(strings = {"8080", ":http", ":65536", ":-1", "::1:8080", ""})
  @DisplayName("a bad address fails naming SYSTEM_UPGRADE_CONTROLLER_METRICS_ADDRESS")
  void badAddress(String value) {
    assertThatThrownBy(() -> StandaloneConfig.fromEnv(env(StandaloneConfig.METRICS_ADDRESS, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("SYSTEM_UPGRADE_CONTROLLER_METRICS_ADDRESS=\"" + value + "\"");
  }

  @Test
  @DisplayName("the standalone main returns 2 for a bad setting, before starting anything")
  void mainExitsTwo() throws InterruptedException {
    assertThat(SystemUpgradeControllerMain.run(env(StandaloneConfig.METRICS_ADDRESS, "localhost")))
        .isEqualTo(2);
    assertThat(SystemUpgradeControllerMain.run(Map.of())).isEqualTo(2);
  }
}

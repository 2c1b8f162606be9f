package io.k3j.suc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ControllerConfigTest {
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
  @DisplayName("defaults are upstream's code defaults")
  void defaults() {
    ControllerConfig c = ControllerConfig.fromEnv(env());
    assertThat(c.activeDeadlineSeconds()).isEqualTo(600);
    assertThat(c.backoffLimit()).isEqualTo(2);
    assertThat(c.imagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(c.kubectlImage()).isEqualTo("rancher/kubectl:v1.30.3");
    assertThat(c.privileged()).isTrue();
    assertThat(c.ttlSecondsAfterFinished()).isEqualTo(900);
    assertThat(c.podReplacementPolicy()).isEqualTo("TerminatingOrFailed");
    assertThat(c.pollingInterval()).isEqualTo(Duration.ofMinutes(15));
    assertThat(
            ControllerConfig.fromEnv(env("SYSTEM_UPGRADE_PLAN_POLLING_INTERVAL", "30s"))
                .pollingInterval())
        .isEqualTo(Duration.ofMinutes(15));
    assertThat(
            ControllerConfig.fromEnv(env("SYSTEM_UPGRADE_PLAN_POLLING_INTERVAL", "1h"))
                .pollingInterval())
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  @DisplayName("a bad value stops start-up with a message naming the variable and value")
  void badValuesFail() {
    assertThatThrownBy(
            () -> ControllerConfig.fromEnv(env("SYSTEM_UPGRADE_JOB_BACKOFF_LIMIT", "lots")))
        .hasMessageContaining("SYSTEM_UPGRADE_JOB_BACKOFF_LIMIT=\"lots\"");
    assertThatThrownBy(
            () ->
                ControllerConfig.fromEnv(env("SYSTEM_UPGRADE_JOB_IMAGE_PULL_POLICY", "Sometimes")))
        .hasMessageContaining("SYSTEM_UPGRADE_JOB_IMAGE_PULL_POLICY")
        .hasMessageContaining("Always");
    assertThatThrownBy(
            () -> ControllerConfig.fromEnv(env("SYSTEM_UPGRADE_JOB_PRIVILEGED", "yes please")))
        .hasMessageContaining("SYSTEM_UPGRADE_JOB_PRIVILEGED");
    assertThatThrownBy(
            () ->
                ControllerConfig.fromEnv(env("SYSTEM_UPGRADE_PLAN_POLLING_INTERVAL", "15 minutes")))
        .hasMessageContaining("SYSTEM_UPGRADE_PLAN_POLLING_INTERVAL");
    assertThatThrownBy(() -> ControllerConfig.fromEnv(Map.of()))
        .hasMessageContaining("SYSTEM_UPGRADE_CONTROLLER_NAME");
  }

  @Test
  @DisplayName("Job deadline rules: plan value, default for nil or negative, 0 none, MAX clamps")
  void deadline() {
    ControllerConfig c =
        ControllerConfig.fromEnv(env("SYSTEM_UPGRADE_JOB_ACTIVE_DEADLINE_SECONDS", "300"));
    assertThat(c.activeDeadline(12345L)).isEqualTo(12345L);
    assertThat(c.activeDeadline(null)).isEqualTo(300L);
    assertThat(c.activeDeadline(0L)).isNull();
    assertThat(c.activeDeadline(-1L)).isEqualTo(300L);
    ControllerConfig max =
        ControllerConfig.fromEnv(env("SYSTEM_UPGRADE_JOB_ACTIVE_DEADLINE_SECONDS_MAX", "300"));
    assertThat(max.activeDeadline(600L)).isEqualTo(300L);
    assertThat(max.activeDeadline(0L)).isEqualTo(300L);
    assertThat(max.activeDeadline(null)).isEqualTo(300L);
  }
}

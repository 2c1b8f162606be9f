package io.k3j.suc;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.crds.upgrade.v1.PlanCondition;
import io.k3j.crds.upgrade.v1.PlanStatus;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlanConditionsTest {
  @Test
  @DisplayName(
      "lastUpdateTime moves only when status, reason or message change; lastTransitionTime stays empty")
  void updateTimeOnlyOnChange() {
    PlanStatus status = new PlanStatus();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(PlanConditions.set(status, PlanConditions.COMPLETE, false, "SyncJob", null, t0))
        .isTrue();
    assertThat(
            PlanConditions.set(
                status, PlanConditions.COMPLETE, false, "SyncJob", null, t0.plusSeconds(5)))
        .isFalse();
    PlanCondition c = PlanConditions.get(status, PlanConditions.COMPLETE).orElseThrow();
    assertThat(c.getLastUpdateTime()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(
            PlanConditions.set(
                status, PlanConditions.COMPLETE, true, "Complete", null, t0.plusSeconds(9)))
        .isTrue();
    assertThat(c.getLastUpdateTime()).isEqualTo("2026-01-01T00:00:09Z");
    assertThat(c.getLastTransitionTime()).isNull();
    assertThat(PlanConditions.isTrue(status, PlanConditions.COMPLETE)).isTrue();
    assertThat(status.getConditions()).hasSize(1);
  }
}

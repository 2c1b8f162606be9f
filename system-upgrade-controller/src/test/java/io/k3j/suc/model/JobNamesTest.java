package io.k3j.suc.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JobNamesTest {
  @Test
  @DisplayName("short names are apply-PLAN-on-NODE-with-HASH with the node cut at its first dot")
  void shortName() {
    assertThat(JobNames.of("k3s", "prod.test.local", "abc"))
        .isEqualTo("apply-k3s-on-prod-with-abc");
  }

  @Test
  @DisplayName("names of 64 chars or more are cut to 63 with a SHA-256 suffix")
  void truncated() {
    String hash = "abe372452d389dd6e01c16fa0f44dbcaff680482de72a49b6cbc604e";
    String name = JobNames.of("server-plan", "node-1", hash);
    String full = "apply-server-plan-on-node-1-with-" + hash;
    assertThat(name).hasSize(63).startsWith(full.substring(0, 57) + "-");
    assertThat(name.substring(58))
        .isEqualTo(PlanHash.hex(PlanHash.digest("SHA-256", full)).substring(0, 5));
    // char 56 is '-' here, so 56 chars are kept and 6 hash chars follow
    String dash = JobNames.safeConcat("a".repeat(56), "b".repeat(10));
    assertThat(dash).hasSize(63).startsWith("a".repeat(56) + "-");
  }
}

package io.k3j.suc.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.k3j.crds.upgrade.v1.HealthGateSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HealthGateTest {
  static final Instant COMPLETED = Instant.parse("2026-01-01T10:00:00Z");

  static HealthGateSpec gate(String readyFor) {
    HealthGateSpec gate = new HealthGateSpec();
    gate.setReadyFor(readyFor);
    return gate;
  }

  static Node node(String status, String since) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName("n")
        .endMetadata()
        .withNewStatus()
        .addNewCondition()
        .withType("Ready")
        .withStatus(status)
        .withLastTransitionTime(since)
        .endCondition()
        .endStatus()
        .build();
  }

  @Test
  @DisplayName("no gate: the node passes at once")
  void noGate() {
    assertThat(HealthGate.remaining(null, node("False", null), COMPLETED, COMPLETED)).isEmpty();
  }

  @Test
  @DisplayName("a node that is not Ready, or has no Ready condition, waits")
  void notReady() {
    assertThat(
            HealthGate.remaining(
                gate("1m"), node("False", "2026-01-01T09:00:00Z"), COMPLETED, COMPLETED))
        .isPresent();
    assertThat(HealthGate.remaining(gate("1m"), new Node(), COMPLETED, COMPLETED)).isPresent();
  }

  @Test
  @DisplayName("Ready counts from the later of the Job's completion and the Ready transition")
  void readyFor() {
    Node readyLongAgo = node("True", "2026-01-01T09:00:00Z");
    assertThat(HealthGate.remaining(gate("1m"), readyLongAgo, COMPLETED, COMPLETED.plusSeconds(20)))
        .contains(Duration.ofSeconds(40));
    assertThat(HealthGate.remaining(gate("1m"), readyLongAgo, COMPLETED, COMPLETED.plusSeconds(60)))
        .isEmpty();
    Node readyLater = node("True", "2026-01-01T10:05:00Z");
    assertThat(HealthGate.remaining(gate("1m"), readyLater, COMPLETED, COMPLETED.plusSeconds(330)))
        .contains(Duration.ofSeconds(30));
    assertThat(HealthGate.remaining(gate(null), readyLater, COMPLETED, COMPLETED.plusSeconds(300)))
        .isEmpty();
  }
}

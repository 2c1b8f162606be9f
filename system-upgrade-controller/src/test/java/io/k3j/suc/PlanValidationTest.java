package io.k3j.suc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.upgrade.v1.PlanSpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlanValidationTest {
  static PlanSpec spec(String yaml) {
    return Serialization.unmarshal("upgrade: {image: x}\n" + yaml, PlanSpec.class);
  }

  @Test
  @DisplayName("upstream's validation messages")
  void messages() {
    assertThat(
            PlanValidation.errors(
                spec("drain: {deleteLocalData: true, deleteEmptydirData: false}")))
        .containsExactly("spec.drain cannot specify both deleteEmptydirData and deleteLocalData");
    assertThat(
            PlanValidation.errors(spec("drain: {deleteEmptydirData: true, disableEviction: true}")))
        .isEmpty();
    assertThat(PlanValidation.errors(spec("postCompleteDelay: -30s")))
        .containsExactly("spec.postCompleteDelay is negative");
    assertThat(PlanValidation.errors(spec("postCompleteDelay: 1s"))).isEmpty();
    assertThat(
            PlanValidation.errors(spec("window: {days: [mo], startTime: '25:00', endTime: '1'}")))
        .singleElement()
        .asString()
        .startsWith("spec.window is invalid: ");
    assertThat(
            PlanValidation.errors(
                spec("drain: {podSelector: {matchExpressions: [{key: a, operator: Near}]}}")))
        .containsExactly("spec.drain.podSelector is not selectable");
  }

  @Test
  @DisplayName(
      "k3j extensions: retry.backoff and healthGate.readyFor are non-negative Go durations")
  void extensions() {
    assertThat(
            PlanValidation.errors(
                spec("retry: {limit: 2, backoff: 30s}\nhealthGate: {readyFor: 1m}")))
        .isEmpty();
    assertThat(PlanValidation.errors(spec("retry: {limit: 2, backoff: -1s}")))
        .containsExactly("spec.retry.backoff is negative");
    assertThat(PlanValidation.errors(spec("healthGate: {readyFor: soon}")))
        .singleElement()
        .asString()
        .startsWith("spec.healthGate.readyFor is invalid: ");
  }
}

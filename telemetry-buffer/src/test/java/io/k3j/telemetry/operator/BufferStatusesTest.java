package io.k3j.telemetry.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.telemetry.v1.TelemetryBufferStatus;
import io.k3j.telemetry.DestinationStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BufferStatusesTest {
  static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  static final long OLDEST = Instant.parse("2026-11-24T09:58:30.250Z").toEpochMilli();

  static BufferStatuses.Observed observed(DestinationStatus... destinations) {
    return new BufferStatuses.Observed(
        "127.0.0.1:4318", "127.0.0.1:4317", 4096, List.of(destinations));
  }

  @Test
  @DisplayName("a paused destination makes Ready False; the oldest time is the earliest one")
  void pausedDestination() {
    TelemetryBufferStatus status =
        BufferStatuses.of(
            observed(
                new DestinationStatus("a", 1, false, "", 0, -1, 0),
                new DestinationStatus("b", 1, true, "HTTP 401", 90_000, OLDEST, 512)),
            3L,
            null,
            null,
            3,
            T0);
    Condition ready = status.getConditions().get(0);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("DestinationPaused");
    assertThat(ready.getMessage()).contains("b: HTTP 401");
    assertThat(status.getOldestUnacknowledgedTime()).isEqualTo("2026-11-24T09:58:30Z");
    assertThat(status.getDestinations().get(0).getOldestUnacknowledgedTime()).isNull();
    assertThat(status.getDestinations().get(1).getBacklogBytes()).isEqualTo(512);
    assertThat(status.getBacklogBytes()).isEqualTo(4096);
  }

  @Test
  @DisplayName("the same observation later gives an equal status (nothing to write)")
  void stableWhileUnchanged() {
    BufferStatuses.Observed observed =
        observed(new DestinationStatus("a", 1, false, "", 5_000, OLDEST, 100));
    TelemetryBufferStatus first = BufferStatuses.of(observed, 1L, null, null, 1, T0);
    TelemetryBufferStatus later =
        BufferStatuses.of(observed, 1L, null, first.getConditions(), 1, T0.plusSeconds(30));
    assertThat(later.getConditions().get(0).getLastTransitionTime())
        .isEqualTo(first.getConditions().get(0).getLastTransitionTime());
    JsonNode laterJson = Serialization.jsonMapper().valueToTree(later);
    JsonNode firstJson = Serialization.jsonMapper().valueToTree(first);
    assertThat(laterJson).isEqualTo(firstJson);
  }

  @Test
  @DisplayName("a spec that cannot be applied is Ready False with its reason")
  void failure() {
    TelemetryBufferStatus status =
        BufferStatuses.of(
            null, null, new SpecException("SecretNotFound", "Secret x not found"), null, 2, T0);
    Condition ready = status.getConditions().get(0);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("SecretNotFound");
    assertThat(ready.getObservedGeneration()).isEqualTo(2);
    assertThat(status.getListen()).isNull();
  }
}

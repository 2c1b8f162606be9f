package io.k3j.telemetry.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.k3j.crds.telemetry.v1.DestinationStatus;
import io.k3j.crds.telemetry.v1.ListenSpec;
import io.k3j.crds.telemetry.v1.TelemetryBufferStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * TelemetryBuffer status from what the running buffer reports: a pure function. Ages are written as
 * the time of the oldest unacknowledged record, so an idle or stuck buffer produces the same status
 * on every pass and nothing is written.
 */
final class BufferStatuses {
  static final String READY = "Ready";
  static final String RUNNING = "Running";
  static final String DESTINATION_PAUSED = "DestinationPaused";

  private BufferStatuses() {}

  /** What the running buffer reported, taken on one pass. */
  record Observed(
      String httpListen,
      String grpcListen,
      long diskBytes,
      List<io.k3j.telemetry.DestinationStatus> destinations) {}

  /**
   * @param observed the running buffer, or null when none runs
   * @param observedGeneration generation of the spec the running buffer uses
   * @param failure reason and message when the current spec cannot be applied, else null
   */
  static TelemetryBufferStatus of(
      Observed observed,
      Long observedGeneration,
      SpecException failure,
      List<Condition> previous,
      long generation,
      Instant now) {
    TelemetryBufferStatus status = new TelemetryBufferStatus();
    status.setObservedGeneration(observedGeneration);
    if (observed != null) {
      ListenSpec listen = new ListenSpec();
      listen.setHttp(observed.httpListen());
      listen.setGrpc(observed.grpcListen());
      status.setListen(listen);
      status.setBacklogBytes(observed.diskBytes());
      status.setDestinations(observed.destinations().stream().map(BufferStatuses::of).toList());
      status.setOldestUnacknowledgedTime(
          observed.destinations().stream()
              .mapToLong(io.k3j.telemetry.DestinationStatus::oldestUnackedAtMillis)
              .filter(t -> t >= 0)
              .min()
              .stream()
              .mapToObj(BufferStatuses::time)
              .findFirst()
              .orElse(null));
    }
    status.setConditions(List.of(ready(observed, failure, previous, generation, now)));
    return status;
  }

  private static DestinationStatus of(io.k3j.telemetry.DestinationStatus running) {
    DestinationStatus status = new DestinationStatus();
    status.setName(running.name());
    status.setBacklogBytes(running.backlogBytes());
    status.setOldestUnacknowledgedTime(
        running.oldestUnackedAtMillis() < 0 ? null : time(running.oldestUnackedAtMillis()));
    status.setPaused(running.paused());
    status.setLastError(running.lastError());
    return status;
  }

  private static Condition ready(
      Observed observed,
      SpecException failure,
      List<Condition> previous,
      long generation,
      Instant now) {
    String status;
    String reason;
    String message;
    if (failure != null) {
      status = "False";
      reason = failure.reason();
      message = failure.getMessage();
    } else if (observed == null) {
      status = "False";
      reason = "NotRunning";
      message = "the buffer is not running";
    } else {
      List<io.k3j.telemetry.DestinationStatus> paused =
          observed.destinations().stream().filter(d -> d.paused()).toList();
      if (paused.isEmpty()) {
        status = "True";
        reason = RUNNING;
        message = "receiving on " + observed.httpListen() + " and " + observed.grpcListen();
      } else {
        status = "False";
        reason = DESTINATION_PAUSED;
        message =
            paused.stream()
                .map(d -> d.name() + ": " + d.lastError())
                .collect(Collectors.joining("; ", "paused, data kept: ", ""));
      }
    }
    Condition before =
        previous == null
            ? null
            : previous.stream().filter(c -> READY.equals(c.getType())).findFirst().orElse(null);
    String since =
        before != null && Objects.equals(before.getStatus(), status)
            ? before.getLastTransitionTime()
            : time(now.toEpochMilli());
    return new ConditionBuilder()
        .withType(READY)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(since)
        .build();
  }

  static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}

package io.k3j.crds.telemetry.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * The observed state of a {@link TelemetryBuffer}. Times are stored rather than ages so that an
 * unchanged backlog does not rewrite the status; kubectl prints the times as ages.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TelemetryBufferStatus {
  /** The generation of the spec the running buffer was configured from. */
  private Long observedGeneration;

  /** Addresses the receivers are bound to. */
  private ListenSpec listen;

  /** Bytes of queue files on disk. */
  private Long backlogBytes;

  /** RFC 3339 time of the oldest record some destination has not acknowledged. */
  private String oldestUnacknowledgedTime;

  /** Per-destination progress. */
  private List<DestinationStatus> destinations;

  /** {@code Ready}: the buffer runs with the current spec and no destination is paused. */
  private List<Condition> conditions;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public ListenSpec getListen() {
    return listen;
  }

  public void setListen(ListenSpec listen) {
    this.listen = listen;
  }

  public Long getBacklogBytes() {
    return backlogBytes;
  }

  public void setBacklogBytes(Long backlogBytes) {
    this.backlogBytes = backlogBytes;
  }

  public String getOldestUnacknowledgedTime() {
    return oldestUnacknowledgedTime;
  }

  public void setOldestUnacknowledgedTime(String oldestUnacknowledgedTime) {
    this.oldestUnacknowledgedTime = oldestUnacknowledgedTime;
  }

  public List<DestinationStatus> getDestinations() {
    return destinations;
  }

  public void setDestinations(List<DestinationStatus> destinations) {
    this.destinations = destinations;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}

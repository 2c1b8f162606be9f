package io.k3j.crds.telemetry.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Progress of one destination. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DestinationStatus {
  /** The destination's name from the spec. */
  private String name;

  /** Payload bytes queued after the destination's acknowledged position. */
  private Long backlogBytes;

  /** RFC 3339 time of the oldest record the destination has not acknowledged; unset if none. */
  private String oldestUnacknowledgedTime;

  /** True while the destination refuses the credentials (401/403); data is kept. */
  private Boolean paused;

  /** The last error the destination answered, empty after none. */
  private String lastError;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
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

  public Boolean getPaused() {
    return paused;
  }

  public void setPaused(Boolean paused) {
    this.paused = paused;
  }

  public String getLastError() {
    return lastError;
  }

  public void setLastError(String lastError) {
    this.lastError = lastError;
  }
}

package io.k3j.crds.upgrade.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A condition of a {@link Plan} in wrangler's generic condition shape. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlanCondition {
  /** Condition type. */
  @Required private String type;

  /** {@code True}, {@code False} or {@code Unknown}. */
  @Required private String status;

  /** RFC 3339 time of the last change of status, reason or message. */
  private String lastUpdateTime;

  /** Unused by upstream; kept for compatibility. */
  private String lastTransitionTime;

  /** Machine-readable reason. */
  private String reason;

  /** Human-readable message. */
  private String message;

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getLastUpdateTime() {
    return lastUpdateTime;
  }

  public void setLastUpdateTime(String lastUpdateTime) {
    this.lastUpdateTime = lastUpdateTime;
  }

  public String getLastTransitionTime() {
    return lastTransitionTime;
  }

  public void setLastTransitionTime(String lastTransitionTime) {
    this.lastTransitionTime = lastTransitionTime;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}

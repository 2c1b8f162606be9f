package io.k3j.crds.helm.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A condition of a {@link HelmChart}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HelmChartCondition {
  /** Condition type. */
  @Required private String type;

  /** {@code True}, {@code False} or {@code Unknown}. */
  @Required private String status;

  /** Brief reason for the last transition. */
  private String reason;

  /** Human-readable details of the last transition. */
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

package io.k3j.crds.upgrade.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A k3j extension: a node whose Job completed counts as done (labelled, uncordoned, its slot freed
 * for the next node) only once it has been Ready for a while after the Job completed
 * (rancher/system-upgrade-controller#163, #169, #282). Absent means upstream's behaviour: done as
 * soon as the Job completes and {@code postCompleteDelay} has passed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HealthGateSpec {
  /**
   * Go duration the node's {@code Ready} condition must have been {@code True} for, counted from
   * the later of the Job's completion and the condition's last transition. Absent means {@code 0s}:
   * Ready at all.
   */
  private String readyFor;

  public String getReadyFor() {
    return readyFor;
  }

  public void setReadyFor(String readyFor) {
    this.readyFor = readyFor;
  }
}

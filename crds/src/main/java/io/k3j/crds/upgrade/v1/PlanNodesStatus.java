package io.k3j.crds.upgrade.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A k3j extension: how far the rollout of {@code status.latestHash} has come, in nodes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlanNodesStatus {
  /** Nodes the plan selects (selector and hostname label), except those labelled disabled. */
  private Integer total;

  /** Of those, nodes labelled with {@code status.latestHash}. */
  private Integer done;

  /** Nodes being worked on whose Job has not failed. */
  private Integer inProgress;

  /** Nodes whose Job for {@code status.latestHash} failed. */
  private Integer failed;

  public Integer getTotal() {
    return total;
  }

  public void setTotal(Integer total) {
    this.total = total;
  }

  public Integer getDone() {
    return done;
  }

  public void setDone(Integer done) {
    this.done = done;
  }

  public Integer getInProgress() {
    return inProgress;
  }

  public void setInProgress(Integer inProgress) {
    this.inProgress = inProgress;
  }

  public Integer getFailed() {
    return failed;
  }

  public void setFailed(Integer failed) {
    this.failed = failed;
  }
}

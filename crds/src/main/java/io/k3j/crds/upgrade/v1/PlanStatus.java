package io.k3j.crds.upgrade.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The observed state of a {@link Plan}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlanStatus {
  /** Conditions {@code Validated}, {@code LatestResolved} and {@code Complete}. */
  private List<PlanCondition> conditions;

  /** The resolved version. */
  private String latestVersion;

  /** SHA-224 over version, service account, digest annotation values and secret hashes. */
  private String latestHash;

  /** Hostname labels of the nodes being worked on, sorted by node name. */
  private List<String> applying;

  /** k3j extension: node counts of the rollout of {@code latestHash}. */
  private PlanNodesStatus nodes;

  /** k3j extension: {@code <done>/<total>} nodes, for {@code kubectl get plans}. */
  private String progress;

  public List<PlanCondition> getConditions() {
    return conditions;
  }

  public void setConditions(List<PlanCondition> conditions) {
    this.conditions = conditions;
  }

  public String getLatestVersion() {
    return latestVersion;
  }

  public void setLatestVersion(String latestVersion) {
    this.latestVersion = latestVersion;
  }

  public String getLatestHash() {
    return latestHash;
  }

  public void setLatestHash(String latestHash) {
    this.latestHash = latestHash;
  }

  public List<String> getApplying() {
    return applying;
  }

  public void setApplying(List<String> applying) {
    this.applying = applying;
  }

  public PlanNodesStatus getNodes() {
    return nodes;
  }

  public void setNodes(PlanNodesStatus nodes) {
    this.nodes = nodes;
  }

  public String getProgress() {
    return progress;
  }

  public void setProgress(String progress) {
    this.progress = progress;
  }
}

package io.k3j.crds.upgrade.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** Options of the {@code kubectl drain} init container. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DrainSpec {
  /** Drain timeout: an integer is nanoseconds, a string a Go duration. */
  private IntOrString timeout;

  /** Pod termination grace period in seconds. */
  private Integer gracePeriod;

  /** Deprecated alias of {@code deleteEmptydirData}. */
  private Boolean deleteLocalData;

  /** Delete pods with emptyDir volumes (default true). */
  private Boolean deleteEmptydirData;

  /** Ignore DaemonSet pods (default true). */
  private Boolean ignoreDaemonSets;

  /** Delete pods without a controller. */
  private Boolean force;

  /** Delete pods instead of evicting them. */
  private Boolean disableEviction;

  /** Skip pods deleted longer ago than this many seconds. */
  private Integer skipWaitForDeleteTimeout;

  /** Only drain pods matching this selector. */
  private LabelSelector podSelector;

  public IntOrString getTimeout() {
    return timeout;
  }

  public void setTimeout(IntOrString timeout) {
    this.timeout = timeout;
  }

  public Integer getGracePeriod() {
    return gracePeriod;
  }

  public void setGracePeriod(Integer gracePeriod) {
    this.gracePeriod = gracePeriod;
  }

  public Boolean getDeleteLocalData() {
    return deleteLocalData;
  }

  public void setDeleteLocalData(Boolean deleteLocalData) {
    this.deleteLocalData = deleteLocalData;
  }

  public Boolean getDeleteEmptydirData() {
    return deleteEmptydirData;
  }

  public void setDeleteEmptydirData(Boolean deleteEmptydirData) {
    this.deleteEmptydirData = deleteEmptydirData;
  }

  public Boolean getIgnoreDaemonSets() {
    return ignoreDaemonSets;
  }

  public void setIgnoreDaemonSets(Boolean ignoreDaemonSets) {
    this.ignoreDaemonSets = ignoreDaemonSets;
  }

  public Boolean getForce() {
    return force;
  }

  public void setForce(Boolean force) {
    this.force = force;
  }

  public Boolean getDisableEviction() {
    return disableEviction;
  }

  public void setDisableEviction(Boolean disableEviction) {
    this.disableEviction = disableEviction;
  }

  public Integer getSkipWaitForDeleteTimeout() {
    return skipWaitForDeleteTimeout;
  }

  public void setSkipWaitForDeleteTimeout(Integer skipWaitForDeleteTimeout) {
    this.skipWaitForDeleteTimeout = skipWaitForDeleteTimeout;
  }

  public LabelSelector getPodSelector() {
    return podSelector;
  }

  public void setPodSelector(LabelSelector podSelector) {
    this.podSelector = podSelector;
  }
}

package io.k3j.crds.upgrade.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * The desired state of a {@link Plan}: which nodes, which version, and how each node is upgraded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlanSpec {
  /** How many nodes are worked on at once. Absent or 0 selects no node (upstream). */
  private Long concurrency;

  /**
   * Job active deadline in seconds; absent or negative takes the controller default, 0 means none.
   */
  private Long jobActiveDeadlineSecs;

  /** Eligible nodes; absent matches none, empty matches all. */
  private LabelSelector nodeSelector;

  /** Service account of the Job pods; part of {@code status.latestHash}. */
  private String serviceAccountName;

  /**
   * URL answering 302 to a URL whose last path element is the latest version; used when {@code
   * version} is empty.
   */
  private String channel;

  /** Static target version; wins over {@code channel}. Every {@code +} becomes {@code -}. */
  private String version;

  /** Secrets mounted read-only into every container. */
  private List<SecretSpec> secrets;

  /** Tolerations appended to the built-in unschedulable toleration. */
  private List<Toleration> tolerations;

  /** Jobs of exclusive plans never run on the same node at the same time. */
  private Boolean exclusive;

  /** New Jobs start only inside this window. */
  private TimeWindowSpec window;

  /** Optional first init container, run before cordon or drain. */
  private ContainerSpec prepare;

  /** The main container. */
  @Required private ContainerSpec upgrade;

  /** Cordon the node before upgrading; ignored when {@code drain} is set. */
  private Boolean cordon;

  /** Drain the node before upgrading. */
  private DrainSpec drain;

  /** Image pull secrets of the Job pods. */
  private List<LocalObjectReference> imagePullSecrets;

  /** Go duration to wait after a node's Job completes before moving on. */
  private String postCompleteDelay;

  /** Priority class of the Job pods. */
  private String priorityClassName;

  /**
   * Labels set on a node on success; values may use {@code $(LATEST_VERSION)} and {@code
   * $(LATEST_HASH)}.
   */
  private Map<String, String> postCompleteLabels;

  /** k3j extension: retry failed nodes with back-off; absent, a failure halts the rollout. */
  private RetrySpec retry;

  /** k3j extension: a node is done only once Ready again for a while; absent, no gate. */
  private HealthGateSpec healthGate;

  public Long getConcurrency() {
    return concurrency;
  }

  public void setConcurrency(Long concurrency) {
    this.concurrency = concurrency;
  }

  public Long getJobActiveDeadlineSecs() {
    return jobActiveDeadlineSecs;
  }

  public void setJobActiveDeadlineSecs(Long jobActiveDeadlineSecs) {
    this.jobActiveDeadlineSecs = jobActiveDeadlineSecs;
  }

  public LabelSelector getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(LabelSelector nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public String getServiceAccountName() {
    return serviceAccountName;
  }

  public void setServiceAccountName(String serviceAccountName) {
    this.serviceAccountName = serviceAccountName;
  }

  public String getChannel() {
    return channel;
  }

  public void setChannel(String channel) {
    this.channel = channel;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public List<SecretSpec> getSecrets() {
    return secrets;
  }

  public void setSecrets(List<SecretSpec> secrets) {
    this.secrets = secrets;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public Boolean getExclusive() {
    return exclusive;
  }

  public void setExclusive(Boolean exclusive) {
    this.exclusive = exclusive;
  }

  public TimeWindowSpec getWindow() {
    return window;
  }

  public void setWindow(TimeWindowSpec window) {
    this.window = window;
  }

  public ContainerSpec getPrepare() {
    return prepare;
  }

  public void setPrepare(ContainerSpec prepare) {
    this.prepare = prepare;
  }

  public ContainerSpec getUpgrade() {
    return upgrade;
  }

  public void setUpgrade(ContainerSpec upgrade) {
    this.upgrade = upgrade;
  }

  public Boolean getCordon() {
    return cordon;
  }

  public void setCordon(Boolean cordon) {
    this.cordon = cordon;
  }

  public DrainSpec getDrain() {
    return drain;
  }

  public void setDrain(DrainSpec drain) {
    this.drain = drain;
  }

  public List<LocalObjectReference> getImagePullSecrets() {
    return imagePullSecrets;
  }

  public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
    this.imagePullSecrets = imagePullSecrets;
  }

  public String getPostCompleteDelay() {
    return postCompleteDelay;
  }

  public void setPostCompleteDelay(String postCompleteDelay) {
    this.postCompleteDelay = postCompleteDelay;
  }

  public String getPriorityClassName() {
    return priorityClassName;
  }

  public void setPriorityClassName(String priorityClassName) {
    this.priorityClassName = priorityClassName;
  }

  public Map<String, String> getPostCompleteLabels() {
    return postCompleteLabels;
  }

  public void setPostCompleteLabels(Map<String, String> postCompleteLabels) {
    this.postCompleteLabels = postCompleteLabels;
  }

  public RetrySpec getRetry() {
    return retry;
  }

  public void setRetry(RetrySpec retry) {
    this.retry = retry;
  }

  public HealthGateSpec getHealthGate() {
    return healthGate;
  }

  public void setHealthGate(HealthGateSpec healthGate) {
    this.healthGate = healthGate;
  }
}

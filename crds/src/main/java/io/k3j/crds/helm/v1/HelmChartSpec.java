package io.k3j.crds.helm.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;
import java.util.Map;

/**
 * The desired release of a {@link HelmChart}: every field of k3s helm-controller's {@code
 * HelmChartSpec}, with the Helm CLI flag each one stands for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HelmChartSpec {
  /** Release namespace ({@code --namespace}); defaults to the HelmChart's namespace. */
  private String targetNamespace;

  /** Create the target namespace when missing ({@code --create-namespace}). */
  private Boolean createNamespace;

  /**
   * Chart name in {@link #repo}, an OCI reference ({@code oci://}) or an HTTPS URL to a chart
   * archive; {@code %{KUBERNETES_API}%} stands for the API server's address.
   */
  private String chart;

  /** Chart version ({@code --version}); ignored for a chart URL or {@link #chartContent}. */
  private String version;

  /** Chart repository URL ({@code --repo}). */
  private String repo;

  /** PEM CA bundle trusted for the repository ({@code --ca-file}). */
  private String repoCA;

  /** ConfigMap with CA certificates trusted for the repository, with or instead of repoCA. */
  private LocalObjectReference repoCAConfigMap;

  /**
   * Simple value overrides, applied last; integers, booleans and {@code null} are typed ({@code
   * --set}), every other value is a string ({@code --set-string}).
   */
  private Map<String, IntOrString> set;

  /** Structured values ({@code --values}); wins over valuesContent. */
  @PreserveUnknownFields private JsonNode values;

  /** Values as inline YAML ({@code --values}). */
  private String valuesContent;

  /** Values read from Secrets in the HelmChart's namespace ({@code --values}). */
  private List<SecretSpec> valuesSecrets;

  /** Deprecated: only {@code v3} (or empty) is supported. */
  private String helmVersion;

  /**
   * The chart bootstraps the cluster (CNI, cloud controller); upstream runs its Job on the host
   * network. Installs here run in-process, so it only shows in the printer column.
   */
  private Boolean bootstrap;

  /** Adopt existing objects into the release ({@code --take-ownership}). */
  private Boolean takeOwnership;

  /** Server-side apply ({@code --server-side}): true on install and auto on upgrade by default. */
  private ServerSide serverSide;

  /** Force server-side apply conflicts ({@code --force-conflicts}). */
  private Boolean forceConflicts;

  /** Base64 chart archive (.tgz); overrides {@link #chart} and {@link #version}. */
  private String chartContent;

  /**
   * Image of upstream's helm Job; unused here (installs run in-process), kept for compatibility.
   */
  private String jobImage;

  /** Retries before the install is considered failed (upstream default 1000). */
  private Integer backOffLimit;

  /** Timeout of Helm operations as a Go duration ({@code --timeout}, default 300s). */
  private String timeout;

  /** What to do when an install or upgrade fails. */
  @Default("reinstall")
  private FailurePolicy failurePolicy;

  /** Secret of type {@code kubernetes.io/basic-auth} with the repository's credentials. */
  private LocalObjectReference authSecret;

  /** Send the basic-auth credentials to every domain ({@code --pass-credentials}). */
  private Boolean authPassCredentials;

  /** Skip TLS verification of the chart download ({@code --insecure-skip-tls-verify}). */
  private Boolean insecureSkipTLSVerify;

  /** Download the chart over plain HTTP ({@code --plain-http}). */
  private Boolean plainHTTP;

  /** Secret of type {@code kubernetes.io/dockerconfigjson} for an OCI chart registry. */
  private LocalObjectReference dockerRegistrySecret;

  /** Pod security context of upstream's helm Job; unused here, kept for compatibility. */
  private PodSecurityContext podSecurityContext;

  /** Container security context of upstream's helm Job; unused here, kept for compatibility. */
  private SecurityContext securityContext;

  /** Helm storage driver ({@code HELM_DRIVER}); immutable after creation. */
  @Default("secret")
  @ValidationRule(
      value = "!oldSelf.hasValue() || self == oldSelf.value()",
      message = "driver is immutable after creation",
      optionalOldSelf = true)
  private HelmDriver driver;

  public String getTargetNamespace() {
    return targetNamespace;
  }

  public void setTargetNamespace(String targetNamespace) {
    this.targetNamespace = targetNamespace;
  }

  public Boolean getCreateNamespace() {
    return createNamespace;
  }

  public void setCreateNamespace(Boolean createNamespace) {
    this.createNamespace = createNamespace;
  }

  public String getChart() {
    return chart;
  }

  public void setChart(String chart) {
    this.chart = chart;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getRepo() {
    return repo;
  }

  public void setRepo(String repo) {
    this.repo = repo;
  }

  public String getRepoCA() {
    return repoCA;
  }

  public void setRepoCA(String repoCA) {
    this.repoCA = repoCA;
  }

  public LocalObjectReference getRepoCAConfigMap() {
    return repoCAConfigMap;
  }

  public void setRepoCAConfigMap(LocalObjectReference repoCAConfigMap) {
    this.repoCAConfigMap = repoCAConfigMap;
  }

  public Map<String, IntOrString> getSet() {
    return set;
  }

  public void setSet(Map<String, IntOrString> set) {
    this.set = set;
  }

  public JsonNode getValues() {
    return values;
  }

  public void setValues(JsonNode values) {
    this.values = values;
  }

  public String getValuesContent() {
    return valuesContent;
  }

  public void setValuesContent(String valuesContent) {
    this.valuesContent = valuesContent;
  }

  public List<SecretSpec> getValuesSecrets() {
    return valuesSecrets;
  }

  public void setValuesSecrets(List<SecretSpec> valuesSecrets) {
    this.valuesSecrets = valuesSecrets;
  }

  public String getHelmVersion() {
    return helmVersion;
  }

  public void setHelmVersion(String helmVersion) {
    this.helmVersion = helmVersion;
  }

  public Boolean getBootstrap() {
    return bootstrap;
  }

  public void setBootstrap(Boolean bootstrap) {
    this.bootstrap = bootstrap;
  }

  public Boolean getTakeOwnership() {
    return takeOwnership;
  }

  public void setTakeOwnership(Boolean takeOwnership) {
    this.takeOwnership = takeOwnership;
  }

  public ServerSide getServerSide() {
    return serverSide;
  }

  public void setServerSide(ServerSide serverSide) {
    this.serverSide = serverSide;
  }

  public Boolean getForceConflicts() {
    return forceConflicts;
  }

  public void setForceConflicts(Boolean forceConflicts) {
    this.forceConflicts = forceConflicts;
  }

  public String getChartContent() {
    return chartContent;
  }

  public void setChartContent(String chartContent) {
    this.chartContent = chartContent;
  }

  public String getJobImage() {
    return jobImage;
  }

  public void setJobImage(String jobImage) {
    this.jobImage = jobImage;
  }

  public Integer getBackOffLimit() {
    return backOffLimit;
  }

  public void setBackOffLimit(Integer backOffLimit) {
    this.backOffLimit = backOffLimit;
  }

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }

  public FailurePolicy getFailurePolicy() {
    return failurePolicy;
  }

  public void setFailurePolicy(FailurePolicy failurePolicy) {
    this.failurePolicy = failurePolicy;
  }

  public LocalObjectReference getAuthSecret() {
    return authSecret;
  }

  public void setAuthSecret(LocalObjectReference authSecret) {
    this.authSecret = authSecret;
  }

  public Boolean getAuthPassCredentials() {
    return authPassCredentials;
  }

  public void setAuthPassCredentials(Boolean authPassCredentials) {
    this.authPassCredentials = authPassCredentials;
  }

  public Boolean getInsecureSkipTLSVerify() {
    return insecureSkipTLSVerify;
  }

  public void setInsecureSkipTLSVerify(Boolean insecureSkipTLSVerify) {
    this.insecureSkipTLSVerify = insecureSkipTLSVerify;
  }

  public Boolean getPlainHTTP() {
    return plainHTTP;
  }

  public void setPlainHTTP(Boolean plainHTTP) {
    this.plainHTTP = plainHTTP;
  }

  public LocalObjectReference getDockerRegistrySecret() {
    return dockerRegistrySecret;
  }

  public void setDockerRegistrySecret(LocalObjectReference dockerRegistrySecret) {
    this.dockerRegistrySecret = dockerRegistrySecret;
  }

  public PodSecurityContext getPodSecurityContext() {
    return podSecurityContext;
  }

  public void setPodSecurityContext(PodSecurityContext podSecurityContext) {
    this.podSecurityContext = podSecurityContext;
  }

  public SecurityContext getSecurityContext() {
    return securityContext;
  }

  public void setSecurityContext(SecurityContext securityContext) {
    this.securityContext = securityContext;
  }

  public HelmDriver getDriver() {
    return driver;
  }

  public void setDriver(HelmDriver driver) {
    this.driver = driver;
  }
}

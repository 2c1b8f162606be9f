package io.k3j.crds.helm.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import java.util.List;

/**
 * Settings of a {@link HelmChartConfig}, merged with or overriding those of the HelmChart of the
 * same name (k3s helm-controller's {@code HelmChartConfigSpec}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HelmChartConfigSpec {
  /** Structured values; win over valuesContent and over every HelmChart values source. */
  @PreserveUnknownFields private JsonNode values;

  /** Values as inline YAML; win over the HelmChart's values. */
  private String valuesContent;

  /** Values read from Secrets in the same namespace. */
  private List<SecretSpec> valuesSecrets;

  /** Overrides the HelmChart's failurePolicy. */
  @Default("reinstall")
  private FailurePolicy failurePolicy;

  /** Overrides the HelmChart's serverSide. */
  private ServerSide serverSide;

  /** Overrides the HelmChart's forceConflicts when set. */
  private Boolean forceConflicts;

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

  public FailurePolicy getFailurePolicy() {
    return failurePolicy;
  }

  public void setFailurePolicy(FailurePolicy failurePolicy) {
    this.failurePolicy = failurePolicy;
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
}

package io.k3j.crds.registry.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** The observed state of a {@link RegistryMirror}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RegistryMirrorStatus {
  /** Condition {@code Ready}: the configuration is published and every upstream is in use. */
  private List<Condition> conditions;

  /** The ConfigMap holding the generated files. */
  private String configMapName;

  /** Upstream names the local registry serves for this mirror. */
  private List<String> upstreams;

  /** Files written on the node, relative to its configuration directory. */
  private List<String> files;

  /** The {@code metadata.generation} the status describes. */
  private Long observedGeneration;

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public String getConfigMapName() {
    return configMapName;
  }

  public void setConfigMapName(String configMapName) {
    this.configMapName = configMapName;
  }

  public List<String> getUpstreams() {
    return upstreams;
  }

  public void setUpstreams(List<String> upstreams) {
    this.upstreams = upstreams;
  }

  public List<String> getFiles() {
    return files;
  }

  public void setFiles(List<String> files) {
    this.files = files;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }
}

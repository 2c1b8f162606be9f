package io.k3j.crds.helm.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Keys of a Secret that hold chart values (YAML), read in the listed order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretSpec {
  /** Secret name, in the namespace of the HelmChart or HelmChartConfig. */
  private String name;

  /** Keys to read; none means the secret is not used. */
  private List<String> keys;

  /** The secret is optional and its changes do not trigger an upgrade. */
  private Boolean ignoreUpdates;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<String> getKeys() {
    return keys;
  }

  public void setKeys(List<String> keys) {
    this.keys = keys;
  }

  public Boolean getIgnoreUpdates() {
    return ignoreUpdates;
  }

  public void setIgnoreUpdates(Boolean ignoreUpdates) {
    this.ignoreUpdates = ignoreUpdates;
  }
}

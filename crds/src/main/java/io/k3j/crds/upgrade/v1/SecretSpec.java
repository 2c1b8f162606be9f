package io.k3j.crds.upgrade.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A secret mounted into every container of the Job. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretSpec {
  /** Secret name, in the plan's namespace. */
  @Required private String name;

  /** Mount path; relative or empty paths go under {@code /run/system-upgrade/secrets/}. */
  @Required private String path;

  /** When true the secret is not hashed into {@code status.latestHash} and is mounted optional. */
  private Boolean ignoreUpdates;

  /** File mode of the mounted files. */
  private Integer defaultMode;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public Boolean getIgnoreUpdates() {
    return ignoreUpdates;
  }

  public void setIgnoreUpdates(Boolean ignoreUpdates) {
    this.ignoreUpdates = ignoreUpdates;
  }

  public Integer getDefaultMode() {
    return defaultMode;
  }

  public void setDefaultMode(Integer defaultMode) {
    this.defaultMode = defaultMode;
  }
}

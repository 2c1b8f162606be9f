package io.k3j.crds.upgrade.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;

/** A container of the upgrade Job: {@code prepare} or {@code upgrade}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerSpec {
  /** Image; without tag or digest the plan's latest version is used as the tag. */
  @Required private String image;

  /** Entrypoint. */
  private List<String> command;

  /** Arguments. */
  private List<String> args;

  /** Environment variables (named {@code envs}, as upstream). */
  private List<EnvVar> envs;

  /** Environment sources. */
  private List<EnvFromSource> envFrom;

  /** Host paths mounted into the container. */
  private List<VolumeSpec> volumes;

  /** Security context; for {@code upgrade} absent means privileged. */
  private SecurityContext securityContext;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public List<String> getCommand() {
    return command;
  }

  public void setCommand(List<String> command) {
    this.command = command;
  }

  public List<String> getArgs() {
    return args;
  }

  public void setArgs(List<String> args) {
    this.args = args;
  }

  public List<EnvVar> getEnvs() {
    return envs;
  }

  public void setEnvs(List<EnvVar> envs) {
    this.envs = envs;
  }

  public List<EnvFromSource> getEnvFrom() {
    return envFrom;
  }

  public void setEnvFrom(List<EnvFromSource> envFrom) {
    this.envFrom = envFrom;
  }

  public List<VolumeSpec> getVolumes() {
    return volumes;
  }

  public void setVolumes(List<VolumeSpec> volumes) {
    this.volumes = volumes;
  }

  public SecurityContext getSecurityContext() {
    return securityContext;
  }

  public void setSecurityContext(SecurityContext securityContext) {
    this.securityContext = securityContext;
  }
}

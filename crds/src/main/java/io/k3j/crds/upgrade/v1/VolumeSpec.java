package io.k3j.crds.upgrade.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A host path mounted into a container. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeSpec {
  /** Volume name. */
  @Required private String name;

  /** Path on the host. */
  @Required private String source;

  /** Mount path in the container. */
  @Required private String destination;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public String getDestination() {
    return destination;
  }

  public void setDestination(String destination) {
    this.destination = destination;
  }
}

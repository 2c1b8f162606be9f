package io.k3j.crds.telemetry.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A request header: an inline {@code value} or {@code valueFrom.secretKeyRef}, not both. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HeaderSpec {
  /** Header name (lower-case for gRPC metadata). */
  @Required private String name;

  /** Inline value. */
  private String value;

  /** Where the value comes from when it is not inline. */
  private HeaderSource valueFrom;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public HeaderSource getValueFrom() {
    return valueFrom;
  }

  public void setValueFrom(HeaderSource valueFrom) {
    this.valueFrom = valueFrom;
  }
}

package io.k3j.crds.registry.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How the local registry verifies an upstream's certificate. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UpstreamTls {
  /**
   * Secret in the same namespace whose key {@code ca.crt} holds the PEM CAs to trust instead of the
   * system ones.
   */
  private String caSecret;

  /** Accept any certificate (lab setups only). */
  private Boolean insecureSkipVerify;

  public String getCaSecret() {
    return caSecret;
  }

  public void setCaSecret(String caSecret) {
    this.caSecret = caSecret;
  }

  public Boolean getInsecureSkipVerify() {
    return insecureSkipVerify;
  }

  public void setInsecureSkipVerify(Boolean insecureSkipVerify) {
    this.insecureSkipVerify = insecureSkipVerify;
  }
}

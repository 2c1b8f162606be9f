package io.k3j.crds.telemetry.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/** A header value kept in a Secret of the buffer's namespace; re-read when the Secret changes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HeaderSource {
  /** The Secret and key holding the value. */
  private SecretKeySelector secretKeyRef;

  public SecretKeySelector getSecretKeyRef() {
    return secretKeyRef;
  }

  public void setSecretKeyRef(SecretKeySelector secretKeyRef) {
    this.secretKeyRef = secretKeyRef;
  }
}

package io.k3j.crds.helm.v1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Helm's {@code --server-side} setting. */
public enum ServerSide {
  @JsonProperty("true")
  TRUE,
  @JsonProperty("false")
  FALSE,
  /** Server-side apply when the release was installed with it. */
  @JsonProperty("auto")
  AUTO
}

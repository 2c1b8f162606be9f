package io.k3j.crds.helm.v1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where Helm keeps release records ({@code HELM_DRIVER}). */
public enum HelmDriver {
  /** Secrets of type {@code helm.sh/release.v1} (the default). */
  @JsonProperty("secret")
  SECRET,
  /** ConfigMaps. */
  @JsonProperty("configmap")
  CONFIGMAP
}

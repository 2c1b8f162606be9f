package io.k3j.crds.helm.v1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happens when an install or upgrade fails. */
public enum FailurePolicy {
  /** Leave the release failed until an administrator acts. */
  @JsonProperty("abort")
  ABORT,
  /** Uninstall the failed release and install it again (the default). */
  @JsonProperty("reinstall")
  REINSTALL,
  /** Try again when the chart's configuration changes. */
  @JsonProperty("retry")
  RETRY
}

package io.k3j.crds.upgrade.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Min;

/**
 * A k3j extension: retry a node whose Job failed, without editing the Plan. Upstream waits until
 * the Plan changes (rancher/system-upgrade-controller#71, #221). Absent means upstream's behaviour:
 * a failed Job halts the rollout.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetrySpec {
  /** How many times a failed node is retried; 0 (the default) never retries. */
  @Min(0)
  private Integer limit;

  /**
   * Go duration to wait after the first failure before the retry; doubles after each further
   * failure, up to ten minutes. Absent means {@code 10s}.
   */
  private String backoff;

  public Integer getLimit() {
    return limit;
  }

  public void setLimit(Integer limit) {
    this.limit = limit;
  }

  public String getBackoff() {
    return backoff;
  }

  public void setBackoff(String backoff) {
    this.backoff = backoff;
  }
}

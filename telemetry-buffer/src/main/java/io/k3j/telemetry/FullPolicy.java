package io.k3j.telemetry;

/** What the buffer does when its disk budget is used up. */
public enum FullPolicy {
  /** Refuse new data with a retryable error (HTTP 503 + Retry-After, gRPC UNAVAILABLE). */
  BLOCK("block"),
  /** Delete the oldest whole cycle file (counted as dropped) to make room for new data. */
  DROP_OLDEST("drop-oldest");

  private final String configName;

  FullPolicy(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static FullPolicy parse(String text) {
    for (FullPolicy policy : values()) {
      if (policy.configName.equals(text)) {
        return policy;
      }
    }
    throw new IllegalArgumentException("expected block or drop-oldest, got '" + text + "'");
  }
}

package io.k3j.addons;

import java.time.Duration;
import java.util.Map;

/**
 * How the {@link ManifestsDeployer} notices changes.
 *
 * @param interval how often the folder is scanned (k3s scans every 15 s); with file-system events
 *     this pass only retries failed applies and catches what events missed
 * @param polling true to scan on the interval only, without file-system events
 * @param retry how long an unchanged file whose apply failed waits before the next try
 */
public record DeployerConfig(Duration interval, boolean polling, RetryBackoff retry) {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);

  public DeployerConfig {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, got " + interval);
    }
    if (retry == null) {
      throw new IllegalArgumentException("retry must be set");
    }
  }

  public DeployerConfig(Duration interval, boolean polling) {
    this(interval, polling, RetryBackoff.DEFAULT);
  }

  public static DeployerConfig defaults() {
    return new DeployerConfig(DEFAULT_INTERVAL, false);
  }

  /**
   * From keys {@code interval} (an ISO-8601 duration such as {@code PT15S}) and {@code polling}
   * ({@code true}/{@code false}); a missing key takes its default, a bad value fails naming it.
   */
  public static DeployerConfig fromMap(Map<String, String> values) {
    Duration interval = DEFAULT_INTERVAL;
    String text = values.get("interval");
    if (text != null) {
      try {
        interval = Duration.parse(text);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("interval: not an ISO-8601 duration: " + text, e);
      }
    }
    boolean polling = false;
    String flag = values.get("polling");
    if (flag != null) {
      if (!flag.equals("true") && !flag.equals("false")) {
        throw new IllegalArgumentException("polling: expected true or false, got " + flag);
      }
      polling = Boolean.parseBoolean(flag);
    }
    return new DeployerConfig(interval, polling);
  }
}

package io.k3j.suc;

import io.k3j.suc.model.GoDuration;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The controller's settings, read once from upstream's {@code SYSTEM_UPGRADE_*} environment
 * variables with upstream's code defaults. Unlike upstream, a value that does not parse stops
 * start-up with a message naming the variable instead of falling back to the default.
 *
 * @param name {@code SYSTEM_UPGRADE_CONTROLLER_NAME}: the Jobs' controller label and event source
 * @param namespace {@code SYSTEM_UPGRADE_CONTROLLER_NAMESPACE}: where Plans, Jobs and Secrets live
 * @param activeDeadlineSeconds default Job deadline; 0 means none
 * @param activeDeadlineSecondsMax cap on every deadline; 0 means no cap
 * @param pollingInterval how often channels are polled; at most one minute is ignored (15 m)
 */
public record ControllerConfig(
    String name,
    String namespace,
    long activeDeadlineSeconds,
    long activeDeadlineSecondsMax,
    int backoffLimit,
    String imagePullPolicy,
    String kubectlImage,
    String kubectlImageWindows,
    boolean privileged,
    int ttlSecondsAfterFinished,
    String podReplacementPolicy,
    Duration pollingInterval) {

  static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");
  static final Set<String> REPLACEMENT_POLICIES = Set.of("TerminatingOrFailed", "Failed");
  static final Duration DEFAULT_POLLING_INTERVAL = Duration.ofMinutes(15);

  /** Reads the settings from an environment map; throws naming the first bad variable. */
  public static ControllerConfig fromEnv(Map<String, String> env) {
    Env e = new Env(env);
    Duration polling = e.get("SYSTEM_UPGRADE_PLAN_POLLING_INTERVAL", "15m", GoDuration::parse);
    return new ControllerConfig(
        e.required("SYSTEM_UPGRADE_CONTROLLER_NAME"),
        e.required("SYSTEM_UPGRADE_CONTROLLER_NAMESPACE"),
        e.get("SYSTEM_UPGRADE_JOB_ACTIVE_DEADLINE_SECONDS", "600", Env::nonNegativeLong),
        e.get("SYSTEM_UPGRADE_JOB_ACTIVE_DEADLINE_SECONDS_MAX", "0", Env::nonNegativeLong),
        e.get("SYSTEM_UPGRADE_JOB_BACKOFF_LIMIT", "2", v -> (int) Env.nonNegativeLong(v)),
        e.get(
            "SYSTEM_UPGRADE_JOB_IMAGE_PULL_POLICY",
            "IfNotPresent",
            v -> Env.oneOf(v, PULL_POLICIES)),
        e.get("SYSTEM_UPGRADE_JOB_KUBECTL_IMAGE", "rancher/kubectl:v1.30.3", Env::nonEmpty),
        e.get("SYSTEM_UPGRADE_JOB_KUBECTL_IMAGE_WINDOWS", "", v -> v),
        e.get("SYSTEM_UPGRADE_JOB_PRIVILEGED", "true", Env::bool),
        e.get(
            "SYSTEM_UPGRADE_JOB_TTL_SECONDS_AFTER_FINISH",
            "900",
            v -> (int) Env.nonNegativeLong(v)),
        e.get(
            "SYSTEM_UPGRADE_JOB_POD_REPLACEMENT_POLICY",
            "TerminatingOrFailed",
            v -> Env.oneOf(v, REPLACEMENT_POLICIES)),
        polling.compareTo(Duration.ofMinutes(1)) <= 0 ? DEFAULT_POLLING_INTERVAL : polling);
  }

  /** The deadline of a plan's Jobs per upstream's rules, or null for none. */
  public Long activeDeadline(Long planSeconds) {
    long seconds = planSeconds == null || planSeconds < 0 ? activeDeadlineSeconds : planSeconds;
    if (activeDeadlineSecondsMax > 0 && (seconds == 0 || seconds > activeDeadlineSecondsMax)) {
      return activeDeadlineSecondsMax;
    }
    return seconds == 0 ? null : seconds;
  }
}

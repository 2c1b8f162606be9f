package io.k3j.suc;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.PlanSpec;
import io.k3j.crds.upgrade.v1.PlanStatus;
import io.k3j.suc.model.ChannelResolver;
import io.k3j.suc.model.Versions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Step 2: the LatestResolved condition, from {@code spec.version} or by polling the channel. */
final class ResolveStep {
  private final ControllerConfig config;
  private final ChannelResolver channels;
  private final PlanEvents events;
  private String clusterId;

  ResolveStep(ControllerConfig config, ChannelResolver channels, PlanEvents events) {
    this.config = config;
    this.channels = channels;
    this.events = events;
  }

  /** Sets {@code status.latestVersion} (null when unresolvable); returns when to poll again. */
  Optional<Duration> run(Plan plan, KubernetesClient client, Instant now)
      throws IOException, InterruptedException {
    PlanSpec spec = plan.getSpec();
    PlanStatus status = plan.getStatus();
    boolean hasVersion = spec.getVersion() != null && !spec.getVersion().isEmpty();
    boolean hasChannel = spec.getChannel() != null && !spec.getChannel().isEmpty();
    if (!hasVersion && !hasChannel) {
      String message = "cannot resolve plan: missing channel and version";
      if (PlanConditions.set(
          status, PlanConditions.LATEST_RESOLVED, false, "Error", message, now)) {
        events.warning(plan, "ResolveFailed", message);
      }
      status.setLatestVersion(null);
      status.setLatestHash(null);
      return Optional.empty();
    }
    Optional<Duration> nextPoll = Optional.empty();
    String latest;
    if (hasVersion) {
      latest = Versions.munge(spec.getVersion());
    } else {
      Optional<Instant> polled =
          PlanConditions.get(status, PlanConditions.LATEST_RESOLVED)
              .filter(c -> "True".equals(c.getStatus()) && "Channel".equals(c.getReason()))
              .map(c -> Instant.parse(c.getLastUpdateTime()));
      if (polled.isPresent()
          && status.getLatestVersion() != null
          && polled.get().plus(config.pollingInterval()).isAfter(now)) {
        return Optional.of(Duration.between(now, polled.get().plus(config.pollingInterval())));
      }
      try {
        latest = channels.resolve(spec.getChannel(), clusterId(client), status.getLatestVersion());
      } catch (IOException e) {
        events.warning(plan, "ResolveFailed", e.getMessage());
        throw e;
      }
      nextPoll = Optional.of(config.pollingInterval());
    }
    if (!latest.equals(status.getLatestVersion())) {
      events.normal(
          plan,
          "Resolved",
          "Resolved latest version from Spec."
              + (hasVersion ? "Version" : "Channel")
              + ": "
              + latest);
      PlanConditions.set(status, PlanConditions.COMPLETE, false, "Resolved", null, now);
      status.setLatestVersion(latest);
    }
    PlanConditions.set(
        status,
        PlanConditions.LATEST_RESOLVED,
        true,
        hasVersion ? "Version" : "Channel",
        null,
        now);
    return nextPoll;
  }

  private String clusterId(KubernetesClient client) {
    if (clusterId == null) {
      var ns = client.namespaces().withName("kube-system").get();
      clusterId = ns == null ? "" : ns.getMetadata().getUid();
    }
    return clusterId;
  }
}

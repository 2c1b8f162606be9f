package io.k3j.suc;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.SecretSpec;
import io.k3j.suc.model.Selectors;
import io.k3j.suc.model.UpgradeJobs;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What wakes a Plan up, as upstream's handlers do: its own Jobs (by the plan label), the nodes its
 * selector matches, and the secrets it hashes.
 */
final class PlanEventSources {
  private PlanEventSources() {}

  static InformerEventSource<Job, Plan> jobs(
      EventSourceContext<Plan> context, ControllerConfig config) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Job.class, Plan.class)
            .withNamespaces(config.namespace())
            .withLabelSelector(UpgradeJobs.LABEL_CONTROLLER + "=" + config.name())
            .withSecondaryToPrimaryMapper(
                job ->
                    Optional.ofNullable(job.getMetadata().getLabels().get(UpgradeJobs.LABEL_PLAN))
                        .map(plan -> Set.of(new ResourceID(plan, job.getMetadata().getNamespace())))
                        .orElse(Set.of()))
            .build(),
        context);
  }

  static InformerEventSource<Node, Plan> nodes(EventSourceContext<Plan> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Node.class, Plan.class)
            .withSecondaryToPrimaryMapper(
                node ->
                    context
                        .getPrimaryCache()
                        .list()
                        .filter(
                            p ->
                                Selectors.matches(
                                    p.getSpec().getNodeSelector(), node.getMetadata().getLabels()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build(),
        context);
  }

  static InformerEventSource<Secret, Plan> secrets(
      EventSourceContext<Plan> context, ControllerConfig config) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Secret.class, Plan.class)
            .withNamespaces(config.namespace())
            .withSecondaryToPrimaryMapper(
                secret ->
                    context
                        .getPrimaryCache()
                        .list()
                        .filter(p -> hashes(p, secret.getMetadata().getName()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build(),
        context);
  }

  /** Whether a change to the named secret changes the plan's hash (upstream's Secret handler). */
  private static boolean hashes(Plan plan, String secretName) {
    List<SecretSpec> secrets = plan.getSpec().getSecrets();
    return secrets != null
        && secrets.stream()
            .anyMatch(
                s -> secretName.equals(s.getName()) && !Boolean.TRUE.equals(s.getIgnoreUpdates()));
  }
}

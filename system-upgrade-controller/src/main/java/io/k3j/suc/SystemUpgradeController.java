package io.k3j.suc;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.k3j.crds.CrdInstaller;
import io.k3j.suc.model.ChannelResolver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * Starts the Plan operator on a client: installs or updates the embedded Plan CRD (as upstream does
 * at start-up), then runs {@link PlanReconciler} over the controller's namespace. Patches of the
 * primary resource use JSON merge patch, not server-side apply.
 */
public final class SystemUpgradeController implements AutoCloseable {
  static final String CRD_RESOURCE = "/crds/plans.upgrade.cattle.io-v1.yml";
  private final Operator operator;
  private volatile boolean closed;

  private SystemUpgradeController(Operator operator) {
    this.operator = operator;
  }

  /** Plans' finalizer: deleting a plan first uncordons the nodes it cordoned. */
  public static final String FINALIZER = "upgrade.k3j.io/uncordon";

  /**
   * Installs or updates the Plan CRD, as {@link #start} does first: for a caller that starts the
   * controller later, when the first Plan exists.
   */
  public static void installCrds(KubernetesClient client) {
    CrdInstaller.install(client, CRD_RESOURCE);
  }

  /** Starts the controller without exported metrics. */
  public static SystemUpgradeController start(
      KubernetesClient client, ControllerConfig config, Clock clock) {
    return start(client, config, clock, new SimpleMeterRegistry());
  }

  /**
   * Starts the controller; per-plan meters ({@code suc_plan_*}, tagged {@code
   * plan=<namespace>/<name>}) go to {@code registry}.
   */
  public static SystemUpgradeController start(
      KubernetesClient client, ControllerConfig config, Clock clock, MeterRegistry registry) {
    installCrds(client);
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false));
    operator.register(
        new PlanReconciler(
            config, new ChannelResolver(Duration.ofSeconds(30)), clock, new PlanMetrics(registry)),
        o ->
            o.settingNamespace(config.namespace())
                .withName(config.name())
                .withFinalizer(FINALIZER));
    operator.start();
    return new SystemUpgradeController(operator);
  }

  /**
   * Whether the operator runs: started, not closed, and every informer it watches through is
   * healthy (JOSDK's event source health). Backs {@code /healthz} and {@code /readyz}.
   */
  public boolean isRunning() {
    return !closed
        && operator.getRuntimeInfo().isStarted()
        && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  @Override
  public void close() {
    closed = true;
    operator.stop();
  }
}

package io.k3j.suc;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.k3j.suc.model.ChannelResolver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Starts the Plan operator on a client: installs or updates the embedded Plan CRD (as upstream does
 * at start-up), then runs {@link PlanReconciler} over the controller's namespace. Patches of the
 * primary resource use JSON merge patch, not server-side apply.
 */
public final class SystemUpgradeController implements AutoCloseable {
  static final String CRD_RESOURCE = "/crds/plans.upgrade.cattle.io-v1.yml";
  private final Operator operator;

  private SystemUpgradeController(Operator operator) {
    this.operator = operator;
  }

  /** Plans' finalizer: deleting a plan first uncordons the nodes it cordoned. */
  public static final String FINALIZER = "upgrade.k3j.io/uncordon";

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
    installCrd(client);
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

  static void installCrd(KubernetesClient client) {
    try (InputStream yaml = SystemUpgradeController.class.getResourceAsStream(CRD_RESOURCE)) {
      CustomResourceDefinition crd = Serialization.unmarshal(yaml, CustomResourceDefinition.class);
      CustomResourceDefinition current =
          client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .withName(crd.getMetadata().getName())
              .get();
      if (current == null) {
        client.resource(crd).create();
      } else {
        crd.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        client.resource(crd).update();
      }
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.getMetadata().getName())
          .waitUntilCondition(
              c ->
                  c != null
                      && c.getStatus() != null
                      && c.getStatus().getConditions() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              x ->
                                  "Established".equals(x.getType())
                                      && "True".equals(x.getStatus())),
              1,
              TimeUnit.MINUTES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    operator.stop();
  }
}

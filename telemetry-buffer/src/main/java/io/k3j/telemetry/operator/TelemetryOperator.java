package io.k3j.telemetry.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.k3j.crds.CrdInstaller;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The TelemetryBuffer operator on a client: installs or updates the TelemetryBuffer CRD, then runs
 * {@link TelemetryBufferReconciler}, which keeps one in-process buffer per resource under {@code
 * <dataDir>/<namespace>/<name>}. {@link #close()} stops the operator and every buffer.
 */
public final class TelemetryOperator implements AutoCloseable {
  static final String CRD_RESOURCE = "/crds/telemetrybuffers.telemetry.k3j.io-v1.yml";
  private final Operator operator;
  private final TelemetryBufferReconciler reconciler;

  private TelemetryOperator(Operator operator, TelemetryBufferReconciler reconciler) {
    this.operator = operator;
    this.reconciler = reconciler;
  }

  /**
   * Installs or updates the TelemetryBuffer CRD, as {@link #start} does first: for a caller that
   * starts the operator later, when the first TelemetryBuffer exists.
   */
  public static void installCrds(KubernetesClient client) {
    CrdInstaller.install(client, CRD_RESOURCE);
  }

  /**
   * @param namespace the namespace whose TelemetryBuffers run here; null watches all namespaces
   */
  public static TelemetryOperator start(KubernetesClient client, Path dataDir, String namespace) {
    installCrds(client);
    TelemetryBufferReconciler reconciler =
        new TelemetryBufferReconciler(dataDir, Clock.systemUTC());
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false));
    operator.register(
        reconciler,
        o -> {
          if (namespace != null) {
            o.settingNamespace(namespace);
          }
        });
    operator.start();
    return new TelemetryOperator(operator, reconciler);
  }

  /** Whether a buffer runs for {@code namespace/name}. */
  public boolean isRunning(String namespace, String name) {
    return reconciler.isRunning(new ResourceID(name, namespace));
  }

  @Override
  public void close() {
    operator.stop();
    reconciler.closeAll();
  }
}

package io.k3j.helm;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.k3j.crds.CrdInstaller;
import io.k3j.helm.internal.HelmChartReconciler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The HelmChart operator, in-process: installs or updates the {@code helm.cattle.io/v1} HelmChart
 * and HelmChartConfig CRDs, then reconciles HelmCharts in every namespace with the Helm library
 * embedded through helm-java, talking to the cluster with the given kubeconfig. No Job and no
 * helper image; charts named {@code https://%{KUBERNETES_API}%/static/charts/NAME.tgz} are read
 * from {@code chartsDir} without network.
 *
 * <pre>{@code
 * try (HelmController helm = HelmController.start(client, kubeconfig, dataDir.resolve("server/static/charts"))) {
 *   ...
 * }
 * }</pre>
 */
public final class HelmController implements AutoCloseable {
  static final List<String> CRDS =
      List.of(
          "/crds/helmcharts.helm.cattle.io-v1.yml", "/crds/helmchartconfigs.helm.cattle.io-v1.yml");

  private final Operator operator;
  private final Path workDir;

  private HelmController(Operator operator, Path workDir) {
    this.operator = operator;
    this.workDir = workDir;
  }

  /**
   * Installs or updates the HelmChart and HelmChartConfig CRDs, as {@link #start} does first: for a
   * caller that starts the operator later, when the first HelmChart exists.
   */
  public static void installCrds(KubernetesClient client) {
    CRDS.forEach(crd -> CrdInstaller.install(client, crd));
  }

  /**
   * Starts the operator.
   *
   * @param client the client the operator watches with; not closed by {@link #close()}
   * @param kubeconfig kubeconfig file Helm uses for installs (same cluster as {@code client})
   * @param chartsDir the folder served as {@code /static/charts/}
   */
  public static HelmController start(KubernetesClient client, Path kubeconfig, Path chartsDir) {
    installCrds(client);
    Path workDir;
    try {
      workDir = Files.createTempDirectory("k3j-helm-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false));
    operator.register(
        new HelmChartReconciler(kubeconfig, chartsDir, workDir, Clock.systemUTC()),
        o -> o.withFinalizer(HelmChartReconciler.FINALIZER));
    operator.start();
    return new HelmController(operator, workDir);
  }

  @Override
  public void close() {
    operator.stop();
    try (Stream<Path> files = Files.walk(workDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.k3j.helm;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.k3j.helm.internal.HelmChartReconciler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
   * Starts the operator.
   *
   * @param client the client the operator watches with; not closed by {@link #close()}
   * @param kubeconfig kubeconfig file Helm uses for installs (same cluster as {@code client})
   * @param chartsDir the folder served as {@code /static/charts/}
   */
  public static HelmController start(KubernetesClient client, Path kubeconfig, Path chartsDir) {
    CRDS.forEach(crd -> installCrd(client, crd));
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

  static void installCrd(KubernetesClient client, String resource) {
    try (InputStream yaml = HelmController.class.getResourceAsStream(resource)) {
      CustomResourceDefinition crd = Serialization.unmarshal(yaml, CustomResourceDefinition.class);
      var crds = client.apiextensions().v1().customResourceDefinitions();
      CustomResourceDefinition current = crds.withName(crd.getMetadata().getName()).get();
      if (current == null) {
        client.resource(crd).create();
      } else {
        crd.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        client.resource(crd).update();
      }
      crds.withName(crd.getMetadata().getName())
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
    try (Stream<Path> files = Files.walk(workDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

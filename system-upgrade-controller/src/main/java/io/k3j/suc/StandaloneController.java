package io.k3j.suc;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller as its own process: a client for the configured cluster, the Plan operator, and
 * its {@link MetricsServer} with the plans' {@code suc_plan_*} meters and the JVM's, in a
 * Prometheus registry. Closing stops all three.
 */
public final class StandaloneController implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StandaloneController.class);
  private final KubernetesClient client;
  private final SystemUpgradeController controller;
  private final MetricsServer metrics;
  private final JvmGcMetrics gc;

  private StandaloneController(
      KubernetesClient client,
      SystemUpgradeController controller,
      MetricsServer metrics,
      JvmGcMetrics gc) {
    this.client = client;
    this.controller = controller;
    this.metrics = metrics;
    this.gc = gc;
  }

  /** Starts the endpoints first (503 until the operator runs), then the operator. */
  public static StandaloneController start(StandaloneConfig config, Clock clock) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    KubernetesClient client =
        new KubernetesClientBuilder().withConfig(clientConfig(config)).build();
    SystemUpgradeController[] started = new SystemUpgradeController[1];
    MetricsServer metrics;
    try {
      metrics =
          MetricsServer.start(
              config.metricsAddress(),
              registry,
              () -> started[0] != null && started[0].isRunning());
    } catch (IOException e) {
      client.close();
      gc.close();
      throw new UncheckedIOException(
          "cannot listen on "
              + StandaloneConfig.METRICS_ADDRESS
              + " "
              + config.metricsAddress()
              + ": "
              + e.getMessage(),
          e);
    }
    try {
      started[0] = SystemUpgradeController.start(client, config.controller(), clock, registry);
    } catch (RuntimeException e) {
      metrics.close();
      client.close();
      gc.close();
      throw e;
    }
    LOG.info(
        "system-upgrade-controller {} started in namespace {}; /metrics and /healthz on {}",
        config.controller().name(),
        config.controller().namespace(),
        metrics.address());
    return new StandaloneController(client, started[0], metrics, gc);
  }

  private static Config clientConfig(StandaloneConfig config) {
    if (config.kubeconfig() == null) {
      return Config.autoConfigure(null);
    }
    try {
      return Config.fromKubeconfig(Files.readString(Path.of(config.kubeconfig())));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          StandaloneConfig.KUBE_CONFIG + "=\"" + config.kubeconfig() + "\" cannot be read: " + e,
          e);
    }
  }

  /** Where {@code /metrics}, {@code /healthz} and {@code /readyz} are served. */
  public InetSocketAddress metricsAddress() {
    return metrics.address();
  }

  /** Whether the operator runs, as {@code /healthz} reports it. */
  public boolean isRunning() {
    return controller.isRunning();
  }

  @Override
  public void close() {
    controller.close();
    metrics.close();
    client.close();
    gc.close();
  }
}

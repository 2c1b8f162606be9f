package io.k3j.runtime;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k3j.addons.ManifestsDeployer;
import io.k3j.core.datastore.Backend;
import io.k3j.core.security.AdminCredentials;
import io.k3j.core.security.Kubeconfig;
import io.k3j.core.server.K3jServer;
import io.k3j.helm.HelmController;
import io.k3j.registry.ConfigException;
import io.k3j.registry.LocalRegistry;
import io.k3j.registry.RegistryConfig;
import io.k3j.registry.operator.RegistryOperator;
import io.k3j.suc.ControllerConfig;
import io.k3j.suc.SystemUpgradeController;
import io.k3j.telemetry.operator.TelemetryOperator;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controllers {@code k3j server} runs in its own process, as clients of its own API through the
 * admin kubeconfig: the manifests folder's deployer, then the operators. Each has a name that
 * {@code --disable NAME} leaves out. Their settings are read before anything starts, so a bad one
 * stops start-up with a message naming it; the operators themselves start in the background so the
 * API is ready without waiting for their informers. What must run from the start does: the
 * manifests deployer, every CRD, the registry's listener. Each operator's controllers (informers,
 * caches, watches) wait for the first object of its kinds ({@link WaitingOperators}), so an idle
 * server does not carry them.
 */
final class InProcessOperators implements AutoCloseable {
  static final String SYSTEM_UPGRADE_CONTROLLER = "system-upgrade-controller";
  static final String LOCAL_REGISTRY = "local-registry";
  static final String TELEMETRY_BUFFER = "telemetry-buffer";
  static final String HELM_CONTROLLER = "helm-controller";

  /** Upstream's deployment defaults, used where the environment does not set them. */
  static final Map<String, String> SUC_DEFAULTS =
      Map.of(
          "SYSTEM_UPGRADE_CONTROLLER_NAME",
          SYSTEM_UPGRADE_CONTROLLER,
          "SYSTEM_UPGRADE_CONTROLLER_NAMESPACE",
          "system-upgrade");

  /** Bundled add-ons under {@code /addons/} in the jar, each named for {@code --disable}. */
  static final List<String> STAGED_ADDONS = List.of(SYSTEM_UPGRADE_CONTROLLER + ".yaml");

  private static final Logger LOG = LoggerFactory.getLogger(InProcessOperators.class);

  private final KubernetesClient client;
  private final List<AutoCloseable> running = new ArrayList<>();
  private final ExecutorService starter =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "k3j-operators-start");
            thread.setDaemon(true);
            return thread;
          });
  private final WaitingOperators waiting;
  private final Set<String> started = ConcurrentHashMap.newKeySet();

  private InProcessOperators(KubernetesClient client, Backend datastore) {
    this.client = client;
    this.waiting = new WaitingOperators(datastore, starter);
  }

  /**
   * Reads every enabled operator's settings from the environment (throwing {@link
   * IllegalArgumentException} naming a bad one), then starts them in the background.
   */
  static InProcessOperators start(
      K3jServer server, Map<String, String> env, Map<String, String> registrySettings) {
    Set<String> disabled = server.config().disabled();
    List<Consumer<InProcessOperators>> starts = new ArrayList<>();
    if (!disabled.contains(SYSTEM_UPGRADE_CONTROLLER)) {
      Map<String, String> sucEnv = new HashMap<>(SUC_DEFAULTS);
      sucEnv.putAll(env);
      ControllerConfig suc = ControllerConfig.fromEnv(sucEnv);
      starts.add(o -> o.startSystemUpgradeController(suc, server.meters()));
    } else {
      LOG.info("operator disabled name={}", SYSTEM_UPGRADE_CONTROLLER);
    }
    if (!disabled.contains(LOCAL_REGISTRY)) {
      RegistryConfig registry;
      try {
        registry = RegistryConfig.fromMap(registrySettings);
      } catch (ConfigException e) {
        throw new IllegalArgumentException(
            "local registry (flags registry-*): " + e.getMessage(), e);
      }
      Path nodeConfig = server.config().dataDir().resolve("agent/etc");
      starts.add(o -> o.startLocalRegistry(registry, nodeConfig));
    } else {
      LOG.info("operator disabled name={}", LOCAL_REGISTRY);
    }
    if (!disabled.contains(HELM_CONTROLLER)) {
      Path charts = server.config().dataDir().resolve("server/static/charts");
      starts.add(o -> o.startHelmController(server.kubeconfig(), charts));
    } else {
      LOG.info("operator disabled name={}", HELM_CONTROLLER);
    }
    if (!disabled.contains(TELEMETRY_BUFFER)) {
      Path buffers = server.config().dataDir().resolve("telemetry");
      starts.add(o -> o.startTelemetryBuffers(buffers));
    } else {
      LOG.info("operator disabled name={}", TELEMETRY_BUFFER);
    }
    InProcessOperators operators = new InProcessOperators(adminClient(server), server.datastore());
    starts.add(0, o -> o.startManifestsDeployer(server));
    // The API is ready (/readyz answers) before any of them starts: say so, since their start-up
    // (CRDs, the registry's listener) goes on for a few seconds after it.
    LOG.info("operators starting in the background after /readyz count={}", starts.size());
    starts.forEach(s -> operators.starter.execute(() -> s.accept(operators)));
    operators.starter.execute(operators.waiting::follow);
    return operators;
  }

  /**
   * k3s's deploy controller: {@code <data-dir>/server/manifests}, one Addon per file, after staging
   * k3j's own add-ons there (rewritten at every start, left out when disabled by name).
   */
  private void startManifestsDeployer(K3jServer server) {
    Path manifests = server.config().dataDir().resolve("server/manifests");
    try {
      Files.createDirectories(manifests);
      for (String addon : STAGED_ADDONS) {
        try (InputStream content =
            InProcessOperators.class.getResourceAsStream("/addons/" + addon)) {
          ManifestsDeployer.stage(
              manifests, addon, content.readAllBytes(), server.config().disabled());
        }
      }
      register(ManifestsDeployer.start(client, manifests, server.config().disabled()));
      LOG.info("manifests deployer started dir={}", manifests);
    } catch (IOException | RuntimeException e) {
      LOG.error("manifests deployer failed to start dir={}: {}", manifests, e.toString());
    }
  }

  /**
   * The OCI registry and pull-through cache, and its ImageSet/RegistryMirror operator writing the
   * mirror configuration for this node's containerd under {@code <data-dir>/agent/etc}.
   */
  private void startLocalRegistry(RegistryConfig config, Path nodeConfig) {
    LocalRegistry registry;
    try {
      registry = LocalRegistry.start(config);
      register(registry);
      RegistryOperator.installCrds(client);
      LOG.info(
          "local registry listening name={} listen={}:{}",
          LOCAL_REGISTRY,
          config.listenHost(),
          config.listenPort());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) { // Netty's BindException is checked but undeclared
      LOG.error("operator failed to start name={}: {}", LOCAL_REGISTRY, e.toString());
      return;
    }
    startOnFirstObject(
        LOCAL_REGISTRY,
        List.of(
            WaitingOperators.prefix("registry.k3j.io", "imagesets", null),
            WaitingOperators.prefix("registry.k3j.io", "registrymirrors", null)),
        () -> RegistryOperator.start(client, registry, nodeConfig),
        "");
  }

  /**
   * HelmChart and HelmChartConfig, installed in-process with Helm; charts can come from {@code
   * <data-dir>/server/static/charts}, no network needed.
   */
  private void startHelmController(Path kubeconfig, Path charts) {
    try {
      Files.createDirectories(charts);
      HelmController.installCrds(client);
    } catch (IOException | RuntimeException e) {
      LOG.error("operator failed to start name={}: {}", HELM_CONTROLLER, e.toString());
      return;
    }
    // A HelmChartConfig only changes the HelmChart of its name: the HelmChart is the work.
    startOnFirstObject(
        HELM_CONTROLLER,
        List.of(WaitingOperators.prefix("helm.cattle.io", "helmcharts", null)),
        () -> HelmController.start(client, kubeconfig, charts),
        " charts=" + charts);
  }

  /** One OTLP buffer per TelemetryBuffer object, in any namespace, under {@code dir}. */
  private void startTelemetryBuffers(Path dir) {
    try {
      TelemetryOperator.installCrds(client);
    } catch (RuntimeException e) {
      LOG.error("operator failed to start name={}: {}", TELEMETRY_BUFFER, e.toString());
      return;
    }
    startOnFirstObject(
        TELEMETRY_BUFFER,
        List.of(WaitingOperators.prefix("telemetry.k3j.io", "telemetrybuffers", null)),
        () -> TelemetryOperator.start(client, dir, null),
        " data=" + dir);
  }

  /** Its per-plan metrics go to the server's registry, scraped on the API's {@code /metrics}. */
  private void startSystemUpgradeController(ControllerConfig config, MeterRegistry meters) {
    try {
      if (client.namespaces().withName(config.namespace()).get() == null) {
        client
            .namespaces()
            .resource(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(config.namespace())
                    .endMetadata()
                    .build())
            .create();
      }
      SystemUpgradeController.installCrds(client);
    } catch (RuntimeException e) {
      LOG.error("operator failed to start name={}: {}", config.name(), e.toString());
      return;
    }
    // It reconciles the Plans of its own namespace only.
    startOnFirstObject(
        config.name(),
        List.of(WaitingOperators.prefix("upgrade.cattle.io", "plans", config.namespace())),
        () -> SystemUpgradeController.start(client, config, Clock.systemUTC(), meters),
        " namespace=" + config.namespace());
  }

  /**
   * Starts an operator's controllers once an object exists under one of {@code prefixes} (its CRDs
   * are installed by then); {@code details} ends its "operator started" line.
   */
  private void startOnFirstObject(
      String name, List<String> prefixes, Supplier<AutoCloseable> start, String details) {
    waiting.add(
        name,
        prefixes,
        () -> {
          try {
            register(start.get());
            started.add(name);
            LOG.info("operator started name={}{}", name, details);
          } catch (RuntimeException e) {
            LOG.error("operator failed to start name={}: {}", name, e.toString());
          }
        });
  }

  /** The operators whose controllers run. */
  Set<String> started() {
    return Set.copyOf(started);
  }

  /** The operators waiting for their first object, once every one that waits is in place. */
  Set<String> waiting() {
    return waiting.names();
  }

  private synchronized void register(AutoCloseable operator) {
    running.add(operator);
  }

  /**
   * A client with the admin kubeconfig's credentials, configured from them directly (see {@link
   * AdminCredentials} for why the kubeconfig is not parsed), with nothing taken from the
   * environment or {@code ~/.kube}.
   */
  private static KubernetesClient adminClient(K3jServer server) {
    AdminCredentials admin = server.adminCredentials();
    String key = Kubeconfig.base64(admin.privateKeyPem());
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(admin.server())
            .withCaCertData(Kubeconfig.base64(admin.caPem()))
            .withClientCertData(Kubeconfig.base64(admin.certificatePem()))
            .withClientKeyData(key)
            .withClientKeyAlgo(Config.getKeyAlgorithm(null, key))
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Override
  public void close() {
    waiting.close();
    starter.shutdown();
    try {
      starter.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeRunning();
  }

  /** In reverse order of start: an operator stops before what it runs on. */
  private synchronized void closeRunning() {
    for (int i = running.size() - 1; i >= 0; i--) {
      AutoCloseable operator = running.get(i);
      try {
        operator.close();
      } catch (Exception e) {
        LOG.warn("operator did not stop cleanly: {}", e.toString());
      }
    }
    client.close();
  }
}

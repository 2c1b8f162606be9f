package io.k3j.core.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiHandlers;
import io.k3j.core.apiserver.DiscoveryHandler;
import io.k3j.core.apiserver.VersionInfo;
import io.k3j.core.apiserver.auth.ApiAuth;
import io.k3j.core.apiserver.crd.CustomResourceAdmission;
import io.k3j.core.apiserver.crd.CustomResourceDefinitions;
import io.k3j.core.apiserver.disruption.DisruptionController;
import io.k3j.core.apiserver.gc.DeletionPolicy;
import io.k3j.core.apiserver.gc.GarbageCollector;
import io.k3j.core.apiserver.gc.NamespaceController;
import io.k3j.core.apiserver.http.ApiServer;
import io.k3j.core.apiserver.openapi.KnownFields;
import io.k3j.core.apiserver.openapi.OpenApiHandler;
import io.k3j.core.apiserver.resources.BuiltinResources;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.apiserver.resources.ResourceHandler;
import io.k3j.core.apiserver.resources.ResourceRegistry;
import io.k3j.core.apiserver.resources.ResourceType;
import io.k3j.core.apiserver.table.TableConverter;
import io.k3j.core.apiserver.validation.BuiltinAdmission;
import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.Datastores;
import io.k3j.core.security.AdminCredentials;
import io.k3j.core.security.ClusterSecurity;
import io.k3j.core.security.Kubeconfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running k3j server, startable in-process: {@code k3j server} runs one, and the test-support
 * module starts one for other modules' integration tests. Start-up is a list of named steps; what
 * each step opened is closed in reverse order, also when a later step fails.
 */
public final class K3jServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(K3jServer.class);

  private final ServerConfig config;
  private final MeterRegistry meters;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final ResourceRegistry registry = new ResourceRegistry();
  private final CustomResourceAdmission customResources = new CustomResourceAdmission();
  private Backend datastore;
  private ObjectStore objects;
  private ClusterSecurity security;
  private ApiAuth auth;
  private ApiServer api;
  private OpenApiHandler openApi;
  private AdminCredentials admin;

  private K3jServer(ServerConfig config, MeterRegistry meters) {
    this.config = config;
    this.meters = meters;
  }

  /** Starts a server whose metrics are served on {@code /metrics} in Prometheus' format. */
  public static K3jServer start(ServerConfig config) {
    return start(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public static K3jServer start(ServerConfig config, MeterRegistry meters) {
    K3jServer server = new K3jServer(config, meters);
    try {
      server.step("datastore", server::openDatastore);
      server.step("system-namespaces", server::createSystemNamespaces);
      server.step("custom-resources", server::serveCustomResources);
      server.step("controllers", server::startControllers);
      server.step("certificates", server::ensureSecurity);
      server.step("authorization", server::startAuthorization);
      server.step("api-server", server::startApiServer);
      server.step("kubeconfig", server::writeKubeconfig);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    log.info(
        "k3j server ready api=https://{}:{} revision={}",
        config.bindAddress(),
        server.port(),
        server.datastore.currentRevision());
    server.warmUpOpenApi();
    return server;
  }

  /** Runs one start-up step; with {@code --debug}, one line with its wall time. */
  private void step(String name, Runnable step) {
    long started = System.nanoTime();
    step.run();
    log.debug("start-up step={} took={}ms", name, (System.nanoTime() - started) / 1_000_000);
  }

  private void openDatastore() {
    datastore = Datastores.open(config.datastoreEndpoint(), meters);
    resources.push(datastore);
    objects = new ObjectStore(datastore, Clock.systemUTC());
    objects.addPolicy(new BuiltinAdmission());
    objects.addPolicy(customResources);
    objects.addPolicy(new DeletionPolicy());
  }

  private void serveCustomResources() {
    CustomResourceDefinitions crds =
        new CustomResourceDefinitions(objects, registry, Clock.systemUTC());
    crds.start();
    resources.push(crds);
  }

  /**
   * The garbage collector and the namespace controller, over every kind served, and the disruption
   * controller that keeps PodDisruptionBudget statuses current.
   */
  private void startControllers() {
    GarbageCollector collector = new GarbageCollector(objects, registry);
    collector.start();
    resources.push(collector);
    NamespaceController namespaces = new NamespaceController(objects, registry, Clock.systemUTC());
    namespaces.start();
    resources.push(namespaces);
    DisruptionController disruption = new DisruptionController(objects, Clock.systemUTC());
    disruption.start();
    resources.push(disruption);
  }

  /** default, kube-system, kube-public and kube-node-lease, as every cluster has them. */
  private void createSystemNamespaces() {
    ResourceType namespaces = BuiltinResources.namespaces();
    for (String name : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
      if (datastore.get(namespaces.key(null, name), 0).isEmpty()) {
        ObjectNode namespace = JsonNodeFactory.instance.objectNode();
        namespace.putObject("metadata").put("name", name);
        objects.create(namespaces, null, namespace);
      }
    }
  }

  private void ensureSecurity() {
    try {
      security =
          ClusterSecurity.ensure(
              config.dataDir(), config.tlsSans(), config.token(), Clock.systemUTC());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare certificates in " + config.dataDir() + ": " + e.getMessage(), e);
    }
    log.info("join token written to {}", config.dataDir().resolve("server/token"));
  }

  /** ServiceAccount tokens, default roles, the RBAC cache and ClusterRole aggregation. */
  private void startAuthorization() {
    try {
      auth = ApiAuth.start(objects, security.tlsDir(), Clock.systemUTC());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare the service account key in " + security.tlsDir() + ": " + e.getMessage(),
          e);
    }
    resources.push(auth);
  }

  private void startApiServer() {
    OpenApiHandler openApi = new OpenApiHandler(registry, Clock.systemUTC());
    KnownFields builtinFields = new KnownFields(openApi);
    ResourceHandler resourceHandler =
        new ResourceHandler(
            objects,
            registry,
            new TableConverter(Clock.systemUTC()),
            openApi,
            (type, object) ->
                type.isCustom()
                    ? customResources.unknownFields(type, object)
                    : builtinFields.unknown(type, object));
    resourceHandler.callerPolicy(auth::checkWrite);
    ApiHandlers handlers =
        new ApiHandlers(
            VersionInfo.current(),
            new DiscoveryHandler(registry),
            resourceHandler,
            openApi,
            meters,
            auth);
    this.openApi = openApi;
    try {
      api =
          ApiServer.start(
              new InetSocketAddress(config.bindAddress(), config.httpsPort()), security, handlers);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the API server", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the API server: " + e.getMessage(), e);
    }
    resources.push(api);
  }

  /**
   * Builds the OpenAPI documents in the background once the API is ready, so the first write that
   * checks its fields (and the first kubectl apply) does not wait for them. Not before: on a
   * two-core node building them took as much CPU as the rest of the start-up and delayed /readyz.
   */
  private void warmUpOpenApi() {
    Thread warm = new Thread(openApi::warmUp, "k3j-openapi-warm-up");
    warm.setDaemon(true);
    warm.setPriority(Thread.MIN_PRIORITY);
    warm.start();
  }

  private void writeKubeconfig() {
    Path file = config.kubeconfig();
    try {
      String caPem = Files.readString(security.serverCaFile());
      admin = AdminCredentials.of("https://127.0.0.1:" + port(), caPem, security.admin());
      String yaml = Kubeconfig.render(admin);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.deleteIfExists(temp);
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(config.kubeconfigPermissions()));
      Files.writeString(temp, yaml);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the kubeconfig " + file + ": " + e.getMessage(), e);
    }
    log.info("kubeconfig written to {}", file);
  }

  public ServerConfig config() {
    return config;
  }

  public Backend datastore() {
    return datastore;
  }

  public MeterRegistry meters() {
    return meters;
  }

  public int port() {
    return api.port();
  }

  public Path kubeconfig() {
    return config.kubeconfig();
  }

  /** What {@link #kubeconfig()} holds, for clients in this process. */
  public AdminCredentials adminCredentials() {
    return admin;
  }

  @Override
  public void close() {
    log.info("k3j server stopping data-dir={}", config.dataDir());
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        log.warn("closing a server component failed: {}", e.getMessage());
      }
    }
  }
}

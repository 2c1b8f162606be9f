package io.k3j.registry;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k3j.registry.mirror.MirrorConfigWriter;
import io.k3j.registry.mirror.MirrorTarget;
import io.k3j.registry.operator.RegistryOperator;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code k3j registry}: runs the local registry standalone. Flags and an optional properties file
 * ({@code --config}, same keys as the flags) are one surface: flags win over the file.
 */
@Command(
    name = "registry",
    mixinStandardHelpOptions = true,
    description = "OCI registry and pull-through cache for edge sites")
public final class RegistryCommand implements Callable<Integer> {
  @Option(names = "--config", description = "properties file with the same keys as the flags")
  Path configFile;

  @Option(names = "--listen", description = "HOST:PORT to listen on (default 0.0.0.0:5000)")
  String listen;

  @Option(names = "--data-dir", description = "directory for blobs and the index")
  String dataDir;

  @Option(names = "--upstream", description = "URL (the default upstream) or NAME=URL; repeatable")
  List<String> upstreams = new ArrayList<>();

  @Option(
      names = "--upstream-credentials",
      description = "NAME=USER:PASSWORD for an upstream; repeatable")
  List<String> credentials = new ArrayList<>();

  @Option(names = "--max-disk", description = "bytes of blobs to keep, e.g. 20Gi (0 = unbounded)")
  String maxDisk;

  @Option(names = "--read-only", arity = "0..1", description = "refuse pushes and deletes")
  Boolean readOnly;

  @Option(names = "--tag-deadline", description = "wait for upstream tag checks, e.g. 500ms")
  String tagDeadline;

  @Option(
      names = "--upstream-timeout",
      description = "wait for uncached upstream content, e.g. 30s")
  String upstreamTimeout;

  @Option(names = "--gc-interval", description = "period of eviction and garbage collection")
  String gcInterval;

  @Option(names = "--tls-cert-file", description = "PEM certificate: serve HTTPS")
  String tlsCertFile;

  @Option(names = "--tls-key-file", description = "PEM (PKCS#8) key of --tls-cert-file")
  String tlsKeyFile;

  @Option(
      names = "--mirror-config-dir",
      description = "write registries.yaml and certs.d/*/hosts.toml for the named upstreams here")
  Path mirrorConfigDir;

  @Option(
      names = "--advertise-url",
      description = "this registry's root URL as nodes reach it (for --mirror-config-dir)")
  URI advertiseUrl;

  @Option(
      names = "--kubeconfig",
      description =
          "also run the ImageSet/RegistryMirror operator against this cluster; node files go to"
              + " --mirror-config-dir, --advertise-url is the default endpoint")
  Path kubeconfig;

  /** The settings map {@link RegistryConfig#fromMap} reads. */
  Map<String, String> settings() throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    if (configFile != null) {
      Properties file = new Properties();
      try (Reader reader = Files.newBufferedReader(configFile)) {
        file.load(reader);
      }
      file.stringPropertyNames().forEach(k -> settings.put(k, file.getProperty(k)));
    }
    put(settings, RegistryConfig.LISTEN, listen);
    put(settings, RegistryConfig.DATA_DIR, dataDir);
    if (!upstreams.isEmpty()) {
      settings.put(RegistryConfig.UPSTREAM, String.join(",", upstreams));
    }
    for (String entry : credentials) {
      int eq = entry.indexOf('=');
      int colon = entry.indexOf(':', eq + 1);
      if (eq <= 0 || colon < 0) {
        throw new ConfigException("upstream-credentials", "expected NAME=USER:PASSWORD");
      }
      String name = entry.substring(0, eq);
      settings.put("upstream." + name + ".username", entry.substring(eq + 1, colon));
      settings.put("upstream." + name + ".password", entry.substring(colon + 1));
    }
    put(settings, RegistryConfig.MAX_DISK, maxDisk);
    put(settings, RegistryConfig.READ_ONLY, readOnly == null ? null : readOnly.toString());
    put(settings, RegistryConfig.TAG_DEADLINE, tagDeadline);
    put(settings, RegistryConfig.UPSTREAM_TIMEOUT, upstreamTimeout);
    put(settings, RegistryConfig.GC_INTERVAL, gcInterval);
    put(settings, RegistryConfig.TLS_CERT_FILE, tlsCertFile);
    put(settings, RegistryConfig.TLS_KEY_FILE, tlsKeyFile);
    return settings;
  }

  private static void put(Map<String, String> settings, String key, String value) {
    if (value != null) {
      settings.put(key, value);
    }
  }

  @Override
  public Integer call() throws Exception {
    RegistryConfig config;
    try {
      config = RegistryConfig.fromMap(settings());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    } catch (IOException e) {
      System.err.println("cannot read --config " + configFile + ": " + e.getMessage());
      return 2;
    }
    if (mirrorConfigDir != null && kubeconfig == null) {
      if (advertiseUrl == null) {
        System.err.println("--mirror-config-dir needs --advertise-url");
        return 2;
      }
      MirrorConfigWriter.write(
          mirrorConfigDir,
          new ArrayList<>(config.upstreams().keySet()),
          MirrorTarget.of(advertiseUrl));
    }
    LocalRegistry registry;
    try {
      registry = LocalRegistry.start(config);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    } catch (Exception e) { // a sneaky BindException from Netty is checked but undeclared
      System.err.println("registry cannot start: " + e);
      return 1;
    }
    AutoCloseable operator;
    try {
      operator = startOperator(registry);
    } catch (Exception e) {
      System.err.println("operator cannot start: " + e);
      registry.close();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    operator.close();
                  } catch (Exception e) {
                    System.err.println("operator did not stop cleanly: " + e);
                  }
                  registry.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  /** With {@code --kubeconfig}: the operator and its client, closed together; else nothing. */
  private AutoCloseable startOperator(LocalRegistry registry) throws IOException {
    if (kubeconfig == null) {
      return () -> {};
    }
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build();
    try {
      RegistryOperator operator =
          RegistryOperator.start(
              client,
              registry,
              mirrorConfigDir,
              advertiseUrl == null
                  ? RegistryOperator.defaultEndpoint(registry)
                  : Optional.of(advertiseUrl));
      return () -> {
        operator.close();
        client.close();
      };
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /**
   * Buffer size of the JDK HTTP client that reads upstream blobs (system property {@code
   * jdk.httpclient.bufsize}, documented in the {@code java.net.http} module summary). Its 16 KiB
   * default hands every 16 KiB of a download from the selector thread to the reading thread, which
   * is what limits a cold pull on a busy machine. It is read once, when the client is first used,
   * so it is set here, before anything else runs; an embedding process sets it on its command line.
   */
  static final String HTTP_CLIENT_BUFFER_BYTES = "262144";

  public static void main(String[] args) {
    if (System.getProperty("jdk.httpclient.bufsize") == null) {
      System.setProperty("jdk.httpclient.bufsize", HTTP_CLIENT_BUFFER_BYTES);
    }
    System.exit(new CommandLine(new RegistryCommand()).execute(args));
  }
}

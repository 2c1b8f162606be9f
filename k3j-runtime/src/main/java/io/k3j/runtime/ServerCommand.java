package io.k3j.runtime;

import io.k3j.core.datastore.DatastoreStartupException;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code k3j server}: runs the server until SIGTERM or SIGINT. Flag names follow k3s. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Run the k3j server: datastore and Kubernetes API.")
final class ServerCommand implements Callable<Integer> {

  @Option(
      names = {"-d", "--data-dir"},
      paramLabel = "DIR",
      description = "Folder to hold state (default: /var/lib/k3j as root, ~/.k3j otherwise)")
  Path dataDir;

  @Option(
      names = "--datastore-endpoint",
      paramLabel = "URI",
      description = "Datastore to use (default: sqlite://<data-dir>/server/db/state.db)")
  String datastoreEndpoint;

  @Option(
      names = "--bind-address",
      paramLabel = "IP",
      defaultValue = "0.0.0.0",
      description = "Address the API listens on (default: ${DEFAULT-VALUE})")
  String bindAddress;

  @Option(
      names = "--https-listen-port",
      paramLabel = "PORT",
      defaultValue = "6443",
      description = "HTTPS port of the API (default: ${DEFAULT-VALUE})")
  int httpsPort;

  @Option(
      names = "--tls-san",
      paramLabel = "NAME",
      description = "Extra host name or IP in the serving certificate (repeatable)")
  List<String> tlsSans = new ArrayList<>();

  @Option(
      names = {"-o", "--write-kubeconfig"},
      paramLabel = "FILE",
      description =
          "Where to write the admin kubeconfig (default: /etc/k3j/k3j.yaml as root, ~/.k3j/k3j.yaml otherwise)")
  Path kubeconfig;

  @Option(
      names = "--write-kubeconfig-mode",
      paramLabel = "MODE",
      defaultValue = "0600",
      description = "File mode of the kubeconfig (default: ${DEFAULT-VALUE})")
  String kubeconfigMode;

  @Option(
      names = {"-t", "--token"},
      paramLabel = "TOKEN",
      description = "Shared secret used to join agents (default: kept in <data-dir>/server/token)")
  String token;

  @Option(names = "--token-file", paramLabel = "FILE", description = "File holding the token")
  Path tokenFile;

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      System.err.println("k3j server: " + e.getMessage());
      return 2;
    }
    K3jServer server;
    try {
      server = K3jServer.start(config);
    } catch (DatastoreStartupException | IllegalArgumentException | UncheckedIOException e) {
      System.err.println("k3j server: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "k3j-shutdown"));
    stopped.await();
    return 0;
  }

  private ServerConfig config() {
    if (token != null && tokenFile != null) {
      throw new IllegalArgumentException("--token and --token-file cannot both be set");
    }
    String secret = token;
    if (tokenFile != null) {
      try {
        secret = Files.readString(tokenFile).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "--token-file " + tokenFile + " cannot be read: " + e.getMessage(), e);
      }
    }
    return new ServerConfig(
        dataDir == null ? DataDirs.defaultDataDir() : dataDir,
        datastoreEndpoint,
        bindAddress,
        httpsPort,
        tlsSans,
        kubeconfig == null ? DataDirs.defaultKubeconfig() : kubeconfig,
        kubeconfigMode,
        secret);
  }
}

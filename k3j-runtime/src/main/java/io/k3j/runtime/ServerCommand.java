package io.k3j.runtime;

import io.k3j.core.datastore.DatastoreStartupException;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code k3j server}: runs the server until SIGTERM or SIGINT. Flag names follow k3s. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Run the k3j server (datastore; the API server and operators build on it).")
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

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config;
    try {
      config =
          new ServerConfig(
              dataDir == null ? DataDirs.defaultDataDir() : dataDir, datastoreEndpoint);
    } catch (IllegalArgumentException e) {
      System.err.println("k3j server: " + e.getMessage());
      return 2;
    }
    K3jServer server;
    try {
      server = K3jServer.start(config);
    } catch (DatastoreStartupException | IllegalArgumentException e) {
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
}

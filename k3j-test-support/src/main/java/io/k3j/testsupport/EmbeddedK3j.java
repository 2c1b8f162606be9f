package io.k3j.testsupport;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k3j.core.datastore.Backend;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A k3j server started in-process on a fresh data directory, listening on 127.0.0.1 on a free port,
 * for other modules' integration tests. Its admin kubeconfig is {@link #kubeconfig()}. Closing it
 * stops the server and deletes the directory.
 *
 * <pre>{@code
 * try (EmbeddedK3j k3j = EmbeddedK3j.start()) {
 *   k3j.datastore().create("/registry/x", bytes, 0).join();
 * }
 * }</pre>
 */
public final class EmbeddedK3j implements AutoCloseable {
  private final Path dataDir;
  private final K3jServer server;

  private EmbeddedK3j(Path dataDir, K3jServer server) {
    this.dataDir = dataDir;
    this.server = server;
  }

  public static EmbeddedK3j start() {
    try {
      Path dataDir = Files.createTempDirectory("k3j-test-");
      return new EmbeddedK3j(dataDir, K3jServer.start(ServerConfig.forTests(dataDir)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The admin kubeconfig (system:masters), for kubectl and Kubernetes clients. */
  public Path kubeconfig() {
    return server.kubeconfig();
  }

  /** A new fabric8 client with the admin kubeconfig; the caller closes it. */
  public KubernetesClient client() {
    try {
      return new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig())))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates the namespace {@code name} through {@code client}. */
  public static void createNamespace(KubernetesClient client, String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  public int port() {
    return server.port();
  }

  public Backend datastore() {
    return server.datastore();
  }

  public K3jServer server() {
    return server;
  }

  @Override
  public void close() {
    server.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(EmbeddedK3j::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

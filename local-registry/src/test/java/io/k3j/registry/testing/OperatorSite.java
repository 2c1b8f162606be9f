package io.k3j.registry.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k3j.registry.LocalRegistry;
import io.k3j.registry.operator.RegistryOperator;
import io.k3j.testsupport.EmbeddedK3j;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A site for the registry operator's tests: a local registry, k3j's own API server with one
 * namespace, and the operator on both. Closing stops them in reverse order.
 */
public final class OperatorSite implements AutoCloseable {
  private final LocalRegistry registry;
  private final EmbeddedK3j k3j;
  private final KubernetesClient client;
  private final RegistryOperator operator;

  private OperatorSite(
      LocalRegistry registry, EmbeddedK3j k3j, KubernetesClient client, RegistryOperator operator) {
    this.registry = registry;
    this.k3j = k3j;
    this.client = client;
    this.operator = operator;
  }

  /**
   * Starts the registry in {@code dataDir} with {@code settings} on {@code clock}, k3j with the
   * namespace, and the operator, writing node files to {@code nodeConfigDir} (null: none).
   */
  public static OperatorSite start(
      Path dataDir, Map<String, String> settings, Clock clock, String namespace, Path nodeConfigDir)
      throws Exception {
    LocalRegistry registry = Registries.start(Files.createDirectories(dataDir), settings, clock);
    EmbeddedK3j k3j = null;
    KubernetesClient client = null;
    try {
      k3j = EmbeddedK3j.start();
      client = k3j.client();
      EmbeddedK3j.createNamespace(client, namespace);
      RegistryOperator operator = RegistryOperator.start(client, registry, nodeConfigDir);
      return new OperatorSite(registry, k3j, client, operator);
    } catch (Exception | Error e) {
      if (client != null) {
        client.close();
      }
      if (k3j != null) {
        k3j.close();
      }
      registry.close();
      throw e;
    }
  }

  public LocalRegistry registry() {
    return registry;
  }

  public EmbeddedK3j k3j() {
    return k3j;
  }

  public KubernetesClient client() {
    return client;
  }

  @Override
  public void close() {
    operator.close();
    client.close();
    k3j.close();
    registry.close();
  }
}

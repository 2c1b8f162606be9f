package io.k3j.registry.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.k3j.crds.CrdInstaller;
import io.k3j.registry.LocalRegistry;
import io.k3j.registry.imageset.Platforms;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The local registry's operator: installs the ImageSet and RegistryMirror CRDs, then reconciles
 * them against a running {@link LocalRegistry} (pre-pull and pin image sets; serve mirrored
 * upstreams and publish {@code registries.yaml} / {@code hosts.toml} in a ConfigMap and, when
 * {@code nodeConfigDir} is given, as files there). Runs in-process next to the registry.
 */
public final class RegistryOperator implements AutoCloseable {
  static final List<String> CRDS =
      List.of(
          "/crds/imagesets.registry.k3j.io-v1.yml", "/crds/registrymirrors.registry.k3j.io-v1.yml");
  private final Operator operator;

  private RegistryOperator(Operator operator) {
    this.operator = operator;
  }

  /**
   * Installs or updates the ImageSet and RegistryMirror CRDs, as {@link #start} does first: for a
   * caller that starts the operator later, when the first of those objects exists.
   */
  public static void installCrds(KubernetesClient client) {
    CRDS.forEach(crd -> CrdInstaller.install(client, crd));
  }

  /**
   * Starts the operator over every namespace.
   *
   * @param nodeConfigDir where {@code registries.yaml} and {@code certs.d/<registry>/hosts.toml}
   *     are written for this node, or null to publish only the ConfigMap
   */
  public static RegistryOperator start(
      KubernetesClient client, LocalRegistry registry, Path nodeConfigDir) {
    return start(client, registry, nodeConfigDir, defaultEndpoint(registry));
  }

  /**
   * As {@link #start(KubernetesClient, LocalRegistry, Path)}, with the URL nodes use when a
   * RegistryMirror names none (e.g. {@code --advertise-url}).
   */
  public static RegistryOperator start(
      KubernetesClient client,
      LocalRegistry registry,
      Path nodeConfigDir,
      Optional<URI> defaultEndpoint) {
    installCrds(client);
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false));
    operator.register(
        new ImageSetReconciler(registry.imageSets(), Platforms.ofThisNode(), registry.clock()));
    operator.register(
        new RegistryMirrorReconciler(
            registry, Optional.ofNullable(nodeConfigDir), defaultEndpoint, registry.clock()));
    operator.start();
    return new RegistryOperator(operator);
  }

  /** The registry's own URL when it listens on a specific address (not a wildcard). */
  public static Optional<URI> defaultEndpoint(LocalRegistry registry) {
    InetSocketAddress address = registry.address();
    if (address.getAddress() == null || address.getAddress().isAnyLocalAddress()) {
      return Optional.empty();
    }
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    String scheme = registry.config().tlsCertFile().isPresent() ? "https" : "http";
    return Optional.of(URI.create(scheme + "://" + host + ":" + address.getPort()));
  }

  @Override
  public void close() {
    operator.stop();
  }
}

package io.k3j.benchmarks;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What operators and Helm lean on, measured through fabric8 against a k3j server started in this
 * JVM (client and server share the machine's cores, as an in-cluster operator does):
 *
 * <ul>
 *   <li>server-side apply of a ConfigMap with 50 fields owned by 3 field managers: throughput and
 *       p50/p99 latency ({@link ApplyLoad});
 *   <li>garbage collection of 10,000 dependents after their owner is deleted: time until the last
 *       one is gone ({@link OwnerCascade});
 *   <li>authorization overhead per request with 1,000 RoleBindings: a user that RBAC decides for
 *       against {@code system:masters}, which bypasses it ({@link AuthorizationOverhead}).
 * </ul>
 *
 * <p>Usage: {@code benchmarks/run api-write [--quick]}.
 */
public final class ApiWriteBenchmark {
  private ApiWriteBenchmark() {}

  /** The sizes of one run; {@code --quick} only checks that the harness works. */
  record Sizes(
      int applyObjects,
      List<Integer> applyClients,
      double applySeconds,
      int dependents,
      int roleBindings,
      double authSeconds) {
    static Sizes of(boolean quick) {
      return quick
          ? new Sizes(8, List.of(1, 8), 3, 1_000, 1_000, 3)
          : new Sizes(32, List.of(1, 8, 32), 20, 10_000, 1_000, 15);
    }
  }

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    Sizes sizes = Sizes.of(quick);
    Path dir = Files.createTempDirectory("k3j-api-write-bench");
    System.out.printf(
        "k3j API write benchmark (%s), %s, load average %s%n",
        quick ? "quick" : "full", Machine.describe(dir), Machine.loadAverage());
    try (ScratchDirectory data = ScratchDirectory.create(dir, "server");
        K3jServer server = K3jServer.start(ServerConfig.forTests(data.resolve("data")));
        KubernetesClient admin = client(Files.readString(server.kubeconfig()))) {
      for (String namespace : List.of("apply", "gc", "authz")) {
        admin
            .namespaces()
            .resource(
                new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
            .create();
      }
      ApplyLoad apply = new ApplyLoad(admin, "apply", sizes.applyObjects());
      apply.prepare();
      for (int clients : sizes.applyClients()) {
        ApplyLoad.Result result = apply.run(clients, sizes.applySeconds());
        System.out.printf(
            "server-side apply, 50 fields, 3 managers, %2d clients: %,8.0f /s  p50 %6.2f ms"
                + "  p99 %6.2f ms  (%,d applies in %.1f s, %d errors)%n",
            clients,
            result.perSecond(),
            result.latencies().p50Millis(),
            result.latencies().p99Millis(),
            result.latencies().count(),
            result.seconds(),
            result.errors());
      }

      OwnerCascade.Result gc = new OwnerCascade(admin, "gc", sizes.dependents()).run();
      System.out.printf(
          "garbage collection: %,d dependents gone %.2f s after their owner was deleted"
              + " (%,.0f /s; creating them took %.1f s)%n",
          gc.dependents(),
          gc.collectSeconds(),
          gc.dependents() / gc.collectSeconds(),
          gc.createSeconds());

      AuthorizationOverhead.Result auth =
          new AuthorizationOverhead(server, admin, "authz", sizes.roleBindings())
              .run(sizes.authSeconds());
      System.out.printf(
          "authorization, get ConfigMap, 1 client: system:masters p50 %.3f ms mean %.3f ms;"
              + " RBAC user with 1 RoleBinding p50 %.3f ms mean %.3f ms;"
              + " with %,d RoleBindings p50 %.3f ms mean %.3f ms"
              + " -> %.2fx system:masters (mean), %+.3f ms per request%n",
          auth.masters().p50Millis(),
          auth.masters().meanMillis(),
          auth.fewBindings().p50Millis(),
          auth.fewBindings().meanMillis(),
          sizes.roleBindings(),
          auth.manyBindings().p50Millis(),
          auth.manyBindings().meanMillis(),
          auth.manyBindings().meanMillis() / auth.masters().meanMillis(),
          auth.manyBindings().meanMillis() - auth.masters().meanMillis());
    } finally {
      Files.deleteIfExists(dir);
    }
  }

  static KubernetesClient client(String kubeconfig) {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
  }
}

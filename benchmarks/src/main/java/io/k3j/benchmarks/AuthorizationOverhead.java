package io.k3j.benchmarks;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k3j.core.security.CertificateAuthority;
import io.k3j.core.security.IssuedCertificate;
import io.k3j.core.security.Kubeconfig;
import io.k3j.core.server.K3jServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The cost RBAC adds to a request: one client gets the same ConfigMap as {@code system:masters}
 * (which bypasses RBAC) and as a user with a client certificate that a RoleBinding lets read
 * ConfigMaps, first with that one binding and then with {@code roleBindings} more in the namespace
 * (for other users, so every decision for this user passes over them). Both users authenticate the
 * same way, so the difference is authorization.
 */
final class AuthorizationOverhead {
  private static final String USER = "bench-user";
  private final K3jServer server;
  private final KubernetesClient admin;
  private final String namespace;
  private final int roleBindings;

  /** Per-request latency of one phase. */
  record Timing(Latencies latencies, double meanMillis) {
    double p50Millis() {
      return latencies.p50Millis();
    }
  }

  record Result(Timing masters, Timing fewBindings, Timing manyBindings) {}

  AuthorizationOverhead(
      K3jServer server, KubernetesClient admin, String namespace, int roleBindings) {
    this.server = server;
    this.admin = admin;
    this.namespace = namespace;
    this.roleBindings = roleBindings;
  }

  Result run(double seconds) throws Exception {
    admin
        .configMaps()
        .inNamespace(namespace)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("target")
                .endMetadata()
                .withData(Map.of("k", "v"))
                .build())
        .create();
    admin
        .rbac()
        .roles()
        .inNamespace(namespace)
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("reader")
                .endMetadata()
                .addNewRule()
                .withApiGroups("")
                .withResources("configmaps")
                .withVerbs("get", "list")
                .endRule()
                .build())
        .create();
    admin
        .rbac()
        .roles()
        .inNamespace(namespace)
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("updater")
                .endMetadata()
                .addNewRule()
                .withApiGroups("")
                .withResources("configmaps")
                .withVerbs("update")
                .endRule()
                .build())
        .create();
    admin
        .rbac()
        .roleBindings()
        .inNamespace(namespace)
        .resource(binding("reader-0", "reader", USER))
        .create();
    try (KubernetesClient user = ApiWriteBenchmark.client(userKubeconfig())) {
      awaitAllowed(user, "get");
      Timing masters = timed(admin, seconds);
      Timing few = timed(user, seconds);
      for (int i = 1; i <= roleBindings; i++) {
        admin
            .rbac()
            .roleBindings()
            .inNamespace(namespace)
            .resource(binding("reader-" + i, "reader", "other-user-" + i))
            .create();
      }
      // The RBAC cache follows the datastore in revision order: once this last binding lets the
      // user update ConfigMaps, all the bindings before it are in the cache too.
      admin
          .rbac()
          .roleBindings()
          .inNamespace(namespace)
          .resource(binding("updater-last", "updater", USER))
          .create();
      awaitAllowed(user, "update");
      Timing many = timed(user, seconds);
      Timing mastersAgain = timed(admin, seconds);
      return new Result(mastersAgain, few, many);
    }
  }

  /** Waits until a SelfSubjectAccessReview says the user may {@code verb} ConfigMaps. */
  private void awaitAllowed(KubernetesClient user, String verb) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!allowed(user, verb)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(USER + " was not allowed to " + verb + " ConfigMaps");
      }
      Thread.sleep(50);
    }
  }

  private boolean allowed(KubernetesClient user, String verb) {
    SelfSubjectAccessReview review =
        new SelfSubjectAccessReviewBuilder()
            .withNewSpec()
            .withNewResourceAttributes()
            .withNamespace(namespace)
            .withVerb(verb)
            .withResource("configmaps")
            .withName("target")
            .endResourceAttributes()
            .endSpec()
            .build();
    return user.authorization()
        .v1()
        .selfSubjectAccessReview()
        .create(review)
        .getStatus()
        .getAllowed();
  }

  /** Gets of the ConfigMap for {@code seconds} after a warm-up of a fifth of that. */
  private Timing timed(KubernetesClient client, double seconds) {
    loop(client, seconds / 5, new Samples());
    Samples samples = new Samples();
    loop(client, seconds, samples);
    Latencies latencies = Samples.merge(List.of(samples));
    return new Timing(latencies, samples.sum() / 1e6 / samples.size());
  }

  private void loop(KubernetesClient client, double seconds, Samples samples) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      long t0 = System.nanoTime();
      if (client.configMaps().inNamespace(namespace).withName("target").get() == null) {
        throw new IllegalStateException("the target ConfigMap is missing");
      }
      samples.add(System.nanoTime() - t0);
    }
  }

  private static RoleBinding binding(String name, String role, String user) {
    return new RoleBindingBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewRoleRef()
        .withApiGroup("rbac.authorization.k8s.io")
        .withKind("Role")
        .withName(role)
        .endRoleRef()
        .addNewSubject()
        .withApiGroup("rbac.authorization.k8s.io")
        .withKind("User")
        .withName(user)
        .endSubject()
        .build();
  }

  /** A kubeconfig for {@value #USER} (no groups) with a certificate from the server's client CA. */
  private String userKubeconfig() throws Exception {
    Path tls = server.config().dataDir().resolve("server/tls");
    IssuedCertificate certificate =
        CertificateAuthority.loadOrCreate(tls, "client-ca", Clock.systemUTC())
            .issueClient(USER, List.of());
    String caPem = Files.readString(tls.resolve("server-ca.crt"));
    return Kubeconfig.render("https://127.0.0.1:" + server.port(), caPem, certificate);
  }
}

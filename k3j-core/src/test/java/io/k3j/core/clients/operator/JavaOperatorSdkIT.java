package io.k3j.core.clients.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java Operator SDK operator with the SDK's defaults (server-side apply for the finalizer and the
 * status, SSA-based matching of its Deployment and Service dependents) and leader election on a
 * Lease, run against k3j: it must converge and then stay quiet.
 */
class JavaOperatorSdkIT {
  private static final String NAMESPACE = "sites";
  private static final String CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: sites.clients.k3j.io
      spec:
        group: clients.k3j.io
        scope: Namespaced
        names: {plural: sites, singular: site, kind: Site}
        versions:
        - name: v1
          served: true
          storage: true
          subresources: {status: {}}
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    image: {type: string}
                    replicas: {type: integer}
                    port: {type: integer}
                status:
                  type: object
                  properties:
                    observedGeneration: {type: integer}
                    image: {type: string}
      """;

  @TempDir Path dir;
  private K3jServer server;
  private KubernetesClient client;
  private Operator operator;
  private final SiteReconciler reconciler = new SiteReconciler();

  @BeforeEach
  void start() throws IOException {
    server = K3jServer.start(ServerConfig.forTests(dir.resolve("data")));
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(server.kubeconfig())))
            .build();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    client.resource(Serialization.unmarshal(CRD, CustomResourceDefinition.class)).create();
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("sites.clients.k3j.io")
        .waitUntilCondition(
            crd ->
                crd.getStatus() != null
                    && crd.getStatus().getConditions().stream()
                        .anyMatch(
                            c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())),
            1,
            TimeUnit.MINUTES);
    operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withLeaderElectionConfiguration(
                        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                                SiteReconciler.NAME)
                            .withLeaseNamespace(NAMESPACE)
                            // the default ends the JVM when leadership is given up on stop()
                            .withExitOnStopLeading(false)
                            .build()));
    operator.register(reconciler, o -> o.settingNamespace(NAMESPACE));
    operator.start();
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.stop();
    }
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  @DisplayName(
      "creates the Deployment and Service, updates them on a spec change, writes nothing but lease"
          + " renewals for 60 s, and cleans up on delete")
  void convergesStaysQuietAndCleansUp() {
    await("leadership")
        .atMost(Duration.ofMinutes(1))
        .ignoreExceptions()
        .until(
            () -> {
              Lease lease =
                  client.leases().inNamespace(NAMESPACE).withName(SiteReconciler.NAME).get();
              return lease != null && lease.getSpec().getHolderIdentity() != null;
            });

    client.resource(site("web", "nginx:1.27", 2)).create();
    await("created")
        .atMost(Duration.ofMinutes(1))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(deployment("web").getSpec().getReplicas()).isEqualTo(2);
              assertThat(image(deployment("web"))).isEqualTo("nginx:1.27");
              assertThat(service("web").getSpec().getSelector())
                  .containsEntry("app.kubernetes.io/name", "web");
              assertThat(observedGeneration("web")).isEqualTo(1L);
            });
    Site created = sites().withName("web").get();
    assertThat(created.getMetadata().getFinalizers()).hasSize(1);
    assertThat(created.getMetadata().getManagedFields())
        .as("the finalizer and the status are applied by the controller's field manager")
        .anySatisfy(e -> assertApplied(e, null))
        .anySatisfy(e -> assertApplied(e, "status"));
    assertThat(deployment("web").getMetadata().getManagedFields())
        .anySatisfy(e -> assertApplied(e, null));

    Site changed = sites().withName("web").get();
    changed.getSpec().setImage("nginx:1.28");
    changed.getSpec().setReplicas(3);
    client.resource(changed).update();
    await("updated")
        .atMost(Duration.ofMinutes(1))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(deployment("web").getSpec().getReplicas()).isEqualTo(3);
              assertThat(image(deployment("web"))).isEqualTo("nginx:1.28");
              assertThat(observedGeneration("web")).isEqualTo(2L);
            });

    try (WriteLog writes = new WriteLog(server.datastore(), server.meters())) {
      int reconcilesBefore = reconciler.reconciles.get();
      await("60 s of steady state")
          .pollDelay(Duration.ofSeconds(60))
          .atMost(Duration.ofSeconds(90))
          .until(() -> true);
      assertThat(writes.otherWrites()).as("datastore writes other than leases").isEmpty();
      assertThat(writes.otherMutatingRequests()).as("mutating requests other than leases").isZero();
      assertThat(writes.leaseWrites()).as("lease renewals keep going").isNotEmpty();
      assertThat(reconciler.reconciles.get() - reconcilesBefore)
          .as("reconciles in steady state")
          .isLessThanOrEqualTo(1);
    }

    sites().withName("web").delete();
    await("cleaned up")
        .atMost(Duration.ofMinutes(1))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(sites().withName("web").get()).isNull();
              assertThat(client.apps().deployments().inNamespace(NAMESPACE).list().getItems())
                  .isEmpty();
              assertThat(client.services().inNamespace(NAMESPACE).list().getItems()).isEmpty();
            });
    assertThat(reconciler.cleanups.get()).isPositive();
  }

  private static void assertApplied(ManagedFieldsEntry entry, String subresource) {
    assertThat(entry.getManager()).isEqualTo(SiteReconciler.NAME);
    assertThat(entry.getOperation()).isEqualTo("Apply");
    assertThat(entry.getSubresource()).isEqualTo(subresource);
  }

  private static Site site(String name, String image, int replicas) {
    Site site = new Site();
    site.getMetadata().setName(name);
    site.getMetadata().setNamespace(NAMESPACE);
    site.setSpec(new SiteSpec(image, replicas, 8080));
    return site;
  }

  private NonNamespaceOperation<Site, KubernetesResourceList<Site>, Resource<Site>> sites() {
    return client.resources(Site.class).inNamespace(NAMESPACE);
  }

  private Long observedGeneration(String name) {
    Site site = sites().withName(name).get();
    return site.getStatus() == null ? null : site.getStatus().getObservedGeneration();
  }

  private Deployment deployment(String name) {
    return Objects.requireNonNull(
        client.apps().deployments().inNamespace(NAMESPACE).withName(name).get(), "deployment");
  }

  private Service service(String name) {
    return Objects.requireNonNull(
        client.services().inNamespace(NAMESPACE).withName(name).get(), "service");
  }

  private static String image(Deployment deployment) {
    List<io.fabric8.kubernetes.api.model.Container> containers =
        deployment.getSpec().getTemplate().getSpec().getContainers();
    return containers.get(0).getImage();
  }
}

package io.k3j.core.clients.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helm 3 (the Go library inside helm-java) against k3j: install, upgrade, roll back and uninstall a
 * chart, with the release history kept in Secrets as Helm keeps it.
 *
 * <p>helm-java 0.0.21 has no rollback command. Helm's rollback action takes an earlier revision's
 * chart and values and applies them with the same three-way update as an upgrade (helm
 * pkg/action/rollback.go calls {@code KubeClient.Update} as upgrade.go does), so the rollback here
 * is an upgrade to revision 1's chart with revision 1's values ({@code --reset-values}).
 */
class HelmIT {
  private static final String NAMESPACE = "shop";
  private static final String RELEASE = "shop";

  @TempDir Path dir;
  private K3jServer server;
  private KubernetesClient client;
  private Path chart;

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
    chart = ShopChart.writeTo(dir);
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  @DisplayName(
      "install, upgrade with changed values, roll back and uninstall leave the objects as Helm"
          + " says and nothing behind")
  void installUpgradeRollbackUninstall() {
    Release installed =
        new Helm(chart)
            .install()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeConfig(server.kubeconfig())
            .set("extra", "first")
            .call();
    assertThat(installed.getStatus()).isEqualTo("deployed");
    assertThat(installed.getRevision()).isEqualTo("1");
    assertThat(configMap().getData()).containsEntry("greeting", "hello");
    assertThat(configMap().getData()).containsEntry("extra", "first");
    assertThat(deployment().getSpec().getReplicas()).isEqualTo(1);
    assertThat(image()).isEqualTo("nginx:1.27");
    assertThat(password()).isEqualTo("s3cret");
    assertThat(client.services().inNamespace(NAMESPACE).withName(RELEASE).get()).isNotNull();
    assertThat(deployment().getMetadata().getAnnotations())
        .containsEntry("meta.helm.sh/release-name", RELEASE)
        .containsEntry("meta.helm.sh/release-namespace", NAMESPACE);
    assertThat(deployment().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "Helm");
    assertThat(releaseSecrets()).containsExactly("sh.helm.release.v1.shop.v1");

    Release upgraded =
        new Helm(chart)
            .upgrade()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeConfig(server.kubeconfig())
            .set("greeting", "bonjour")
            .set("replicas", 2)
            .set("image", "nginx:1.28")
            .set("password", "changed")
            .call();
    assertThat(upgraded.getStatus()).isEqualTo("deployed");
    assertThat(upgraded.getRevision()).isEqualTo("2");
    assertThat(configMap().getData())
        .as("the key the new values no longer render is removed")
        .containsOnlyKeys("greeting")
        .containsEntry("greeting", "bonjour");
    assertThat(deployment().getSpec().getReplicas()).isEqualTo(2);
    assertThat(image()).isEqualTo("nginx:1.28");
    assertThat(password()).isEqualTo("changed");

    Release rolledBack =
        new Helm(chart)
            .upgrade()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeConfig(server.kubeconfig())
            .withDescription("Rollback to 1")
            .resetValues()
            .set("extra", "first")
            .call();
    assertThat(rolledBack.getRevision()).isEqualTo("3");
    assertThat(configMap().getData())
        .containsEntry("greeting", "hello")
        .containsEntry("extra", "first");
    assertThat(deployment().getSpec().getReplicas()).isEqualTo(1);
    assertThat(image()).isEqualTo("nginx:1.27");
    assertThat(password()).isEqualTo("s3cret");
    List<ReleaseHistory> history =
        Helm.history(RELEASE).withNamespace(NAMESPACE).withKubeConfig(server.kubeconfig()).call();
    assertThat(history)
        .extracting(ReleaseHistory::getRevision, ReleaseHistory::getStatus)
        .containsExactly(tuple(1, "superseded"), tuple(2, "superseded"), tuple(3, "deployed"));
    assertThat(releaseSecrets())
        .containsExactlyInAnyOrder(
            "sh.helm.release.v1.shop.v1",
            "sh.helm.release.v1.shop.v2",
            "sh.helm.release.v1.shop.v3");

    String uninstalled =
        Helm.uninstall(RELEASE).withNamespace(NAMESPACE).withKubeConfig(server.kubeconfig()).call();
    assertThat(uninstalled).contains(RELEASE);
    await("uninstalled objects gone")
        .atMost(Duration.ofMinutes(1))
        .untilAsserted(
            () -> {
              assertThat(client.apps().deployments().inNamespace(NAMESPACE).list().getItems())
                  .isEmpty();
              assertThat(client.services().inNamespace(NAMESPACE).list().getItems()).isEmpty();
              assertThat(client.configMaps().inNamespace(NAMESPACE).list().getItems()).isEmpty();
              assertThat(client.secrets().inNamespace(NAMESPACE).list().getItems())
                  .as("the chart's Secret and every release Secret are gone")
                  .isEmpty();
            });
    assertThat(Helm.list().withNamespace(NAMESPACE).withKubeConfig(server.kubeconfig()).call())
        .isEmpty();
  }

  private ConfigMap configMap() {
    return client.configMaps().inNamespace(NAMESPACE).withName(RELEASE).get();
  }

  private Deployment deployment() {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(RELEASE).get();
  }

  private String image() {
    return deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private String password() {
    Secret secret = client.secrets().inNamespace(NAMESPACE).withName(RELEASE).get();
    return new String(
        Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8);
  }

  /** Helm's release records: Secrets labelled owner=helm, as Helm itself lists them. */
  private List<String> releaseSecrets() {
    return client
        .secrets()
        .inNamespace(NAMESPACE)
        .withLabel("owner", "helm")
        .list()
        .getItems()
        .stream()
        .map(s -> s.getMetadata().getName())
        .toList();
  }
}

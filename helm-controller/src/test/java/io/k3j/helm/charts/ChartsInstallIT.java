package io.k3j.helm.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k3j.testsupport.EmbeddedK3j;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each operator chart installs on k3j's own API server through the Helm library, and the objects it
 * promises are there: CRDs, ServiceAccount, least-privilege RBAC, the workload with requests,
 * limits and probes on every container, and Prometheus scrape annotations.
 */
class ChartsInstallIT {
  static EmbeddedK3j k3j;
  static KubernetesClient client;

  @BeforeAll
  static void start() throws IOException {
    k3j = EmbeddedK3j.start();
    client = k3j.client();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (k3j != null) {
      k3j.close();
    }
  }

  static Release install(OperatorCharts chart, String namespace) {
    return new Helm(chart.dir())
        .install()
        .withName(chart.name())
        .withNamespace(namespace)
        .createNamespace()
        .withKubeConfig(k3j.kubeconfig())
        .call();
  }

  static void assertContainers(PodTemplateSpec template) {
    List<Container> containers = template.getSpec().getContainers();
    assertThat(containers).isNotEmpty();
    for (Container c : containers) {
      assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
      assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
      assertThat(c.getLivenessProbe()).isNotNull();
      assertThat(c.getReadinessProbe()).isNotNull();
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    }
  }

  static void assertNoWildcards(List<PolicyRule> rules) {
    for (PolicyRule rule : rules) {
      assertThat(rule.getVerbs()).doesNotContain("*");
      assertThat(rule.getResources()).doesNotContain("*");
      assertThat(rule.getApiGroups()).doesNotContain("*");
    }
  }

  @Test
  @DisplayName(
      "the system-upgrade-controller chart installs the Plan CRD, RBAC and a probed Deployment")
  void systemUpgradeController() {
    Release release = install(OperatorCharts.ALL.get(0), "system-upgrade");
    assertThat(release.getStatus()).isEqualTo("deployed");
    assertThat(
            client
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("plans.upgrade.cattle.io")
                .get())
        .isNotNull();
    assertThat(
            client
                .serviceAccounts()
                .inNamespace("system-upgrade")
                .withName("system-upgrade-controller")
                .get())
        .isNotNull();
    Deployment deployment =
        client
            .apps()
            .deployments()
            .inNamespace("system-upgrade")
            .withName("system-upgrade-controller")
            .get();
    assertThat(deployment).isNotNull();
    assertContainers(deployment.getSpec().getTemplate());
    assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("system-upgrade-controller");
    assertNoWildcards(
        client.rbac().clusterRoles().withName("system-upgrade-controller").get().getRules());
    Role role =
        client
            .rbac()
            .roles()
            .inNamespace("system-upgrade")
            .withName("system-upgrade-controller")
            .get();
    assertNoWildcards(role.getRules());
    assertThat(role.getRules())
        .anySatisfy(r -> assertThat(r.getResources()).contains("plans/status"));
    assertThat(
            client
                .rbac()
                .clusterRoleBindings()
                .withName("system-upgrade-controller")
                .get()
                .getSubjects())
        .anySatisfy(s -> assertThat(s.getNamespace()).isEqualTo("system-upgrade"));
  }

  @Test
  @DisplayName(
      "the telemetry-buffer chart installs a node-local DaemonSet with scrape annotations and a"
          + " local-traffic Service")
  void telemetryBuffer() {
    Release release = install(OperatorCharts.ALL.get(1), "telemetry");
    assertThat(release.getStatus()).isEqualTo("deployed");
    DaemonSet ds =
        client.apps().daemonSets().inNamespace("telemetry").withName("telemetry-buffer").get();
    assertThat(ds).isNotNull();
    assertContainers(ds.getSpec().getTemplate());
    assertThat(ds.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "4318");
    assertThat(ds.getSpec().getTemplate().getSpec().getInitContainers())
        .allSatisfy(c -> assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory"));
    assertThat(
            client
                .services()
                .inNamespace("telemetry")
                .withName("telemetry-buffer")
                .get()
                .getSpec()
                .getInternalTrafficPolicy())
        .isEqualTo("Local");
    assertNoWildcards(
        client
            .rbac()
            .roles()
            .inNamespace("telemetry")
            .withName("telemetry-buffer")
            .get()
            .getRules());
    assertThat(client.serviceAccounts().inNamespace("telemetry").withName("telemetry-buffer").get())
        .isNotNull();
  }

  @Test
  @DisplayName("the local-registry chart installs a probed Deployment, its Service and RBAC")
  void localRegistry() {
    Release release = install(OperatorCharts.ALL.get(2), "registry");
    assertThat(release.getStatus()).isEqualTo("deployed");
    Deployment deployment =
        client.apps().deployments().inNamespace("registry").withName("local-registry").get();
    assertThat(deployment).isNotNull();
    assertContainers(deployment.getSpec().getTemplate());
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .contains("registry", "--upstream=docker.io=https://registry-1.docker.io");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "5000");
    assertThat(client.services().inNamespace("registry").withName("local-registry").get())
        .isNotNull();
    assertNoWildcards(
        client.rbac().roles().inNamespace("registry").withName("local-registry").get().getRules());
  }
}

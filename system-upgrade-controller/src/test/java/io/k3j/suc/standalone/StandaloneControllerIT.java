package io.k3j.suc.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.suc.StandaloneConfig;
import io.k3j.suc.StandaloneController;
import io.k3j.testsupport.EmbeddedK3j;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The standalone controller, configured by environment as the chart runs it, against k3j's API
 * server: it reconciles a Plan and serves the plan's meters, the JVM's, and its health.
 */
class StandaloneControllerIT {
  static final String NS = "system-upgrade";
  static EmbeddedK3j k3j;
  static KubernetesClient client;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    k3j = EmbeddedK3j.start();
    client = k3j.client();
    EmbeddedK3j.createNamespace(client, NS);
  }

  @AfterAll
  static void stop() {
    client.close();
    k3j.close();
  }

  static HttpResponse<String> get(StandaloneController controller, String path)
      throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + controller.metricsAddress().getPort() + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName(
      "started from SYSTEM_UPGRADE_* variables, it reconciles a Plan and serves suc_plan_* and JVM"
          + " meters on /metrics and ok on /healthz and /readyz; closed, it stops listening")
  void servesMetricsAndHealth() throws Exception {
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName("edge-0")
                .withLabels(Map.of("kubernetes.io/hostname", "edge-0", "group", "standalone"))
                .endMetadata()
                .build())
        .create();
    StandaloneConfig config =
        StandaloneConfig.fromEnv(
            Map.of(
                "SYSTEM_UPGRADE_CONTROLLER_NAME",
                "suc",
                "SYSTEM_UPGRADE_CONTROLLER_NAMESPACE",
                NS,
                StandaloneConfig.KUBE_CONFIG,
                k3j.kubeconfig().toString(),
                StandaloneConfig.METRICS_ADDRESS,
                "127.0.0.1:0"));
    StandaloneController controller = StandaloneController.start(config, Clock.systemUTC());
    int port = controller.metricsAddress().getPort();
    try {
      client
          .resource(
              Serialization.unmarshal(
                  "apiVersion: upgrade.cattle.io/v1\nkind: Plan\n"
                      + "metadata: {name: standalone, namespace: "
                      + NS
                      + "}\nspec:\n  concurrency: 1\n  version: v1\n"
                      + "  nodeSelector: {matchLabels: {group: standalone}}\n"
                      + "  upgrade: {image: x}\n",
                  Plan.class))
          .create();
      await()
          .atMost(Duration.ofMinutes(2))
          .untilAsserted(
              () -> {
                HttpResponse<String> metrics = get(controller, "/metrics");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body())
                    .contains("suc_plan_nodes_selected{plan=\"system-upgrade/standalone\"} 1")
                    .contains("jvm_memory_used_bytes")
                    .contains("process_uptime_seconds");
              });
      await()
          .atMost(Duration.ofMinutes(1))
          .untilAsserted(
              () -> {
                HttpResponse<String> healthz = get(controller, "/healthz");
                assertThat(healthz.statusCode()).isEqualTo(200);
                assertThat(healthz.body()).isEqualTo("ok");
                assertThat(get(controller, "/readyz").statusCode()).isEqualTo(200);
              });
      assertThat(
              client
                  .resources(Plan.class)
                  .inNamespace(NS)
                  .withName("standalone")
                  .get()
                  .getStatus()
                  .getLatestVersion())
          .isEqualTo("v1");
    } finally {
      controller.close();
    }
    assertThat(controller.isRunning()).isFalse();
    assertThatThrownBy(
            () ->
                http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }
}

package io.k3j.core.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k3j.core.apiserver.resources.BuiltinResources;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.apiserver.resources.ResourceType;
import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.Datastores;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fabric8 informer, unchanged, against k3j: list then live events, resume without a relist after
 * the server goes away, relist after 410, and 409 on a stale resourceVersion.
 */
class Fabric8InformerIT {
  @TempDir Path dir;
  private ServerConfig config;
  private K3jServer server;
  private MeterRegistry meters;
  private KubernetesClient client;
  private SharedIndexInformer<ConfigMap> informer;
  private final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    ServerConfig tests = ServerConfig.forTests(dir.resolve("data"));
    meters = new SimpleMeterRegistry();
    server = K3jServer.start(tests, meters);
    config = tests.withHttpsPort(server.port());
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(server.kubeconfig())))
            .build();
  }

  @AfterEach
  void stop() {
    if (informer != null) {
      informer.close();
    }
    client.close();
    server.close();
  }

  private void inform() {
    informer =
        client
            .configMaps()
            .inNamespace("default")
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ConfigMap cm) {
                    events.add("ADDED " + cm.getMetadata().getName());
                  }

                  @Override
                  public void onUpdate(ConfigMap old, ConfigMap cm) {
                    if (!old.getMetadata()
                        .getResourceVersion()
                        .equals(cm.getMetadata().getResourceVersion())) {
                      events.add("MODIFIED " + cm.getMetadata().getName());
                    }
                  }

                  @Override
                  public void onDelete(ConfigMap cm, boolean unknownFinalState) {
                    events.add("DELETED " + cm.getMetadata().getName());
                  }
                },
                0);
  }

  private ConfigMap configMap(String name, String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withData(Map.of("key", value))
        .build();
  }

  private double requests(String verb) {
    return meters
        .find("apiserver_request")
        .tag("verb", verb)
        .tag("resource", "configmaps")
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  /** Stops the server, writes a ConfigMap straight into its datastore, and starts it again. */
  private void restartWithWriteWhileDown(String name, boolean compact) {
    server.close();
    try (Backend backend = Datastores.open(config.datastoreEndpoint(), new SimpleMeterRegistry())) {
      ObjectStore store = new ObjectStore(backend, Clock.systemUTC());
      ResourceType configMaps =
          BuiltinResources.all().stream()
              .filter(t -> t.plural().equals("configmaps"))
              .findFirst()
              .orElseThrow();
      ObjectNode cm = Json.MAPPER.valueToTree(configMap(name, "offline"));
      store.create(configMaps, "default", cm);
      if (compact) {
        backend.compact(backend.currentRevision()).join();
      }
    }
    meters = new SimpleMeterRegistry();
    server = K3jServer.start(config, meters);
  }

  @Test
  @DisplayName("the informer lists, then sees creates, updates and deletes as they happen")
  void listThenWatch() {
    client.configMaps().resource(configMap("before", "1")).create();
    inform();
    await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("ADDED before"));
    client.configMaps().resource(configMap("live", "1")).create();
    client.configMaps().resource(configMap("live", "2")).update();
    client.configMaps().inNamespace("default").withName("live").delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("DELETED live"));
    assertThat(events).containsSubsequence("ADDED live", "MODIFIED live", "DELETED live");
    assertThat(requests("list")).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "after a restart the informer resumes its watch, gets what it missed, and does not relist")
  void resumesWithoutRelist() {
    inform();
    client.configMaps().resource(configMap("first", "1")).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("ADDED first"));
    restartWithWriteWhileDown("missed", false);
    await().atMost(Duration.ofSeconds(30)).until(() -> events.contains("ADDED missed"));
    assertThat(requests("watch")).isGreaterThanOrEqualTo(1);
    assertThat(requests("list")).isZero();
    assertThat(events).containsOnlyOnce("ADDED first");
  }

  @Test
  @DisplayName("when the history it would resume from is compacted, the informer relists")
  void relistsAfterGone() {
    inform();
    client.configMaps().resource(configMap("old", "1")).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("ADDED old"));
    restartWithWriteWhileDown("compacted", true);
    await().atMost(Duration.ofSeconds(30)).until(() -> events.contains("ADDED compacted"));
    assertThat(requests("list")).isGreaterThanOrEqualTo(1);
    assertThat(informer.getStore().list())
        .extracting(cm -> cm.getMetadata().getName())
        .contains("old", "compacted");
  }

  @Test
  @DisplayName("an update or an edit with a stale resourceVersion is refused with 409")
  void staleResourceVersion() {
    ConfigMap created = client.configMaps().resource(configMap("stale", "1")).create();
    client.configMaps().resource(configMap("stale", "2")).update();
    assertThatThrownBy(() -> client.configMaps().resource(created).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThatThrownBy(
            () ->
                client
                    .configMaps()
                    .inNamespace("default")
                    .withName("stale")
                    .edit(
                        cm -> {
                          cm.getMetadata()
                              .setResourceVersion(created.getMetadata().getResourceVersion());
                          cm.getData().put("key", "3");
                          return cm;
                        }))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(client.configMaps().inNamespace("default").withName("stale").get().getData())
        .containsEntry("key", "2");
  }
}

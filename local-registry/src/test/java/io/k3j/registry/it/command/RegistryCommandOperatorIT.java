package io.k3j.registry.it.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.registry.v1.RegistryMirror;
import io.k3j.registry.RegistryCommand;
import io.k3j.registry.testing.Processes;
import io.k3j.testsupport.EmbeddedK3j;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone main with {@code --kubeconfig} also runs the operator against that cluster. */
class RegistryCommandOperatorIT {
  @TempDir Path dir;
  Process process;
  EmbeddedK3j k3j;
  KubernetesClient client;

  @AfterEach
  void stop() throws Exception {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
    if (client != null) {
      client.close();
    }
    if (k3j != null) {
      k3j.close();
    }
  }

  @Test
  @DisplayName(
      "with --kubeconfig the registry process reconciles RegistryMirrors: ConfigMap and node files use --advertise-url")
  void operatorFromFlags() throws Exception {
    k3j = EmbeddedK3j.start();
    client = k3j.client();
    int port = Processes.freePort();
    Path node = dir.resolve("node");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    RegistryCommand.class.getName(),
                    "--listen",
                    "127.0.0.1:" + port,
                    "--data-dir",
                    dir.resolve("data").toString(),
                    "--kubeconfig",
                    k3j.kubeconfig().toString(),
                    "--mirror-config-dir",
                    node.toString(),
                    "--advertise-url",
                    "http://10.0.0.5:5000"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () ->
                client
                        .apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName("registrymirrors.registry.k3j.io")
                        .get()
                    != null);
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              client
                  .resource(
                      Serialization.unmarshal(
                          "apiVersion: registry.k3j.io/v1\nkind: RegistryMirror\n"
                              + "metadata: {name: hub, namespace: default}\n"
                              + "spec: {upstreams: [{name: docker.io}]}\n",
                          RegistryMirror.class))
                  .create();
              return true;
            });

    String hosts =
        "server = \"https://registry-1.docker.io\"\n\n"
            + "[host.\"http://10.0.0.5:5000\"]\n"
            + "  capabilities = [\"pull\", \"resolve\"]\n";
    ConfigMap configMap =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> client.configMaps().inNamespace("default").withName("hub").get(),
                c -> c != null);
    assertThat(configMap.getData().get("docker.io.hosts.toml")).isEqualTo(hosts);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.exists(node.resolve("certs.d/docker.io/hosts.toml")));
    assertThat(node.resolve("certs.d/docker.io/hosts.toml")).hasContent(hosts);

    process.destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    process = null;
  }
}

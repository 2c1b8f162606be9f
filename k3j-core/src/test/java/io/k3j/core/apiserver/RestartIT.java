package io.k3j.core.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stop and start on the same data dir: objects, resourceVersions and watch history survive. */
class RestartIT {
  @TempDir Path dir;

  @Test
  @DisplayName(
      "objects and resourceVersions persist; a watch resumed from before the restart gets exactly what it missed")
  void restart() throws Exception {
    ServerConfig config = ServerConfig.forTests(dir.resolve("data"));
    Path cache = dir.resolve("cache");
    String before;
    String version;
    try (K3jServer server = K3jServer.start(config)) {
      Kubectl kubectl = new Kubectl(server.kubeconfig(), cache);
      kubectl.ok("create", "configmap", "kept", "--from-literal=a=1");
      version = kubectl.ok("get", "cm", "kept", "-o", "jsonpath={.metadata.resourceVersion}");
      before = Long.toString(server.datastore().currentRevision());
    }
    try (K3jServer server = K3jServer.start(config)) {
      Kubectl kubectl = new Kubectl(server.kubeconfig(), cache);
      assertThat(kubectl.ok("get", "cm", "kept", "-o", "jsonpath={.metadata.resourceVersion}"))
          .isEqualTo(version);
      kubectl.ok("create", "configmap", "after", "--from-literal=b=2");
      kubectl.ok("label", "cm", "kept", "x=y");
      kubectl.ok("delete", "cm", "after");
    }
    try (K3jServer server = K3jServer.start(config)) {
      Kubectl kubectl = new Kubectl(server.kubeconfig(), cache);
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Process watch =
          kubectl.start(
              "get",
              "--raw",
              "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=" + before);
      Thread reader =
          new Thread(
              () -> {
                try (var out = watch.inputReader()) {
                  out.lines().forEach(lines::add);
                } catch (java.io.IOException e) {
                  // the process was stopped
                }
              });
      reader.start();
      List<String> events = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String line = lines.poll(20, TimeUnit.SECONDS);
        assertThat(line).as("event %d", i).isNotNull();
        events.add(line.replaceAll(".*\"type\":\"(\\w+)\".*\"name\":\"(\\w+)\".*", "$1 $2"));
      }
      assertThat(events).containsExactly("ADDED after", "MODIFIED kept", "DELETED after");
      assertThat(lines.poll(500, TimeUnit.MILLISECONDS)).isNull();
      watch.destroy();
      reader.join(5_000);
    }
  }
}

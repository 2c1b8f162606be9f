package io.k3j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k3j.testsupport.EmbeddedK3j;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/k3j-image} builds the image the Helm charts run, and each chart's command works in it
 * when {@code runc} runs it as the charts' pods do: user 65532, read-only root, a writable /tmp.
 */
class ImageIT {
  private static final int CHART_USER = 65532;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dir;
  static Path layout;
  static Path rootfs;

  @BeforeAll
  static void build() throws Exception {
    layout = dir.resolve("layout");
    Path root = LauncherProcess.repoRoot();
    String output =
        RuncContainer.exec(
            root,
            "env",
            "K3J_SKIP_BUILD=1", // Maven packaged the jar just before
            root.resolve("bin/k3j-image").toString(),
            "--output",
            layout.toString(),
            "--tag",
            "it",
            "--docker-archive",
            dir.resolve("k3j.tar").toString());
    assertThat(output).contains("wrote " + layout);

    // Unpack the layers in order, as a container runtime does.
    rootfs = Files.createDirectory(dir.resolve("rootfs"));
    for (JsonNode layer : manifest().get("layers")) {
      RuncContainer.exec(rootfs, "tar", "-xzf", blob(layer.get("digest").asText()).toString());
    }
  }

  @Test
  @DisplayName("the image config runs k3j as the charts' user, with java and k3j on the PATH")
  void config() throws Exception {
    JsonNode config = JSON.readTree(blob(manifest().get("config").get("digest").asText()).toFile());
    assertThat(config.get("os").asText()).isEqualTo("linux");
    assertThat(config.at("/config/User").asText()).isEqualTo(CHART_USER + ":" + CHART_USER);
    assertThat(config.at("/config/Entrypoint/0").asText()).isEqualTo("/usr/local/bin/k3j");
    assertThat(config.at("/config/Env").toString()).contains("/usr/local/bin", "/opt/java/bin");
    assertThat(config.at("/rootfs/diff_ids")).hasSize(2);
    // skopeo, as a registry client, takes the layout and the docker-archive tarball.
    String inspected =
        RuncContainer.exec(dir, "skopeo", "inspect", "docker-archive:" + dir.resolve("k3j.tar"));
    assertThat(JSON.readTree(inspected).get("Layers")).hasSize(2);
    assertThat(RuncContainer.exec(dir, "skopeo", "inspect", "oci:" + layout + ":it"))
        .contains("\"Architecture\"");
  }

  @Test
  @DisplayName("k3j --version runs in the container")
  void version() throws Exception {
    try (RuncContainer k3j = start(List.of("k3j", "--version"), Map.of(), Map.of())) {
      assertThat(k3j.exitCode(120)).as(k3j.output()).isZero();
      assertThat(k3j.output()).contains("k3j version");
    }
  }

  @Test
  @DisplayName(
      "the local-registry chart's command serves the registry, with SQLite, from the image")
  void registry() throws Exception {
    int port = freePort();
    List<String> args =
        List.of("k3j", "registry", "--listen=127.0.0.1:" + port, "--data-dir=/tmp/registry");
    try (RuncContainer registry = start(args, Map.of(), Map.of())) {
      String base = "http://127.0.0.1:" + port;
      awaitStatus(base + "/v2/", 200, registry);
      byte[] content = "a layer pushed into the container".getBytes(StandardCharsets.UTF_8);
      String digest = "sha256:" + HexFormat.of().formatHex(sha256(content));
      HttpResponse<String> push =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/v2/it/blobs/uploads/?digest=" + digest))
                  .header("Content-Type", "application/octet-stream")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(content))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(push.statusCode()).as(push.body()).isEqualTo(201);
      HttpResponse<byte[]> pull =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/v2/it/blobs/" + digest)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(pull.body()).isEqualTo(content);
      assertThat(get(base + "/metrics").body()).contains("registry");
      registry.terminate();
      assertThat(registry.exitCode(60)).as(registry.output()).isIn(0, 143);
    }
  }

  @Test
  @DisplayName("the telemetry-buffer chart's command takes OTLP into its Chronicle queue")
  void telemetryBuffer() throws Exception {
    int http = freePort();
    int grpc = freePort();
    List<String> args =
        List.of(
            "k3j",
            "telemetry-buffer",
            "--data-dir=/tmp/telemetry",
            "--http-listen=127.0.0.1:" + http,
            "--grpc-listen=127.0.0.1:" + grpc);
    try (RuncContainer buffer = start(args, Map.of(), Map.of())) {
      String base = "http://127.0.0.1:" + http;
      awaitStatus(base + "/healthz", 200, buffer);
      // An empty ExportTraceServiceRequest: appended durably, then acknowledged.
      HttpResponse<String> export =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/v1/traces"))
                  .header("Content-Type", "application/x-protobuf")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0]))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
      HttpResponse<String> wrongType =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/v1/traces"))
                  .header("Content-Type", "text/plain")
                  .POST(HttpRequest.BodyPublishers.ofString("x"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(wrongType.statusCode()).isEqualTo(415);
    }
  }

  @Test
  @DisplayName("the telemetry-buffer chart's init container chowns as root with only CAP_CHOWN")
  void chown() throws Exception {
    List<String> command = List.of("chown", CHART_USER + ":" + CHART_USER, "/tmp");
    try (RuncContainer init =
        RuncContainer.start(rootfs, 0, List.of("CAP_CHOWN"), command, Map.of(), Map.of())) {
      assertThat(init.exitCode(60)).as(init.output()).isZero();
    }
  }

  @Test
  @DisplayName("the system-upgrade-controller chart's command reaches the API server and is ready")
  void systemUpgradeController() throws Exception {
    int metrics = freePort();
    try (EmbeddedK3j k3j = EmbeddedK3j.start()) {
      Path kubeconfig = dir.resolve("suc-kubeconfig.yaml");
      Files.copy(k3j.kubeconfig(), kubeconfig);
      Files.setAttribute(kubeconfig, "unix:uid", CHART_USER); // 0600, readable by the pod's user
      List<String> command =
          List.of("java", "-cp", "/opt/k3j/k3j.jar", "io.k3j.suc.SystemUpgradeControllerMain");
      Map<String, String> env =
          Map.of(
              "SYSTEM_UPGRADE_CONTROLLER_KUBE_CONFIG", "/etc/k3j/kubeconfig",
              "SYSTEM_UPGRADE_CONTROLLER_NAME", "system-upgrade-controller",
              "SYSTEM_UPGRADE_CONTROLLER_METRICS_ADDRESS", "127.0.0.1:" + metrics,
              "SYSTEM_UPGRADE_CONTROLLER_NAMESPACE", "default");
      try (RuncContainer controller =
          start(command, env, Map.of(kubeconfig, "/etc/k3j/kubeconfig"))) {
        String base = "http://127.0.0.1:" + metrics;
        awaitStatus(base + "/readyz", 200, controller);
        assertThat(get(base + "/metrics").body()).contains("jvm_memory_used_bytes");
      }
    }
  }

  /** As the charts' containers run: their user, every capability dropped. */
  private static RuncContainer start(
      List<String> args, Map<String, String> env, Map<Path, String> mounts)
      throws IOException, InterruptedException {
    return RuncContainer.start(rootfs, CHART_USER, List.of(), args, env, mounts);
  }

  private static JsonNode manifest() throws IOException {
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    return JSON.readTree(blob(index.at("/manifests/0/digest").asText()).toFile());
  }

  private static Path blob(String digest) {
    return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
  }

  private static void awaitStatus(String url, int status, RuncContainer container) {
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(250))
        .failFast(() -> assertThat(container.alive()).as(container::output).isTrue())
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(get(url).statusCode()).isEqualTo(status));
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] sha256(byte[] content) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(content);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

package io.k3j.core.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k3j.core.apiserver.Kubectl;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real kubectl printing the Tables of a k3j server started in-process. */
class KubectlTableIT {
  private static final String NAMESPACE = "table-it";

  @TempDir static Path dir;
  private static K3jServer server;

  @BeforeAll
  static void start() throws Exception {
    server = K3jServer.start(ServerConfig.forTests(dir.resolve("data")));
    apply(
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: table-it
        status:
          phase: Active
        """);
    apply(
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: table-it
          labels:
            tier: edge
        data:
          mode: fast
          level: "3"
        """);
    apply(
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          namespace: table-it
        spec:
          nodeName: edge-1
          containers:
          - name: web
            image: nginx:1.27
          - name: log
            image: busybox
        """);
    // Status is not taken on create (as upstream): the kubelet's part is played through /status.
    kubectl(
        "patch",
        "pod",
        "web",
        "-n",
        "table-it",
        "--subresource=status",
        "--type=merge",
        "-p",
        "{\"status\":{\"phase\":\"Running\",\"podIPs\":[{\"ip\":\"10.42.0.7\"}],"
            + "\"containerStatuses\":[{\"name\":\"web\",\"ready\":true,\"restartCount\":0,"
            + "\"state\":{\"running\":{}}},{\"name\":\"log\",\"ready\":false,"
            + "\"restartCount\":0,\"state\":{\"waiting\":{\"reason\":\"CrashLoopBackOff\"}}}]}}");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("kubectl get pods,configmaps,namespaces prints the server's columns and cells")
  void columns() throws Exception {
    String output = kubectl("get", "pods,configmaps,namespaces", "-n", NAMESPACE);
    assertThat(output)
        .containsPattern("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\n")
        .containsPattern("pod/web\\s+1/2\\s+CrashLoopBackOff\\s+0\\s+\\d+s\\n")
        .containsPattern("NAME\\s+DATA\\s+AGE\\n")
        .containsPattern("configmap/settings\\s+2\\s+\\d+s")
        .containsPattern("NAME\\s+STATUS\\s+AGE\\n")
        .containsPattern("namespace/table-it\\s+Active\\s+\\d+s");
    assertThat(output).doesNotContain("NOMINATED NODE");
  }

  @Test
  @DisplayName("-o wide adds the priority-1 columns")
  void wide() throws Exception {
    assertThat(kubectl("get", "pods", "-n", NAMESPACE, "-o", "wide"))
        .containsPattern(
            "NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+NODE\\s+NOMINATED NODE\\s+"
                + "READINESS GATES\\n")
        .containsPattern(
            "web\\s+1/2\\s+CrashLoopBackOff\\s+0\\s+\\d+s\\s+10\\.42\\.0\\.7\\s+edge-1"
                + "\\s+<none>\\s+<none>");
  }

  @Test
  @DisplayName("one object, all namespaces and labels print from the row's object metadata")
  void metadataColumns() throws Exception {
    assertThat(kubectl("get", "configmap", "settings", "-n", NAMESPACE))
        .containsPattern("^NAME\\s+DATA\\s+AGE\\nsettings\\s+2\\s+\\d+s$");
    assertThat(kubectl("get", "configmaps", "-A"))
        .containsPattern("NAMESPACE\\s+NAME\\s+DATA\\s+AGE\\n")
        .containsPattern("table-it\\s+settings\\s+2\\s+\\d+s");
    assertThat(kubectl("get", "configmaps", "-n", NAMESPACE, "--show-labels"))
        .containsPattern("NAME\\s+DATA\\s+AGE\\s+LABELS\\nsettings\\s+2\\s+\\d+s\\s+tier=edge");
  }

  @Test
  @DisplayName("the answer's Content-Type echoes the negotiated Table media type")
  void contentType() throws Exception {
    assertThat(kubectl("get", "configmaps", "-n", NAMESPACE, "-v=8"))
        .contains("Accept: application/json;as=Table;v=v1;g=meta.k8s.io")
        .contains("Content-Type: application/json;as=Table;v=v1;g=meta.k8s.io");
  }

  @Test
  @DisplayName("kubectl get -w prints the header once and a row per watch event")
  void watch() throws Exception {
    Process watch = start("get", "configmaps", "-n", NAMESPACE, "-w");
    StringBuffer output = new StringBuffer();
    Thread reader = new Thread(() -> copy(watch.getInputStream(), output));
    reader.start();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> output.toString().matches("(?s).*settings\\s+2\\s+\\d+s.*"));
      apply(
          """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: watched
            namespace: table-it
          data:
            a: "1"
          """);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> output.toString().matches("(?s).*watched\\s+1\\s+\\d+s.*"));
    } finally {
      watch.destroy();
      watch.waitFor(10, TimeUnit.SECONDS);
      reader.join(10_000);
    }
    String printed = output.toString();
    assertThat(printed.indexOf("NAME")).isEqualTo(printed.lastIndexOf("NAME"));
  }

  private static void apply(String yaml) throws Exception {
    Path manifest = Files.createTempFile(dir, "manifest", ".yaml");
    Files.writeString(manifest, yaml);
    kubectl("create", "--validate=false", "-f", manifest.toString());
  }

  private static Process start(String... args) throws IOException {
    return new Kubectl(server.kubeconfig(), dir.resolve("kube-cache")).start(args);
  }

  /** Runs kubectl to its end and returns what it printed; fails unless it succeeds. */
  private static String kubectl(String... args) throws IOException, InterruptedException {
    return new Kubectl(server.kubeconfig(), dir.resolve("kube-cache")).ok(args);
  }

  private static void copy(InputStream in, StringBuffer out) {
    byte[] buffer = new byte[4096];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      out.append("\n[read failed: ").append(e.getMessage()).append(']');
    }
  }
}

package io.k3j.helm.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.k3j.crds.helm.v1.FailurePolicy;
import io.k3j.crds.helm.v1.HelmChart;
import io.k3j.crds.helm.v1.HelmChartCondition;
import io.k3j.crds.helm.v1.HelmChartConfig;
import io.k3j.crds.helm.v1.HelmChartConfigSpec;
import io.k3j.crds.helm.v1.HelmChartSpec;
import io.k3j.crds.helm.v1.SecretSpec;
import io.k3j.helm.HelmController;
import io.k3j.helm.TestCharts;
import io.k3j.testsupport.EmbeddedK3j;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HelmCharts on k3j's own API server, installed in-process by {@link HelmController}: from a .tgz
 * in the charts folder (no network), from {@code chartContent}, upgraded when values change,
 * uninstalled on delete, and a failing install reported as a condition and an event.
 */
class HelmChartLifecycleIT {
  static final Duration WAIT = Duration.ofMinutes(3);
  static EmbeddedK3j k3j;
  static KubernetesClient client;
  static HelmController controller;
  static Path chartsDir;
  @TempDir static Path work;

  @BeforeAll
  static void start() throws IOException {
    k3j = EmbeddedK3j.start();
    client = k3j.client();
    chartsDir = k3j.dataDir().resolve("server/static/charts");
    Files.createDirectories(chartsDir);
    controller = HelmController.start(client, k3j.kubeconfig(), chartsDir);
  }

  @AfterAll
  static void stop() {
    if (controller != null) {
      controller.close();
    }
    if (client != null) {
      client.close();
    }
    if (k3j != null) {
      k3j.close();
    }
  }

  static HelmChart chart(String name, HelmChartSpec spec) {
    HelmChart chart = new HelmChart();
    chart.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
    chart.setSpec(spec);
    return chart;
  }

  static Optional<String> configValue(String namespace, String release, String key) {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(release + "-config").get();
    return cm == null ? Optional.empty() : Optional.ofNullable(cm.getData().get(key));
  }

  static Optional<HelmChartCondition> condition(String name, String type) {
    HelmChart chart = client.resources(HelmChart.class).inNamespace("default").withName(name).get();
    if (chart == null || chart.getStatus() == null || chart.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return chart.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst();
  }

  /** A JSON merge patch without resourceVersion, so that it never conflicts with the controller. */
  static void patch(String name, String json) {
    client
        .resources(HelmChart.class)
        .inNamespace("default")
        .withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }

  /** Runs kubectl with the server's kubeconfig; returns its output, failing on a non-zero exit. */
  static String kubectl(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("kubectl", "--kubeconfig", k3j.kubeconfig().toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("kubectl %s: %s", List.of(args), output).isZero();
    return output;
  }

  static long eventCount(String name, String reason) {
    return client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason()))
        .count();
  }

  static boolean hasEvent(String name, String reason) {
    return client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .map(Event::getReason)
        .anyMatch(reason::equals);
  }

  @Test
  @DisplayName(
      "a chart .tgz in the charts folder installs, upgrades on valuesContent, HelmChartConfig and"
          + " set changes, and uninstalls on delete")
  void chartsFolderLifecycle() {
    Path dir = TestCharts.chartDir(work.resolve("demo"), "demo", "0.1.0", false);
    TestCharts.pack(dir, chartsDir, "demo.tgz");
    HelmChartSpec spec = new HelmChartSpec();
    spec.setChart("https://%{KUBERNETES_API}%/static/charts/demo.tgz");
    spec.setTargetNamespace("demo-ns");
    spec.setCreateNamespace(true);
    spec.setValuesContent("greeting: hello\n");
    client.resource(chart("demo", spec)).create();

    await()
        .atMost(WAIT)
        .until(() -> configValue("demo-ns", "demo", "greeting").equals(Optional.of("hello")));
    await().atMost(WAIT).until(() -> hasEvent("demo", "Installed"));
    await()
        .atMost(WAIT)
        .until(
            () ->
                condition("demo", "Deployed")
                    .filter(c -> "True".equals(c.getStatus()))
                    .isPresent());
    assertThat(condition("demo", "Failed")).map(HelmChartCondition::getStatus).contains("False");
    HelmChart installed =
        client.resources(HelmChart.class).inNamespace("default").withName("demo").get();
    assertThat(installed.getMetadata().getFinalizers())
        .contains("wrangler.cattle.io/on-helm-chart-remove");
    assertThat(installed.getMetadata().getAnnotations())
        .containsKey("helmcharts.helm.cattle.io/configHash");
    assertThat(
            client
                .secrets()
                .inNamespace("demo-ns")
                .withLabels(Map.of("owner", "helm", "name", "demo"))
                .list()
                .getItems())
        .hasSize(1);

    patch("demo", "{\"spec\":{\"valuesContent\":\"greeting: hi\\nextra: from-chart\\n\"}}");
    await()
        .atMost(WAIT)
        .until(() -> configValue("demo-ns", "demo", "greeting").equals(Optional.of("hi")));
    assertThat(configValue("demo-ns", "demo", "extra")).contains("from-chart");
    await().atMost(WAIT).until(() -> hasEvent("demo", "Upgraded"));

    HelmChartConfig config = new HelmChartConfig();
    config.setMetadata(new ObjectMetaBuilder().withName("demo").withNamespace("default").build());
    HelmChartConfigSpec configSpec = new HelmChartConfigSpec();
    configSpec.setValuesContent("greeting: from-config\n");
    config.setSpec(configSpec);
    client.resource(config).create();
    await()
        .atMost(WAIT)
        .until(() -> configValue("demo-ns", "demo", "greeting").equals(Optional.of("from-config")));
    assertThat(configValue("demo-ns", "demo", "extra")).contains("from-chart");

    patch("demo", "{\"spec\":{\"set\":{\"greeting\":\"from-set,with-comma\"}}}");
    await()
        .atMost(WAIT)
        .until(
            () ->
                configValue("demo-ns", "demo", "greeting")
                    .equals(Optional.of("from-set,with-comma")));

    client.resources(HelmChart.class).inNamespace("default").withName("demo").delete();
    await()
        .atMost(WAIT)
        .until(
            () ->
                client.resources(HelmChart.class).inNamespace("default").withName("demo").get()
                    == null);
    assertThat(configValue("demo-ns", "demo", "greeting")).isEmpty();
    assertThat(
            client
                .secrets()
                .inNamespace("demo-ns")
                .withLabels(Map.of("owner", "helm", "name", "demo"))
                .list()
                .getItems())
        .isEmpty();
    assertThat(hasEvent("demo", "Uninstalled")).isTrue();
    client.resource(config).delete();
  }

  @Test
  @DisplayName("a chart given inline as base64 chartContent installs into the chart's namespace")
  void chartContentInstalls() throws IOException {
    Path dir = TestCharts.chartDir(work.resolve("inline"), "inline", "0.2.0", false);
    Path tgz = TestCharts.pack(dir, work.resolve("inline-out"), "inline.tgz");
    HelmChartSpec spec = new HelmChartSpec();
    spec.setChartContent(Base64.getEncoder().encodeToString(Files.readAllBytes(tgz)));
    spec.setSet(Map.of("extra", new IntOrString(42)));
    client.resource(chart("inline", spec)).create();

    await()
        .atMost(WAIT)
        .until(() -> configValue("default", "inline", "extra").equals(Optional.of("42")));
    assertThat(configValue("default", "inline", "chartVersion")).contains("0.2.0");
    client.resources(HelmChart.class).inNamespace("default").withName("inline").delete();
    await().atMost(WAIT).until(() -> configValue("default", "inline", "greeting").isEmpty());
  }

  @Test
  @DisplayName(
      "a failing install sets Failed=True with the error and a Warning event; with failurePolicy"
          + " abort it waits for a change, which then installs")
  void failureIsReported() throws IOException, InterruptedException {
    Path dir = TestCharts.chartDir(work.resolve("broken"), "broken", "0.1.0", true);
    TestCharts.pack(dir, chartsDir, "broken.tgz");
    HelmChartSpec spec = new HelmChartSpec();
    spec.setChart("https://%{KUBERNETES_API}%/static/charts/broken.tgz");
    spec.setFailurePolicy(FailurePolicy.ABORT);
    client.resource(chart("broken", spec)).create();

    await()
        .atMost(WAIT)
        .until(
            () ->
                condition("broken", "Failed")
                    .filter(c -> "True".equals(c.getStatus()))
                    .isPresent());
    assertThat(condition("broken", "Failed").orElseThrow().getMessage())
        .contains("value needed is required");
    await().atMost(WAIT).until(() -> hasEvent("broken", "InstallFailed"));
    String table = kubectl("get", "helmcharts", "-n", "default", "broken");
    assertThat(table.lines().findFirst().orElse("")).contains("FAILED", "TARGETNAMESPACE");
    assertThat(table.lines().skip(1).findFirst().orElse("")).startsWith("broken").contains("True");

    patch("broken", "{\"spec\":{\"valuesContent\":\"needed: now-given\\n\"}}");
    await()
        .atMost(WAIT)
        .until(() -> configValue("default", "broken", "needed").equals(Optional.of("now-given")));
    await()
        .atMost(WAIT)
        .until(
            () ->
                condition("broken", "Failed")
                    .filter(c -> "False".equals(c.getStatus()))
                    .isPresent());
    client.resources(HelmChart.class).inNamespace("default").withName("broken").delete();
    await().atMost(WAIT).until(() -> configValue("default", "broken", "needed").isEmpty());
  }

  @Test
  @DisplayName(
      "repo + chart + version is looked up in the repository's index.yaml and downloaded with the"
          + " authSecret's basic-auth credentials")
  void repositoryChartInstalls() throws IOException {
    Path dir = TestCharts.chartDir(work.resolve("repochart"), "repochart", "1.1.0", false);
    byte[] archive =
        Files.readAllBytes(TestCharts.pack(dir, work.resolve("repo-out"), "repochart-1.1.0.tgz"));
    String index =
        "apiVersion: v1\n"
            + "entries:\n"
            + "  repochart:\n"
            + "  - name: repochart\n"
            + "    version: 1.1.0\n"
            + "    urls: [charts/repochart-1.1.0.tgz]\n"
            + "  - name: repochart\n"
            + "    version: 1.0.0\n"
            + "    urls: [charts/missing.tgz]\n";
    String expectedAuth =
        "Basic "
            + Base64.getEncoder().encodeToString("user:secret".getBytes(StandardCharsets.UTF_8));
    HttpServer repo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    repo.createContext(
        "/",
        exchange -> {
          byte[] body;
          int code = 200;
          if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            code = 401;
            body = new byte[0];
          } else if (exchange.getRequestURI().getPath().equals("/repo/index.yaml")) {
            body = index.getBytes(StandardCharsets.UTF_8);
          } else if (exchange
              .getRequestURI()
              .getPath()
              .equals("/repo/charts/repochart-1.1.0.tgz")) {
            body = archive;
          } else {
            code = 404;
            body = new byte[0];
          }
          exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
          if (body.length > 0) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    repo.start();
    try {
      client
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("repo-auth")
                  .withNamespace("default")
                  .endMetadata()
                  .withType("kubernetes.io/basic-auth")
                  .withStringData(Map.of("username", "user", "password", "secret"))
                  .build())
          .create();
      HelmChartSpec spec = new HelmChartSpec();
      spec.setRepo("http://127.0.0.1:" + repo.getAddress().getPort() + "/repo");
      spec.setChart("repochart");
      spec.setVersion("1.1.0");
      spec.setPlainHTTP(true);
      spec.setAuthSecret(new LocalObjectReference("repo-auth"));
      client.resource(chart("fromrepo", spec)).create();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  configValue("default", "fromrepo", "chartVersion").equals(Optional.of("1.1.0")));
      client.resources(HelmChart.class).inNamespace("default").withName("fromrepo").delete();
      await().atMost(WAIT).until(() -> configValue("default", "fromrepo", "greeting").isEmpty());
    } finally {
      repo.stop(0);
    }
  }

  @Test
  @DisplayName(
      "a change to a values secret upgrades the release; the secret's keys are read in order")
  void valuesSecretChangeUpgrades() {
    Path dir = TestCharts.chartDir(work.resolve("secretvals"), "secretvals", "0.1.0", false);
    TestCharts.pack(dir, chartsDir, "secretvals.tgz");
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("secretvals-values")
                .withNamespace("default")
                .endMetadata()
                .withStringData(
                    Map.of("a.yaml", "greeting: first\nextra: a\n", "b.yaml", "greeting: second\n"))
                .build())
        .create();
    HelmChartSpec spec = new HelmChartSpec();
    spec.setChart("https://%{KUBERNETES_API}%/static/charts/secretvals.tgz");
    SecretSpec values = new SecretSpec();
    values.setName("secretvals-values");
    values.setKeys(List.of("a.yaml", "b.yaml"));
    spec.setValuesSecrets(List.of(values));
    client.resource(chart("secretvals", spec)).create();
    await()
        .atMost(WAIT)
        .until(
            () -> configValue("default", "secretvals", "greeting").equals(Optional.of("second")));
    assertThat(configValue("default", "secretvals", "extra")).contains("a");

    client
        .secrets()
        .inNamespace("default")
        .withName("secretvals-values")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"stringData\":{\"b.yaml\":\"greeting: changed\\n\"}}");
    await()
        .atMost(WAIT)
        .until(
            () -> configValue("default", "secretvals", "greeting").equals(Optional.of("changed")));
    client.resources(HelmChart.class).inNamespace("default").withName("secretvals").delete();
    await().atMost(WAIT).until(() -> configValue("default", "secretvals", "greeting").isEmpty());
  }

  @Test
  @DisplayName(
      "with the default failurePolicy reinstall, a failed install is tried again without a change,"
          + " and succeeds once the values are fixed")
  void reinstallAfterFailure() {
    Path dir = TestCharts.chartDir(work.resolve("again"), "again", "0.1.0", true);
    TestCharts.pack(dir, chartsDir, "again.tgz");
    HelmChartSpec spec = new HelmChartSpec();
    spec.setChart("https://%{KUBERNETES_API}%/static/charts/again.tgz");
    client.resource(chart("again", spec)).create();
    // abort would stop after the first failure; reinstall keeps trying on its own.
    await().atMost(WAIT).until(() -> eventCount("again", "InstallFailed") >= 2);
    assertThat(condition("again", "Failed")).map(HelmChartCondition::getStatus).contains("True");

    patch("again", "{\"spec\":{\"set\":{\"needed\":\"fixed\"}}}");
    await()
        .atMost(WAIT)
        .until(() -> configValue("default", "again", "needed").equals(Optional.of("fixed")));
    client.resources(HelmChart.class).inNamespace("default").withName("again").delete();
    await().atMost(WAIT).until(() -> configValue("default", "again", "needed").isEmpty());
  }
}

package io.k3j.helm.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code helm lint --strict} and {@code helm template} pass for every operator chart, through the
 * Helm library (helm-java), and the rendered workloads carry what the charts promise: requests and
 * limits on every container, probes, and Prometheus scrape annotations where metrics are served.
 */
class ChartsLintTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  @DisplayName("helm lint --strict passes for every chart")
  void lintPasses() {
    for (OperatorCharts chart : OperatorCharts.ALL) {
      LintResult result = new Helm(chart.dir()).lint().strict().call();
      assertThat(result.isFailed()).as("%s: %s", chart, result.getMessages()).isFalse();
    }
  }

  @Test
  @DisplayName("helm template renders every chart's workload with resources and probes")
  void templateRendersWorkloads() throws IOException {
    for (OperatorCharts chart : OperatorCharts.ALL) {
      List<JsonNode> objects = render(chart);
      String workloadKind = chart.name().equals("telemetry-buffer") ? "DaemonSet" : "Deployment";
      JsonNode workload = only(objects, workloadKind);
      assertThat(workload).as("%s renders a %s", chart, workloadKind).isNotNull();
      assertThat(only(objects, "ServiceAccount")).as("%s ServiceAccount", chart).isNotNull();
      JsonNode pod = workload.path("spec").path("template");
      for (JsonNode container : pod.path("spec").path("containers")) {
        assertThat(container.path("resources").path("requests").isObject()).isTrue();
        assertThat(container.path("resources").path("limits").isObject()).isTrue();
        assertThat(container.path("livenessProbe").isObject()).as("%s liveness", chart).isTrue();
        assertThat(container.path("readinessProbe").isObject()).as("%s readiness", chart).isTrue();
      }
      for (JsonNode container : pod.path("spec").path("initContainers")) {
        assertThat(container.path("resources").path("limits").isObject()).isTrue();
      }
      assertThat(pod.path("metadata").path("annotations").path("prometheus.io/scrape").asText())
          .as("%s scrape annotation", chart)
          .isEqualTo("true");
    }
  }

  @Test
  @DisplayName(
      "the system-upgrade-controller chart probes /healthz and /readyz on the metrics port it"
          + " passes to the controller; metrics.enabled=false drops only the scrape annotations")
  void sucServesMetricsAndHealth() throws IOException {
    OperatorCharts suc = OperatorCharts.ALL.get(0);
    JsonNode container =
        only(render(suc), "Deployment")
            .path("spec")
            .path("template")
            .path("spec")
            .path("containers")
            .get(0);
    assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/healthz");
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/readyz");
    assertThat(container.path("livenessProbe").path("httpGet").path("port").asText())
        .isEqualTo("metrics");
    assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
    assertThat(container.path("env").findValuesAsText("name"))
        .contains("SYSTEM_UPGRADE_CONTROLLER_METRICS_ADDRESS");
    for (JsonNode env : container.path("env")) {
      if (env.path("name").asText().equals("SYSTEM_UPGRADE_CONTROLLER_METRICS_ADDRESS")) {
        assertThat(env.path("value").asText()).isEqualTo(":8080");
      }
    }

    String rendered =
        Helm.template(suc.dir().toString())
            .withName("suc")
            .withNamespace("system-upgrade")
            .set("metrics.enabled", false)
            .call();
    JsonNode pod = only(parse(rendered), "Deployment").path("spec").path("template");
    assertThat(pod.path("metadata").path("annotations").has("prometheus.io/scrape")).isFalse();
    assertThat(
            pod.path("spec").path("containers").get(0).path("ports").get(0).path("name").asText())
        .isEqualTo("metrics");
  }

  static List<JsonNode> render(OperatorCharts chart) throws IOException {
    String rendered =
        new Helm(chart.dir()).template().withName(chart.name()).withNamespace("k3j-system").call();
    return parse(rendered);
  }

  static List<JsonNode> parse(String rendered) throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(rendered)) {
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode node = it.next();
        if (node != null && node.isObject()) {
          objects.add(node);
        }
      }
    }
    return objects;
  }

  static JsonNode only(List<JsonNode> objects, String kind) {
    List<JsonNode> matches =
        objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    assertThat(matches).as("exactly one %s", kind).hasSize(1);
    return matches.isEmpty() ? MissingNode.getInstance() : matches.get(0);
  }
}

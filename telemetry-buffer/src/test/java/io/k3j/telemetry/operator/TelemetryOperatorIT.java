package io.k3j.telemetry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.telemetry.v1.DestinationStatus;
import io.k3j.crds.telemetry.v1.TelemetryBuffer;
import io.k3j.telemetry.testing.BufferClient;
import io.k3j.telemetry.testing.FakeCollector;
import io.k3j.testsupport.EmbeddedK3j;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator against k3j's own API server, with OTLP/HTTP sent to the buffers it runs and test
 * collectors as destinations. Each test uses its own TelemetryBuffer.
 */
class TelemetryOperatorIT {
  static final String NS = "telemetry";
  static final Duration WAIT = Duration.ofSeconds(90);
  static final AtomicInteger SPANS = new AtomicInteger();

  @TempDir static Path dataDir;
  static EmbeddedK3j k3j;
  static KubernetesClient client;
  static TelemetryOperator operator;

  @BeforeAll
  static void start() throws Exception {
    k3j = EmbeddedK3j.start();
    client = k3j.client();
    EmbeddedK3j.createNamespace(client, NS);
    operator = TelemetryOperator.start(client, dataDir, NS);
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    client.close();
    k3j.close();
  }

  static TelemetryBuffer apply(String name, String spec) {
    TelemetryBuffer buffer =
        Serialization.unmarshal(
            "apiVersion: telemetry.k3j.io/v1alpha1\nkind: TelemetryBuffer\nmetadata: {name: "
                + name
                + ", namespace: "
                + NS
                + "}\nspec:\n"
                + spec.indent(2),
            TelemetryBuffer.class);
    return client.resource(buffer).serverSideApply();
  }

  static TelemetryBuffer get(String name) {
    return client.resources(TelemetryBuffer.class).inNamespace(NS).withName(name).get();
  }

  static Condition ready(String name) {
    TelemetryBuffer buffer = get(name);
    if (buffer == null
        || buffer.getStatus() == null
        || buffer.getStatus().getConditions() == null) {
      return null;
    }
    return buffer.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  /** Waits until the buffer runs the current generation and returns its OTLP/HTTP port. */
  static int awaitRunning(String name) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              TelemetryBuffer buffer = get(name);
              assertThat(buffer.getStatus()).isNotNull();
              assertThat(buffer.getStatus().getObservedGeneration())
                  .isEqualTo(buffer.getMetadata().getGeneration());
              assertThat(buffer.getStatus().getListen()).isNotNull();
            });
    String http = get(name).getStatus().getListen().getHttp();
    return Integer.parseInt(http.substring(http.lastIndexOf(':') + 1));
  }

  static String span(String prefix) {
    return prefix + "-" + SPANS.incrementAndGet();
  }

  static String header(FakeCollector.Received request, String name) {
    return request.headers().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> e.getValue().get(0))
        .findFirst()
        .orElse(null);
  }

  static void secret(String name, String key, String value) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withStringData(Map.of(key, value))
                .build())
        .serverSideApply();
  }

  static String destination(String name, FakeCollector collector, String extra) {
    return "- name: "
        + name
        + "\n  endpoint: "
        + collector.baseUrl()
        + "\n  compression: none\n"
        + extra.indent(2);
  }

  static final String LISTEN = "listen: {http: '127.0.0.1:0', grpc: '127.0.0.1:0'}\n";

  @Test
  @DisplayName(
      "a new TelemetryBuffer receives OTLP/HTTP and forwards it; status and columns show it")
  void createdBufferForwards() throws Exception {
    try (FakeCollector collector = new FakeCollector()) {
      apply(
          "create",
          LISTEN
              + "maxDisk: 64Mi\nfullPolicy: drop-oldest\ndestinations:\n"
              + destination("central", collector, "headers: [{name: x-site, value: farm-7}]"));
      int port = awaitRunning("create");
      String name = span("create");
      assertThat(BufferClient.postSpans(port, name)).isEqualTo(200);

      await().atMost(WAIT).until(() -> collector.deliveredSpanNames().contains(name));
      assertThat(header(collector.delivered().get(0), "x-site")).isEqualTo("farm-7");
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                TelemetryBuffer buffer = get("create");
                assertThat(ready("create").getStatus()).isEqualTo("True");
                assertThat(buffer.getStatus().getBacklogBytes()).isPositive();
                DestinationStatus central = buffer.getStatus().getDestinations().get(0);
                assertThat(central.getName()).isEqualTo("central");
                assertThat(central.getBacklogBytes()).isZero();
                assertThat(central.getPaused()).isFalse();
                assertThat(central.getOldestUnacknowledgedTime()).isNull();
              });
      Process kubectl =
          new ProcessBuilder(
                  "kubectl",
                  "--kubeconfig",
                  k3j.kubeconfig().toString(),
                  "get",
                  "telemetrybuffers",
                  "-n",
                  NS,
                  "create")
              .redirectErrorStream(true)
              .start();
      String table = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(table).contains("READY", "BACKLOG", "OLDEST", "create", "True");
    }
  }

  @Test
  @DisplayName("changing a destination's endpoint sends to the new one, receivers keep running")
  void changedDestinationWithoutRestart() throws Exception {
    try (FakeCollector first = new FakeCollector();
        FakeCollector second = new FakeCollector()) {
      apply("change", LISTEN + "destinations:\n" + destination("central", first, ""));
      int port = awaitRunning("change");
      String before = span("change");
      assertThat(BufferClient.postSpans(port, before)).isEqualTo(200);
      await().atMost(WAIT).until(() -> first.deliveredSpanNames().contains(before));

      apply("change", LISTEN + "destinations:\n" + destination("central", second, ""));
      assertThat(awaitRunning("change")).as("same receiver port: no restart").isEqualTo(port);
      String after = span("change");
      assertThat(BufferClient.postSpans(port, after)).isEqualTo(200);

      await().atMost(WAIT).until(() -> second.deliveredSpanNames().contains(after));
      assertThat(first.deliveredSpanNames()).doesNotContain(after);
      assertThat(second.deliveredSpanNames())
          .as("acked before the change, not sent again")
          .doesNotContain(before);
    }
  }

  @Test
  @DisplayName("a header from a Secret follows the Secret when it is rotated")
  void secretHeaderRotation() throws Exception {
    try (FakeCollector collector = new FakeCollector()) {
      secret("rotating-token", "token", "first-token");
      apply(
          "rotate",
          LISTEN
              + "destinations:\n"
              + destination(
                  "central",
                  collector,
                  "headers:\n- name: x-api-key\n  valueFrom:\n    secretKeyRef: {name:"
                      + " rotating-token, key: token}"));
      int port = awaitRunning("rotate");
      String name = span("rotate");
      assertThat(BufferClient.postSpans(port, name)).isEqualTo(200);
      await().atMost(WAIT).until(() -> collector.deliveredSpanNames().contains(name));
      assertThat(collector.delivered()).allMatch(r -> "first-token".equals(header(r, "x-api-key")));

      secret("rotating-token", "token", "second-token");
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                assertThat(BufferClient.postSpans(port, span("rotate"))).isEqualTo(200);
                assertThat(collector.delivered())
                    .anyMatch(r -> "second-token".equals(header(r, "x-api-key")));
              });
      assertThat(awaitRunning("rotate")).isEqualTo(port);
    }
  }

  @Test
  @DisplayName(
      "a destination answering 401 is paused with the error in status; a new token resumes")
  void unauthorizedPausesAndTokenRotationResumes() throws Exception {
    try (FakeCollector collector = new FakeCollector()) {
      collector.answer(
          r ->
              "good-token".equals(header(r, "x-oneuptime-token"))
                  ? FakeCollector.Answer.ok()
                  : FakeCollector.Answer.status(401));
      secret("oneuptime", "token", "revoked-token");
      apply(
          "unauthorized",
          LISTEN
              + "destinations:\n"
              + destination(
                  "oneuptime", collector, "oneUptimeToken: {name: oneuptime, key: token}"));
      int port = awaitRunning("unauthorized");
      String held = span("unauthorized");
      assertThat(BufferClient.postSpans(port, held)).isEqualTo(200);

      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                Condition ready = ready("unauthorized");
                assertThat(ready.getStatus()).isEqualTo("False");
                assertThat(ready.getReason()).isEqualTo("DestinationPaused");
                DestinationStatus status = get("unauthorized").getStatus().getDestinations().get(0);
                assertThat(status.getPaused()).isTrue();
                assertThat(status.getLastError()).contains("401");
                assertThat(status.getBacklogBytes()).isPositive();
                assertThat(status.getOldestUnacknowledgedTime()).isNotNull();
                assertThat(get("unauthorized").getStatus().getOldestUnacknowledgedTime())
                    .isNotNull();
              });
      assertThat(collector.deliveredSpanNames()).isEmpty();

      secret("oneuptime", "token", "good-token");
      await().atMost(WAIT).until(() -> collector.deliveredSpanNames().contains(held));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                assertThat(ready("unauthorized").getStatus()).isEqualTo("True");
                DestinationStatus status = get("unauthorized").getStatus().getDestinations().get(0);
                assertThat(status.getPaused()).isFalse();
                assertThat(status.getOldestUnacknowledgedTime()).isNull();
              });
    }
  }

  @Test
  @DisplayName("deleting a TelemetryBuffer stops its buffer and frees its port")
  void deleteStopsBuffer() throws Exception {
    try (FakeCollector collector = new FakeCollector()) {
      apply("delete", LISTEN + "destinations:\n" + destination("central", collector, ""));
      int port = awaitRunning("delete");
      assertThat(BufferClient.postSpans(port, span("delete"))).isEqualTo(200);
      assertThat(operator.isRunning(NS, "delete")).isTrue();

      client.resources(TelemetryBuffer.class).inNamespace(NS).withName("delete").delete();

      await().atMost(WAIT).until(() -> get("delete") == null && !operator.isRunning(NS, "delete"));
      assertThatThrownBy(() -> BufferClient.postSpans(port, span("delete")))
          .isInstanceOfAny(
              ConnectException.class, HttpConnectTimeoutException.class, IOException.class);
    }
  }

  @Test
  @DisplayName("an invalid spec is reported in the Ready condition and the buffer keeps running")
  void invalidSpecReported() throws Exception {
    try (FakeCollector collector = new FakeCollector()) {
      apply("invalid", LISTEN + "destinations:\n" + destination("central", collector, ""));
      int port = awaitRunning("invalid");
      apply(
          "invalid",
          LISTEN
              + "destinations:\n"
              + destination(
                  "central",
                  collector,
                  "headers:\n- name: x-key\n  valueFrom:\n    secretKeyRef: {name: missing, key:"
                      + " k}"));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                Condition ready = ready("invalid");
                assertThat(ready.getStatus()).isEqualTo("False");
                assertThat(ready.getReason()).isEqualTo("SecretNotFound");
                assertThat(ready.getMessage()).contains("missing");
              });
      String name = span("invalid");
      assertThat(BufferClient.postSpans(port, name)).isEqualTo(200);
      await().atMost(WAIT).until(() -> collector.deliveredSpanNames().contains(name));
      assertThat(List.of(get("invalid").getStatus().getObservedGeneration())).containsExactly(1L);
    }
  }
}

package io.k3j.core.apiserver.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.Reply;
import io.k3j.core.apiserver.Route;
import io.k3j.core.apiserver.resources.HandlerSite;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.validation.BuiltinAdmission;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pods/eviction} against the resource handler over a real SQLite datastore. */
class EvictionRequestTest {
  private static final String READY =
      "{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}";

  @TempDir Path dir;
  private HandlerSite site;

  @BeforeEach
  void open() {
    site = new HandlerSite(HandlerSite.sqlite(dir), new BuiltinAdmission());
    ok(call("POST", "", "namespaces", null, null, "{\"metadata\":{\"name\":\"app\"}}", ""));
    ok(
        call(
            "POST",
            "",
            "pods",
            null,
            null,
            "{\"metadata\":{\"name\":\"web\",\"labels\":{\"app\":\"web\"}},"
                + "\"spec\":{\"nodeName\":\"n1\",\"terminationGracePeriodSeconds\":0,"
                + "\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}",
            ""));
    ok(
        call(
            "POST",
            "policy",
            "poddisruptionbudgets",
            null,
            null,
            "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"minAvailable\":1,"
                + "\"selector\":{\"matchLabels\":{\"app\":\"web\"}}}}",
            ""));
  }

  @AfterEach
  void close() {
    site.close();
  }

  private Reply.Full call(
      String method,
      String group,
      String plural,
      String name,
      String subresource,
      String body,
      String query) {
    Map<String, List<String>> params =
        query.isEmpty() ? Map.of() : Map.of(query.split("=")[0], List.of(query.split("=")[1]));
    Route.Resource route =
        new Route.Resource(
            group, "v1", plural.equals("namespaces") ? null : "app", plural, name, subresource);
    try {
      return site.call(method, route, params, "application/json", body);
    } catch (ApiException e) {
      return Reply.error(e);
    }
  }

  private static JsonNode ok(Reply.Full reply) {
    assertThat(reply.status()).as(new String(reply.body(), StandardCharsets.UTF_8)).isLessThan(300);
    return Json.tree(reply.body());
  }

  private void podStatus(String status) {
    JsonNode pod = ok(call("GET", "", "pods", "web", null, null, ""));
    ok(
        call(
            "PUT",
            "",
            "pods",
            "web",
            "status",
            pod.toString().replaceFirst("\"status\":\\{[^}]*\\}", "\"status\":" + status),
            ""));
  }

  private void budgetStatus(long observedGeneration, int allowed, String conditionStatus) {
    JsonNode budget = ok(call("GET", "policy", "poddisruptionbudgets", "web", null, null, ""));
    ((com.fasterxml.jackson.databind.node.ObjectNode) budget)
        .set(
            "status",
            Json.tree(
                ("{\"observedGeneration\":%d,\"disruptionsAllowed\":%d,\"currentHealthy\":1,"
                        + "\"desiredHealthy\":1,\"expectedPods\":1,\"conditions\":[{\"type\":"
                        + "\"DisruptionAllowed\",\"status\":\"%s\",\"reason\":\"x\",\"message\":\"\","
                        + "\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"}]}")
                    .formatted(observedGeneration, allowed, conditionStatus)
                    .getBytes(StandardCharsets.UTF_8)));
    ok(call("PUT", "policy", "poddisruptionbudgets", "web", "status", budget.toString(), ""));
  }

  private Reply.Full evict(String apiVersion, String name, String query) {
    return call(
        "POST",
        "",
        "pods",
        "web",
        "eviction",
        "{\"apiVersion\":\""
            + apiVersion
            + "\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\""
            + name
            + "\"}}",
        query);
  }

  private boolean podExists() {
    return call("GET", "", "pods", "web", null, null, "").status() == 200;
  }

  @Test
  @DisplayName("no disruption allowed: 429 TooManyRequests with upstream's message and cause")
  void budgetBlocks() {
    podStatus(READY);
    budgetStatus(1, 0, "False");
    Reply.Full reply = evict("policy/v1", "web", "");
    assertThat(reply.status()).isEqualTo(429);
    JsonNode status = Json.tree(reply.body());
    assertThat(status.path("reason").asText()).isEqualTo("TooManyRequests");
    assertThat(status.path("message").asText())
        .isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
    JsonNode cause = status.path("details").path("causes").get(0);
    assertThat(cause.path("reason").asText()).isEqualTo("DisruptionBudget");
    assertThat(cause.path("message").asText())
        .isEqualTo("The disruption budget web needs 1 healthy pods and has 1 currently");
    assertThat(podExists()).isTrue();
  }

  @Test
  @DisplayName("an allowed eviction (v1beta1 body) consumes the disruption and deletes the pod")
  void allowedEviction() {
    podStatus(READY);
    budgetStatus(1, 1, "True");
    Reply.Full reply = evict("policy/v1beta1", "web", "");
    assertThat(reply.status()).isEqualTo(201);
    assertThat(Json.tree(reply.body()).path("status").asText()).isEqualTo("Success");
    assertThat(podExists()).isFalse();
    JsonNode budget = ok(call("GET", "policy", "poddisruptionbudgets", "web", null, null, ""));
    assertThat(budget.path("status").path("disruptionsAllowed").asInt()).isZero();
    assertThat(budget.path("status").path("disruptedPods").has("web")).isTrue();
    assertThat(budget.path("status").path("conditions").get(0).path("reason").asText())
        .isEqualTo("InsufficientPods");
  }

  @Test
  @DisplayName("dryRun=All answers success and changes nothing")
  void dryRun() {
    podStatus(READY);
    budgetStatus(1, 1, "True");
    assertThat(evict("policy/v1", "web", "dryRun=All").status()).isEqualTo(201);
    assertThat(podExists()).isTrue();
    JsonNode budget = ok(call("GET", "policy", "poddisruptionbudgets", "web", null, null, ""));
    assertThat(budget.path("status").path("disruptionsAllowed").asInt()).isEqualTo(1);
  }

  @Test
  @DisplayName("a budget the controller has not seen yet refuses with the processing cause")
  void unobservedBudget() {
    podStatus(READY);
    budgetStatus(0, 1, "True");
    Reply.Full reply = evict("policy/v1", "web", "");
    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.body())
        .asString(StandardCharsets.UTF_8)
        .contains("The disruption budget web is still being processed by the server.");
  }

  @Test
  @DisplayName("a Pending pod is evicted whatever its budget says; a wrong name or kind is a 400")
  void pendingAndBadBodies() {
    budgetStatus(1, 0, "False");
    Reply.Full mismatch = evict("policy/v1", "other", "");
    assertThat(mismatch.status()).isEqualTo(400);
    assertThat(mismatch.body())
        .asString(StandardCharsets.UTF_8)
        .contains("name in URL does not match name in Eviction object");
    assertThat(evict("v1", "web", "").status()).isEqualTo(400);
    assertThat(podExists()).isTrue();
    assertThat(evict("policy/v1", "web", "").status()).isEqualTo(201);
    assertThat(podExists()).isFalse();
  }
}

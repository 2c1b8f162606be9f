package io.k3j.core.apiserver.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The disruption controller's arithmetic, without a server. */
class BudgetStatusTest {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .build();
  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  private static final BudgetStatus.Controllers REPLICA_SET_OF_4 =
      (namespace, ref) ->
          ref.path("uid").asText().equals("rs-1")
              ? Optional.of(new BudgetStatus.Scale("deploy-1", 4))
              : Optional.empty();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static JsonNode pod(String name, boolean ready, String extraMetadata) {
    return json(
        "{metadata:{name:'"
            + name
            + "',namespace:'ns',labels:{app:'web'},"
            + "ownerReferences:[{kind:'ReplicaSet',name:'rs',uid:'rs-1',controller:true}]"
            + extraMetadata
            + "},status:{conditions:[{type:'Ready',status:'"
            + (ready ? "True" : "False")
            + "'}]}}");
  }

  private static JsonNode budget(String spec, String status) {
    return json(
        "{metadata:{name:'web',namespace:'ns',generation:2},spec:{selector:{matchLabels:{app:'web'}},"
            + spec
            + "},status:"
            + status
            + "}");
  }

  private static JsonNode status(JsonNode budget, List<JsonNode> pods) {
    return BudgetStatus.compute(budget, pods, REPLICA_SET_OF_4, NOW).status();
  }

  @Test
  @DisplayName("integer minAvailable counts the selected pods; ready ones beyond it may go")
  void integerMinAvailable() {
    JsonNode status =
        status(
            budget("minAvailable: 1", "{}"),
            List.of(pod("a", true, ""), pod("b", true, ""), pod("c", false, "")));
    assertThat(status.path("expectedPods").asInt()).isEqualTo(3);
    assertThat(status.path("desiredHealthy").asInt()).isEqualTo(1);
    assertThat(status.path("currentHealthy").asInt()).isEqualTo(2);
    assertThat(status.path("disruptionsAllowed").asInt()).isEqualTo(1);
    assertThat(status.path("observedGeneration").asLong()).isEqualTo(2);
    JsonNode condition = status.path("conditions").get(0);
    assertThat(condition.path("type").asText()).isEqualTo("DisruptionAllowed");
    assertThat(condition.path("status").asText()).isEqualTo("True");
    assertThat(condition.path("reason").asText()).isEqualTo("SufficientPods");
  }

  @Test
  @DisplayName(
      "a percentage and maxUnavailable scale against the controllers' replicas, rounded up")
  void percentagesUseControllerScale() {
    List<JsonNode> pods = List.of(pod("a", true, ""), pod("b", true, ""), pod("c", true, ""));
    JsonNode min = status(budget("minAvailable: '50%'", "{}"), pods);
    assertThat(min.path("expectedPods").asInt()).isEqualTo(4);
    assertThat(min.path("desiredHealthy").asInt()).isEqualTo(2);
    assertThat(min.path("disruptionsAllowed").asInt()).isEqualTo(1);
    JsonNode max = status(budget("maxUnavailable: '30%'", "{}"), pods);
    assertThat(max.path("desiredHealthy").asInt()).isEqualTo(2);
    JsonNode none = status(budget("maxUnavailable: 0", "{}"), pods);
    assertThat(none.path("disruptionsAllowed").asInt()).isZero();
    assertThat(none.path("conditions").get(0).path("reason").asText())
        .isEqualTo("InsufficientPods");
  }

  @Test
  @DisplayName("pods an eviction recorded do not count until their entry expires after 2 minutes")
  void disruptedPods() {
    String recent = NOW.minusSeconds(30).toString();
    String old = NOW.minusSeconds(300).toString();
    JsonNode budget =
        budget(
            "minAvailable: 1",
            "{disruptedPods:{a:'" + recent + "',b:'" + old + "'},disruptionsAllowed:1}");
    BudgetStatus.Result result =
        BudgetStatus.compute(
            budget, List.of(pod("a", true, ""), pod("b", true, "")), REPLICA_SET_OF_4, NOW);
    assertThat(result.status().path("disruptedPods").fieldNames())
        .toIterable()
        .containsExactly("a");
    assertThat(result.status().path("currentHealthy").asInt()).isEqualTo(1);
    assertThat(result.status().path("disruptionsAllowed").asInt()).isZero();
    assertThat(result.recheck())
        .isEqualTo(NOW.minusSeconds(30).plus(BudgetStatus.DELETION_TIMEOUT));
  }

  @Test
  @DisplayName("a pod whose controller cannot be found makes the budget fail safe: nothing allowed")
  void missingControllerFailsSafe() {
    JsonNode orphan =
        json(
            "{metadata:{name:'x',namespace:'ns',labels:{app:'web'},ownerReferences:[{kind:'ReplicaSet',"
                + "name:'gone',uid:'gone',controller:true}]},status:{conditions:[{type:'Ready',status:'True'}]}}");
    JsonNode status =
        status(budget("maxUnavailable: 1", "{disruptionsAllowed: 3}"), List.of(orphan));
    assertThat(status.path("disruptionsAllowed").asInt()).isZero();
    JsonNode condition = status.path("conditions").get(0);
    assertThat(condition.path("reason").asText()).isEqualTo("SyncFailed");
    assertThat(condition.path("message").asText()).isEqualTo("found no controllers for pod \"x\"");
  }

  @Test
  @DisplayName("a budget selects only pods of its namespace matching its selector")
  void selection() {
    JsonNode other = json("{metadata:{name:'o',namespace:'other',labels:{app:'web'}},status:{}}");
    JsonNode unlabelled = json("{metadata:{name:'u',namespace:'ns'},status:{}}");
    assertThat(
            BudgetStatus.selected(
                budget("minAvailable: 1", "{}"), List.of(pod("a", true, ""), other, unlabelled)))
        .extracting(p -> p.path("metadata").path("name").asText())
        .containsExactly("a");
  }
}

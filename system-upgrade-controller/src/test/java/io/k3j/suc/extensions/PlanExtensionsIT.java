package io.k3j.suc.extensions;

import static io.k3j.suc.testing.PlanFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.PlanCondition;
import io.k3j.suc.testing.PlanFixture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * k3j's Plan extensions (docs/adr/0004-plan-extensions.md) against k3j's own API server: retry with
 * back-off, the health gate, uncordon on Plan deletion, progress in status, {@code kubectl get} and
 * {@code kubectl wait}, per-plan metrics, Job TTL cleanup and old-version Jobs. There is no
 * kubelet: the test writes Node conditions and finishes Jobs through {@code /status}. The Job TTL
 * is 3 s so that cleanup shows within the test.
 */
class PlanExtensionsIT {
  static PlanFixture suc;
  static PrometheusMeterRegistry registry;

  @BeforeAll
  static void start() throws Exception {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    suc = PlanFixture.start(Map.of("SYSTEM_UPGRADE_JOB_TTL_SECONDS_AFTER_FINISH", "3"), registry);
  }

  @AfterAll
  static void stop() {
    suc.close();
    registry.close();
  }

  @Test
  @DisplayName(
      "spec.retry: a failed node is run again after the back-off as attempt 2, and the rollout completes")
  void retryRecovers() {
    nodes("retry", 2);
    suc.plan(
        "retry",
        "concurrency: 1\nversion: v1\nnodeSelector: {matchLabels: {group: retry}}\n"
            + "upgrade: {image: x}\nretry: {limit: 2, backoff: 1s}");
    Job first = awaitRunning("retry", "1");
    suc.finish(first, false, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
    Job second = awaitRunning("retry", "2");
    assertThat(second.getMetadata().getName()).isEqualTo(first.getMetadata().getName());
    assertThat(second.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());
    assertThat(suc.reasons("retry")).contains("JobRetry");
    suc.completeAll("retry");
    for (Node node : suc.client().nodes().withLabel("group", "retry").list().getItems()) {
      assertThat(node.getMetadata().getLabels())
          .containsEntry(
              "plan.upgrade.cattle.io/retry", suc.get("retry").getStatus().getLatestHash());
    }
  }

  @Test
  @DisplayName(
      "spec.retry: past the limit the failure halts the rollout, and the failed Job outlives its TTL")
  void retryLimitHalts() {
    nodes("limit", 2);
    suc.plan(
        "limit",
        "concurrency: 1\nversion: v1\nnodeSelector: {matchLabels: {group: limit}}\n"
            + "upgrade: {image: x}\nretry: {limit: 1, backoff: 1s}");
    suc.finish(awaitRunning("limit", "1"), false, "DeadlineExceeded", "too slow");
    suc.finish(awaitRunning("limit", "2"), false, "DeadlineExceeded", "too slow again");
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> {
              PlanCondition complete = suc.condition("limit", "Complete");
              assertThat(complete).isNotNull();
              assertThat(complete.getReason()).isEqualTo("JobFailed");
              assertThat(complete.getMessage()).contains("DeadlineExceeded: too slow again");
              assertThat(suc.get("limit").getStatus().getNodes().getFailed()).isEqualTo(1);
            });
    await()
        .during(Duration.ofSeconds(6))
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(suc.jobs("limit"))
                    .singleElement()
                    .satisfies(
                        j ->
                            assertThat(j.getMetadata().getAnnotations())
                                .containsEntry("upgrade.k3j.io/attempt", "2")));
    assertThat(registry.scrape())
        .contains("suc_plan_nodes_failed{plan=\"system-upgrade/limit\"} 1")
        .contains("suc_plan_nodes_done{plan=\"system-upgrade/limit\"} 0");
  }

  @Test
  @DisplayName(
      "spec.healthGate: the next node starts only after the upgraded one is Ready for readyFor")
  void healthGate() {
    nodes("gate", 2);
    suc.plan(
        "gate",
        "concurrency: 1\nversion: v1\nnodeSelector: {matchLabels: {group: gate}}\n"
            + "upgrade: {image: x}\nhealthGate: {readyFor: 3s}");
    Job first = awaitRunning("gate", "1");
    String upgraded = first.getMetadata().getLabels().get("upgrade.cattle.io/node");
    suc.ready(upgraded, false, Instant.now());
    suc.finish(first, true, "CompletionsReached", "done");
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(suc.jobs("gate")).hasSize(1);
              assertThat(suc.client().nodes().withName(upgraded).get().getMetadata().getLabels())
                  .doesNotContainKey("plan.upgrade.cattle.io/gate");
            });
    Instant readyAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    suc.ready(upgraded, true, readyAt);
    // The first Job may be gone by then: once its node is labelled it is past its 3 s TTL.
    List<Job> next = new ArrayList<>();
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> {
              next.clear();
              suc.jobs("gate").stream()
                  .filter(
                      j ->
                          !upgraded.equals(
                              j.getMetadata().getLabels().get("upgrade.cattle.io/node")))
                  .forEach(next::add);
              return !next.isEmpty();
            });
    assertThat(Instant.parse(next.get(0).getMetadata().getCreationTimestamp()))
        .isAfterOrEqualTo(readyAt.plusSeconds(3));
    assertThat(suc.client().nodes().withName(upgraded).get().getMetadata().getLabels())
        .containsEntry("plan.upgrade.cattle.io/gate", suc.get("gate").getStatus().getLatestHash());
  }

  @Test
  @DisplayName(
      "deleting a Plan uncordons the nodes it cordoned, not those cordoned before, and deletes its Jobs")
  void deleteUncordons() {
    nodes("clean", 2);
    suc.cordon("clean-1");
    suc.plan(
        "clean",
        "concurrency: 2\ncordon: true\nversion: v1\nnodeSelector: {matchLabels: {group: clean}}\n"
            + "upgrade: {image: x}");
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> suc.jobs("clean").stream().filter(PlanFixture::released).count() == 2);
    suc.cordon("clean-0");
    assertThat(suc.client().nodes().withName("clean-0").get().getMetadata().getAnnotations())
        .containsEntry("upgrade.k3j.io/cordoned-by", "system-upgrade/clean");
    assertThat(suc.get("clean").getMetadata().getFinalizers()).contains("upgrade.k3j.io/uncordon");
    suc.client().resources(Plan.class).inNamespace(NS).withName("clean").delete();
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> {
              assertThat(suc.get("clean")).isNull();
              Node cordonedByPlan = suc.client().nodes().withName("clean-0").get();
              assertThat(cordonedByPlan.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
              assertThat(cordonedByPlan.getMetadata().getAnnotations())
                  .doesNotContainKey("upgrade.k3j.io/cordoned-by");
              assertThat(suc.jobs("clean")).isEmpty();
            });
    assertThat(suc.client().nodes().withName("clean-1").get().getSpec().getUnschedulable())
        .isTrue();
  }

  @Test
  @DisplayName(
      "progress: status.nodes, the Progress column, kubectl wait --for=condition=Complete, metrics; "
          + "completed Jobs go after their TTL")
  void progressAndWait() throws Exception {
    nodes("progress", 3);
    suc.plan(
        "progress",
        "concurrency: 3\nversion: v1\nnodeSelector: {matchLabels: {group: progress}}\n"
            + "upgrade: {image: x}");
    await()
        .ignoreExceptions()
        .atMost(Duration.ofMinutes(2))
        .until(() -> "0/3".equals(suc.get("progress").getStatus().getProgress()));
    Process wait =
        kubectl("wait", "--for=condition=Complete", "plan/progress", "--timeout=180s").start();
    suc.completeAll("progress");
    assertThat(wait.waitFor(3, TimeUnit.MINUTES)).isTrue();
    String waited = new String(wait.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(wait.exitValue()).as(waited).isZero();
    assertThat(waited).contains("plan.upgrade.cattle.io/progress condition met");

    Plan plan = suc.get("progress");
    assertThat(plan.getStatus().getProgress()).isEqualTo("3/3");
    assertThat(plan.getStatus().getNodes().getTotal()).isEqualTo(3);
    assertThat(plan.getStatus().getNodes().getDone()).isEqualTo(3);
    assertThat(plan.getStatus().getNodes().getInProgress()).isZero();
    assertThat(plan.getStatus().getNodes().getFailed()).isZero();
    String table = run(kubectl("get", "plans", "progress"));
    assertThat(table.lines().findFirst().orElse("")).contains("PROGRESS");
    assertThat(table).contains("3/3");
    assertThat(registry.scrape())
        .contains("suc_plan_nodes_done{plan=\"system-upgrade/progress\"} 3")
        .contains("suc_plan_nodes_selected{plan=\"system-upgrade/progress\"} 3")
        .contains("suc_plan_nodes_in_progress{plan=\"system-upgrade/progress\"} 0")
        .contains("suc_plan_rollout_duration_seconds_count{plan=\"system-upgrade/progress\"} 1");
    await().atMost(Duration.ofMinutes(2)).until(() -> suc.jobs("progress").isEmpty());
  }

  @Test
  @DisplayName("a new version deletes the running Jobs of the old one and starts its own")
  void oldVersionJobsDeleted() {
    nodes("bump", 1);
    suc.plan(
        "bump",
        "concurrency: 1\nversion: v1\nnodeSelector: {matchLabels: {group: bump}}\n"
            + "upgrade: {image: x}");
    Job old = awaitRunning("bump", "1");
    suc.client()
        .resources(Plan.class)
        .inNamespace(NS)
        .withName("bump")
        .edit(
            p -> {
              p.getSpec().setVersion("v2");
              return p;
            });
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () ->
                assertThat(suc.jobs("bump"))
                    .isNotEmpty()
                    .allSatisfy(
                        j -> {
                          assertThat(j.getMetadata().getLabels())
                              .containsEntry("upgrade.cattle.io/version", "v2");
                          assertThat(j.getMetadata().getUid())
                              .isNotEqualTo(old.getMetadata().getUid());
                        }));
  }

  // --- fixtures -------------------------------------------------------------------------------

  /** Nodes of the group, Ready since long before the test. */
  static void nodes(String group, int count) {
    suc.nodes(group, count).forEach(n -> suc.ready(n, true, Instant.parse("2026-01-01T00:00:00Z")));
  }

  /** Waits for a released, unfinished Job of the plan that is the given attempt. */
  static Job awaitRunning(String plan, String attempt) {
    List<Job> found = new ArrayList<>();
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> {
              found.clear();
              suc.jobs(plan).stream()
                  .filter(PlanFixture::released)
                  .filter(
                      j ->
                          attempt.equals(
                              j.getMetadata()
                                  .getAnnotations()
                                  .getOrDefault("upgrade.k3j.io/attempt", "1")))
                  .forEach(found::add);
              return !found.isEmpty();
            });
    return found.get(0);
  }

  static ProcessBuilder kubectl(String... args) {
    List<String> command = new ArrayList<>();
    command.add("kubectl");
    command.add("--kubeconfig");
    command.add(suc.k3j().kubeconfig().toString());
    command.add("--namespace");
    command.add(NS);
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  static String run(ProcessBuilder kubectl) throws IOException, InterruptedException {
    Process process = kubectl.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output;
  }
}

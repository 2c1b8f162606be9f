package io.k3j.suc.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.PlanCondition;
import io.k3j.suc.ControllerConfig;
import io.k3j.suc.SystemUpgradeController;
import io.k3j.testsupport.EmbeddedK3j;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
  static final String NS = "system-upgrade";
  static EmbeddedK3j k3j;
  static KubernetesClient client;
  static SystemUpgradeController controller;
  static PrometheusMeterRegistry registry;

  @BeforeAll
  static void start() throws Exception {
    k3j = EmbeddedK3j.start();
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(k3j.kubeconfig())))
            .build();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    ControllerConfig config =
        ControllerConfig.fromEnv(
            Map.of(
                "SYSTEM_UPGRADE_CONTROLLER_NAME", "suc",
                "SYSTEM_UPGRADE_CONTROLLER_NAMESPACE", NS,
                "SYSTEM_UPGRADE_JOB_TTL_SECONDS_AFTER_FINISH", "3"));
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    controller = SystemUpgradeController.start(client, config, Clock.systemUTC(), registry);
  }

  @AfterAll
  static void stop() {
    controller.close();
    client.close();
    k3j.close();
    registry.close();
  }

  @Test
  @DisplayName(
      "spec.retry: a failed node is run again after the back-off as attempt 2, and the rollout completes")
  void retryRecovers() {
    nodes("retry", 2);
    plan(
        "retry",
        "concurrency: 1\nversion: v1\nnodeSelector: {matchLabels: {group: retry}}\n"
            + "upgrade: {image: x}\nretry: {limit: 2, backoff: 1s}");
    Job first = awaitRunning("retry", "1");
    finish(first, false, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
    Job second = awaitRunning("retry", "2");
    assertThat(second.getMetadata().getName()).isEqualTo(first.getMetadata().getName());
    assertThat(second.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());
    assertThat(reasons("retry")).contains("JobRetry");
    completeAll("retry");
    for (Node node : client.nodes().withLabel("group", "retry").list().getItems()) {
      assertThat(node.getMetadata().getLabels())
          .containsEntry("plan.upgrade.cattle.io/retry", get("retry").getStatus().getLatestHash());
    }
  }

  @Test
  @DisplayName(
      "spec.retry: past the limit the failure halts the rollout, and the failed Job outlives its TTL")
  void retryLimitHalts() {
    nodes("limit", 2);
    plan(
        "limit",
        "concurrency: 1\nversion: v1\nnodeSelector: {matchLabels: {group: limit}}\n"
            + "upgrade: {image: x}\nretry: {limit: 1, backoff: 1s}");
    finish(awaitRunning("limit", "1"), false, "DeadlineExceeded", "too slow");
    finish(awaitRunning("limit", "2"), false, "DeadlineExceeded", "too slow again");
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> {
              PlanCondition complete = condition("limit", "Complete");
              assertThat(complete).isNotNull();
              assertThat(complete.getReason()).isEqualTo("JobFailed");
              assertThat(complete.getMessage()).contains("DeadlineExceeded: too slow again");
              assertThat(get("limit").getStatus().getNodes().getFailed()).isEqualTo(1);
            });
    await()
        .during(Duration.ofSeconds(6))
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(jobs("limit"))
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
    plan(
        "gate",
        "concurrency: 1\nversion: v1\nnodeSelector: {matchLabels: {group: gate}}\n"
            + "upgrade: {image: x}\nhealthGate: {readyFor: 3s}");
    Job first = awaitRunning("gate", "1");
    String upgraded = first.getMetadata().getLabels().get("upgrade.cattle.io/node");
    ready(upgraded, false, Instant.now());
    finish(first, true, "CompletionsReached", "done");
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(jobs("gate")).hasSize(1);
              assertThat(client.nodes().withName(upgraded).get().getMetadata().getLabels())
                  .doesNotContainKey("plan.upgrade.cattle.io/gate");
            });
    Instant readyAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ready(upgraded, true, readyAt);
    // The first Job may be gone by then: once its node is labelled it is past its 3 s TTL.
    List<Job> next = new ArrayList<>();
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> {
              next.clear();
              jobs("gate").stream()
                  .filter(
                      j ->
                          !upgraded.equals(
                              j.getMetadata().getLabels().get("upgrade.cattle.io/node")))
                  .forEach(next::add);
              return !next.isEmpty();
            });
    assertThat(Instant.parse(next.get(0).getMetadata().getCreationTimestamp()))
        .isAfterOrEqualTo(readyAt.plusSeconds(3));
    assertThat(client.nodes().withName(upgraded).get().getMetadata().getLabels())
        .containsEntry("plan.upgrade.cattle.io/gate", get("gate").getStatus().getLatestHash());
  }

  @Test
  @DisplayName(
      "deleting a Plan uncordons the nodes it cordoned, not those cordoned before, and deletes its Jobs")
  void deleteUncordons() {
    nodes("clean", 2);
    cordon("clean-1");
    plan(
        "clean",
        "concurrency: 2\ncordon: true\nversion: v1\nnodeSelector: {matchLabels: {group: clean}}\n"
            + "upgrade: {image: x}");
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> jobs("clean").stream().filter(PlanExtensionsIT::released).count() == 2);
    cordon("clean-0");
    assertThat(client.nodes().withName("clean-0").get().getMetadata().getAnnotations())
        .containsEntry("upgrade.k3j.io/cordoned-by", "system-upgrade/clean");
    assertThat(get("clean").getMetadata().getFinalizers()).contains("upgrade.k3j.io/uncordon");
    client.resources(Plan.class).inNamespace(NS).withName("clean").delete();
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> {
              assertThat(get("clean")).isNull();
              Node cordonedByPlan = client.nodes().withName("clean-0").get();
              assertThat(cordonedByPlan.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
              assertThat(cordonedByPlan.getMetadata().getAnnotations())
                  .doesNotContainKey("upgrade.k3j.io/cordoned-by");
              assertThat(jobs("clean")).isEmpty();
            });
    assertThat(client.nodes().withName("clean-1").get().getSpec().getUnschedulable()).isTrue();
  }

  @Test
  @DisplayName(
      "progress: status.nodes, the Progress column, kubectl wait --for=condition=Complete, metrics; "
          + "completed Jobs go after their TTL")
  void progressAndWait() throws Exception {
    nodes("progress", 3);
    plan(
        "progress",
        "concurrency: 3\nversion: v1\nnodeSelector: {matchLabels: {group: progress}}\n"
            + "upgrade: {image: x}");
    await()
        .ignoreExceptions()
        .atMost(Duration.ofMinutes(2))
        .until(() -> "0/3".equals(get("progress").getStatus().getProgress()));
    Process wait =
        kubectl("wait", "--for=condition=Complete", "plan/progress", "--timeout=180s").start();
    completeAll("progress");
    assertThat(wait.waitFor(3, TimeUnit.MINUTES)).isTrue();
    String waited = new String(wait.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(wait.exitValue()).as(waited).isZero();
    assertThat(waited).contains("plan.upgrade.cattle.io/progress condition met");

    Plan plan = get("progress");
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
    await().atMost(Duration.ofMinutes(2)).until(() -> jobs("progress").isEmpty());
  }

  @Test
  @DisplayName("a new version deletes the running Jobs of the old one and starts its own")
  void oldVersionJobsDeleted() {
    nodes("bump", 1);
    plan(
        "bump",
        "concurrency: 1\nversion: v1\nnodeSelector: {matchLabels: {group: bump}}\n"
            + "upgrade: {image: x}");
    Job old = awaitRunning("bump", "1");
    client
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
                assertThat(jobs("bump"))
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

  static void nodes(String group, int count) {
    IntStream.range(0, count)
        .forEach(
            i -> {
              String name = group + "-" + i;
              client
                  .nodes()
                  .resource(
                      new NodeBuilder()
                          .withNewMetadata()
                          .withName(name)
                          .withLabels(Map.of("kubernetes.io/hostname", name, "group", group))
                          .endMetadata()
                          .withNewSpec()
                          .endSpec()
                          .build())
                  .create();
              ready(name, true, Instant.parse("2026-01-01T00:00:00Z"));
            });
  }

  static void ready(String node, boolean ready, Instant since) {
    String time = since.truncatedTo(ChronoUnit.SECONDS).toString();
    client
        .nodes()
        .withName(node)
        .editStatus(
            n -> {
              n.getStatus()
                  .setConditions(
                      List.of(
                          new NodeConditionBuilder()
                              .withType("Ready")
                              .withStatus(ready ? "True" : "False")
                              .withReason(ready ? "KubeletReady" : "KubeletNotReady")
                              .withLastHeartbeatTime(time)
                              .withLastTransitionTime(time)
                              .build()));
              return n;
            });
  }

  static void cordon(String node) {
    client
        .nodes()
        .withName(node)
        .edit(
            n -> {
              n.getSpec().setUnschedulable(true);
              return n;
            });
  }

  static Plan plan(String name, String spec) {
    Plan plan =
        Serialization.unmarshal(
            "apiVersion: upgrade.cattle.io/v1\nkind: Plan\nmetadata: {name: "
                + name
                + ", namespace: "
                + NS
                + "}\nspec:\n"
                + spec.indent(2),
            Plan.class);
    return client.resource(plan).create();
  }

  static Plan get(String name) {
    return client.resources(Plan.class).inNamespace(NS).withName(name).get();
  }

  static PlanCondition condition(String plan, String type) {
    Plan p = get(plan);
    if (p.getStatus() == null || p.getStatus().getConditions() == null) {
      return null;
    }
    return p.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  static List<String> reasons(String plan) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> plan.equals(e.getInvolvedObject().getName()))
        .map(e -> e.getReason())
        .toList();
  }

  static List<Job> jobs(String plan) {
    return client
        .batch()
        .v1()
        .jobs()
        .inNamespace(NS)
        .withLabel("upgrade.cattle.io/plan", plan)
        .list()
        .getItems();
  }

  static boolean finished(Job job) {
    return job.getStatus() != null
        && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(
                c ->
                    "True".equals(c.getStatus())
                        && ("Complete".equals(c.getType()) || "Failed".equals(c.getType())));
  }

  static boolean released(Job job) {
    return !finished(job) && Integer.valueOf(1).equals(job.getSpec().getParallelism());
  }

  /** Waits for a released, unfinished Job of the plan that is the given attempt. */
  static Job awaitRunning(String plan, String attempt) {
    List<Job> found = new ArrayList<>();
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> {
              found.clear();
              jobs(plan).stream()
                  .filter(PlanExtensionsIT::released)
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

  static void finish(Job job, boolean success, String reason, String message) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(NS)
        .withName(job.getMetadata().getName())
        .editStatus(
            j -> {
              j.getStatus().setStartTime(now);
              String type = success ? "Complete" : "Failed";
              if (success) {
                j.getStatus().setSucceeded(1);
                j.getStatus().setCompletionTime(now);
              } else {
                j.getStatus().setFailed(1);
              }
              j.getStatus()
                  .setConditions(
                      List.of(
                          new JobConditionBuilder()
                              .withType(success ? "SuccessCriteriaMet" : "FailureTarget")
                              .withStatus("True")
                              .withReason(reason)
                              .withMessage(message)
                              .withLastProbeTime(now)
                              .withLastTransitionTime(now)
                              .build(),
                          new JobConditionBuilder()
                              .withType(type)
                              .withStatus("True")
                              .withReason(reason)
                              .withMessage(message)
                              .withLastProbeTime(now)
                              .withLastTransitionTime(now)
                              .build()));
              return j;
            });
  }

  /** Completes the plan's Jobs as they are released until the plan is Complete. */
  static void completeAll(String plan) {
    await()
        .ignoreExceptions()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              jobs(plan).stream()
                  .filter(PlanExtensionsIT::released)
                  .forEach(j -> finish(j, true, "CompletionsReached", "done"));
              PlanCondition complete = condition(plan, "Complete");
              return complete != null && "True".equals(complete.getStatus());
            });
  }

  static ProcessBuilder kubectl(String... args) {
    List<String> command = new ArrayList<>();
    command.add("kubectl");
    command.add("--kubeconfig");
    command.add(k3j.kubeconfig().toString());
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

package io.k3j.suc.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The controller against k3j's own API server. There is no kubelet: the test creates the Nodes and
 * finishes Jobs by writing their status through {@code /status}.
 */
class PlanRolloutIT {
  static final String NS = "system-upgrade";
  static EmbeddedK3j k3j;
  static KubernetesClient client;
  static SystemUpgradeController controller;
  static ControllerConfig config;

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
    config =
        ControllerConfig.fromEnv(
            Map.of(
                "SYSTEM_UPGRADE_CONTROLLER_NAME",
                "suc",
                "SYSTEM_UPGRADE_CONTROLLER_NAMESPACE",
                NS));
    controller = SystemUpgradeController.start(client, config, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    controller.close();
    client.close();
    k3j.close();
  }

  static void nodes(String group, int count) {
    IntStream.range(0, count)
        .forEach(
            i -> {
              String name = group + "-" + i;
              Node node =
                  new NodeBuilder()
                      .withNewMetadata()
                      .withName(name)
                      .withLabels(Map.of("kubernetes.io/hostname", name, "group", group))
                      .endMetadata()
                      .withNewSpec()
                      .endSpec()
                      .build();
              client.nodes().resource(node).create();
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
              if (success) {
                j.getStatus().setSucceeded(1);
                j.getStatus().setCompletionTime(now);
                j.getStatus()
                    .setConditions(
                        List.of(
                            condition("SuccessCriteriaMet", reason, message, now),
                            condition("Complete", reason, message, now)));
              } else {
                j.getStatus().setFailed(1);
                j.getStatus()
                    .setConditions(
                        List.of(
                            condition("FailureTarget", reason, message, now),
                            condition("Failed", reason, message, now)));
              }
              return j;
            });
  }

  static io.fabric8.kubernetes.api.model.batch.v1.JobCondition condition(
      String type, String reason, String message, String now) {
    return new JobConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withReason(reason)
        .withMessage(message)
        .withLastProbeTime(now)
        .withLastTransitionTime(now)
        .build();
  }

  @Test
  @DisplayName(
      "concurrency 2 over 5 nodes: never more than 2 running Jobs; every node labelled and uncordoned; Complete")
  void rollsOutWithinConcurrency() {
    AtomicInteger mostOpen = new AtomicInteger();
    nodes("roll", 5);
    plan(
        "roll",
        "concurrency: 2\ncordon: true\nversion: v1.33.4+k3s1\nnodeSelector: {matchLabels: {group: roll}}\n"
            + "upgrade: {image: rancher/k3s-upgrade}\npostCompleteLabels: {example.com/version: $(LATEST_VERSION)}");
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              List<Job> open = jobs("roll").stream().filter(j -> !finished(j)).toList();
              mostOpen.accumulateAndGet(open.size(), Math::max);
              open.stream()
                  .filter(j -> Integer.valueOf(1).equals(j.getSpec().getParallelism()))
                  .forEach(
                      j -> {
                        client
                            .nodes()
                            .withName(j.getMetadata().getLabels().get("upgrade.cattle.io/node"))
                            .edit(
                                n -> {
                                  n.getSpec().setUnschedulable(true);
                                  return n;
                                });
                        finish(
                            j,
                            true,
                            "CompletionsReached",
                            "Reached expected number of succeeded pods");
                      });
              PlanCondition complete = condition("roll", "Complete");
              return complete != null && "True".equals(complete.getStatus());
            });
    assertThat(mostOpen.get()).as("unfinished Jobs at once").isBetween(1, 2);
    Plan plan = get("roll");
    assertThat(plan.getStatus().getLatestVersion()).isEqualTo("v1.33.4-k3s1");
    assertThat(plan.getStatus().getLatestHash()).hasSize(56);
    assertThat(plan.getStatus().getApplying()).isNullOrEmpty();
    assertThat(jobs("roll")).hasSize(5);
    for (Node node : client.nodes().withLabel("group", "roll").list().getItems()) {
      assertThat(node.getMetadata().getLabels())
          .containsEntry("plan.upgrade.cattle.io/roll", plan.getStatus().getLatestHash())
          .containsEntry("example.com/version", "v1.33.4-k3s1");
      assertThat(node.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
    }
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .filteredOn(e -> "roll".equals(e.getInvolvedObject().getName()))
        .extracting(e -> e.getReason())
        .contains("Validated", "Resolved", "SyncJob", "JobComplete", "Complete");
  }

  @Test
  @DisplayName(
      "a controller restart mid-rollout neither re-runs done nodes nor exceeds concurrency")
  void restartMidRollout() {
    nodes("restart", 3);
    plan(
        "restart",
        "concurrency: 1\nversion: v2\nnodeSelector: {matchLabels: {group: restart}}\n"
            + "upgrade: {image: rancher/k3s-upgrade}");
    await()
        .ignoreExceptions()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                jobs("restart").stream()
                    .anyMatch(j -> Integer.valueOf(1).equals(j.getSpec().getParallelism())));
    finish(jobs("restart").get(0), true, "CompletionsReached", "done");
    await().atMost(Duration.ofMinutes(2)).until(() -> jobs("restart").size() == 2);
    AtomicInteger mostOpen = new AtomicInteger();
    controller.close();
    controller = SystemUpgradeController.start(client, config, Clock.systemUTC());
    await()
        .ignoreExceptions()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              List<Job> open = jobs("restart").stream().filter(j -> !finished(j)).toList();
              mostOpen.accumulateAndGet(open.size(), Math::max);
              open.stream()
                  .filter(j -> Integer.valueOf(1).equals(j.getSpec().getParallelism()))
                  .forEach(j -> finish(j, true, "CompletionsReached", "done"));
              PlanCondition complete = condition("restart", "Complete");
              return complete != null && "True".equals(complete.getStatus());
            });
    assertThat(mostOpen.get()).as("unfinished Jobs at once").isEqualTo(1);
    assertThat(jobs("restart")).hasSize(3);
  }

  @Test
  @DisplayName(
      "a failed Job sets Complete=False/JobFailed with the Job's reason and halts the rollout")
  void failureHalts() {
    nodes("fail", 3);
    plan(
        "fail",
        "concurrency: 1\nversion: v1\nnodeSelector: {matchLabels: {group: fail}}\nupgrade: {image: alpine:3.18}");
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                jobs("fail").stream()
                    .anyMatch(j -> Integer.valueOf(1).equals(j.getSpec().getParallelism())));
    finish(
        jobs("fail").get(0),
        false,
        "DeadlineExceeded",
        "Job was active longer than specified deadline");
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> {
              PlanCondition complete = condition("fail", "Complete");
              assertThat(complete).isNotNull();
              assertThat(complete.getStatus()).isEqualTo("False");
              assertThat(complete.getReason()).isEqualTo("JobFailed");
              assertThat(complete.getMessage())
                  .contains("DeadlineExceeded: Job was active longer than specified deadline");
            });
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(jobs("fail")).hasSize(1));
    assertThat(client.nodes().withLabel("plan.upgrade.cattle.io/fail").list().getItems()).isEmpty();
  }

  @Test
  @DisplayName(
      "a plan with neither version nor channel reports LatestResolved=False with upstream's message")
  void unresolvable() {
    plan("nothing", "concurrency: 1\nnodeSelector: {}\nupgrade: {image: x}");
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> {
              PlanCondition resolved = condition("nothing", "LatestResolved");
              assertThat(resolved).isNotNull();
              assertThat(resolved.getStatus()).isEqualTo("False");
              assertThat(resolved.getReason()).isEqualTo("Error");
              assertThat(resolved.getMessage())
                  .isEqualTo("cannot resolve plan: missing channel and version");
            });
    assertThat(get("nothing").getStatus().getLatestHash()).isNull();
  }

  @Test
  @DisplayName("a channel answering 302 resolves to the munged last path element of the Location")
  void channel() throws Exception {
    HttpServer channel =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    channel.createContext(
        "/stable",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "/local/test/v1.2.3+test");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    channel.start();
    try {
      plan(
          "channel",
          "concurrency: 1\nchannel: http://127.0.0.1:"
              + channel.getAddress().getPort()
              + "/stable\nnodeSelector: {matchLabels: {group: none}}\nupgrade: {image: x}");
      await()
          .ignoreExceptions()
          .atMost(Duration.ofMinutes(2))
          .untilAsserted(
              () -> {
                PlanCondition resolved = condition("channel", "LatestResolved");
                assertThat(resolved).isNotNull();
                assertThat(resolved.getStatus()).isEqualTo("True");
                assertThat(resolved.getReason()).isEqualTo("Channel");
                assertThat(get("channel").getStatus().getLatestVersion()).isEqualTo("v1.2.3-test");
              });
    } finally {
      channel.stop(0);
    }
  }

  @Test
  @DisplayName(
      "rotating a hashed secret re-runs the node; rotating an ignoreUpdates secret does not")
  void secretRotation() {
    nodes("secret", 1);
    secret("hashed", "one");
    secret("ignored", "one");
    plan(
        "secret",
        "concurrency: 1\nversion: v3\nnodeSelector: {matchLabels: {group: secret}}\n"
            + "upgrade: {image: x}\nsecrets: [{name: hashed, path: a}, {name: ignored, path: b, ignoreUpdates: true}]");
    completeAll("secret", 1);
    String first = get("secret").getStatus().getLatestHash();
    secret("ignored", "two");
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> first.equals(get("secret").getStatus().getLatestHash()));
    secret("hashed", "two");
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> !first.equals(get("secret").getStatus().getLatestHash()));
    completeAll("secret", 2);
    // The node is labelled when the controller sees the Job complete, after completeAll returns.
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () ->
                assertThat(client.nodes().withName("secret-0").get().getMetadata().getLabels())
                    .containsEntry(
                        "plan.upgrade.cattle.io/secret",
                        get("secret").getStatus().getLatestHash()));
  }

  static void secret(String name, String value) {
    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withStringData(Map.of("value", value))
                .build())
        .createOr(r -> r.update());
  }

  /**
   * Completes the plan's Jobs as they are released until the plan is Complete with this many Jobs.
   */
  static void completeAll(String plan, int jobs) {
    await()
        .ignoreExceptions()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              jobs(plan).stream()
                  .filter(
                      j -> !finished(j) && Integer.valueOf(1).equals(j.getSpec().getParallelism()))
                  .forEach(j -> finish(j, true, "CompletionsReached", "done"));
              PlanCondition complete = condition(plan, "Complete");
              return jobs(plan).size() == jobs
                  && complete != null
                  && "True".equals(complete.getStatus());
            });
  }

  @Test
  @DisplayName("an invalid plan reports Validated=False with upstream's message")
  void invalid() {
    plan(
        "invalid",
        "concurrency: 1\nversion: v1\nnodeSelector: {}\nupgrade: {image: x}\npostCompleteDelay: -30s");
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> {
              PlanCondition validated = condition("invalid", "Validated");
              assertThat(validated).isNotNull();
              assertThat(validated.getStatus()).isEqualTo("False");
              assertThat(validated.getMessage()).isEqualTo("spec.postCompleteDelay is negative");
            });
  }

  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {1, 3})
  @DisplayName(
      "the k3s docs' server and agent plans over 10 nodes: the agent plan waits for the servers"
          + " (prepare), neither exceeds its concurrency, every node is labelled")
  void k3sDocsPlans(int concurrency) {
    String group = "docs-" + concurrency;
    nodes(group, 10);
    for (int i = 0; i < 3; i++) {
      client
          .nodes()
          .withName(group + "-" + i)
          .edit(
              n -> {
                n.getMetadata().getLabels().put("node-role.kubernetes.io/control-plane", "true");
                return n;
              });
    }
    String server = "server-" + concurrency;
    String agent = "agent-" + concurrency;
    // docs.k3s.io/upgrades/automated, with the group label added so plans of other tests' nodes
    // stay apart, and the concurrency under test.
    plan(
        server,
        """
        concurrency: %d
        cordon: true
        nodeSelector:
          matchLabels: {group: %s}
          matchExpressions:
          - {key: node-role.kubernetes.io/control-plane, operator: In, values: ["true"]}
        serviceAccountName: system-upgrade
        upgrade: {image: rancher/k3s-upgrade}
        version: v1.33.4+k3s1
        """
            .formatted(concurrency, group));
    plan(
        agent,
        """
        concurrency: %d
        cordon: true
        nodeSelector:
          matchLabels: {group: %s}
          matchExpressions:
          - {key: node-role.kubernetes.io/control-plane, operator: DoesNotExist}
        prepare:
          args: [prepare, %s]
          image: rancher/k3s-upgrade
        serviceAccountName: system-upgrade
        upgrade: {image: rancher/k3s-upgrade}
        version: v1.33.4+k3s1
        """
            .formatted(concurrency, group, server));
    Map<String, AtomicInteger> mostOpen =
        Map.of(server, new AtomicInteger(), agent, new AtomicInteger());
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              for (String plan : List.of(server, agent)) {
                List<Job> open = jobs(plan).stream().filter(j -> !finished(j)).toList();
                mostOpen.get(plan).accumulateAndGet(open.size(), Math::max);
                open.stream()
                    .filter(j -> Integer.valueOf(1).equals(j.getSpec().getParallelism()))
                    .forEach(j -> finish(j, true, "CompletionsReached", "done"));
              }
              return List.of(server, agent).stream()
                  .map(p -> condition(p, "Complete"))
                  .allMatch(c -> c != null && "True".equals(c.getStatus()));
            });
    assertThat(mostOpen.get(server).get()).isBetween(1, concurrency);
    assertThat(mostOpen.get(agent).get()).isBetween(1, concurrency);
    assertThat(jobs(server)).hasSize(3);
    assertThat(jobs(agent)).hasSize(7);
    Job agentJob = jobs(agent).get(0);
    assertThat(agentJob.getSpec().getTemplate().getSpec().getInitContainers())
        .extracting(c -> c.getName())
        .contains("prepare");
    for (Node node : client.nodes().withLabel("group", group).list().getItems()) {
      boolean isServer =
          node.getMetadata().getLabels().containsKey("node-role.kubernetes.io/control-plane");
      assertThat(node.getMetadata().getLabels())
          .containsKey("plan.upgrade.cattle.io/" + (isServer ? server : agent));
    }
  }

  @Test
  @DisplayName(
      "a window that excludes now holds the plan Waiting with no Job; one that includes now starts it")
  void windows() {
    nodes("window", 2);
    LocalTime now = LocalTime.now(ZoneOffset.UTC);
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
    plan(
        "outside",
        "concurrency: 1\nversion: v1\nnodeSelector: {matchLabels: {kubernetes.io/hostname: window-0}}\n"
            + "upgrade: {image: x}\nwindow: {days: [su, mo, tu, we, th, fr, sa], startTime: \""
            + now.plusHours(2).format(hhmm)
            + "\", endTime: \""
            + now.plusHours(3).format(hhmm)
            + "\", timeZone: UTC}");
    plan(
        "inside",
        "concurrency: 1\nversion: v1\nnodeSelector: {matchLabels: {kubernetes.io/hostname: window-1}}\n"
            + "upgrade: {image: x}\nwindow: {days: [su, mo, tu, we, th, fr, sa], startTime: \""
            + now.minusHours(1).format(hhmm)
            + "\", endTime: \""
            + now.plusHours(1).format(hhmm)
            + "\", timeZone: UTC}");
    await().atMost(Duration.ofMinutes(2)).until(() -> jobs("inside").size() == 1);
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> {
              PlanCondition complete = condition("outside", "Complete");
              assertThat(complete).isNotNull();
              assertThat(complete.getStatus()).isEqualTo("False");
              assertThat(complete.getMessage())
                  .isEqualTo("current time is not within configured window");
            });
    assertThat(jobs("outside")).isEmpty();
  }

  @Test
  @DisplayName(
      "the upgrade.cattle.io/digest annotation (paths hashed with the plan) changes latestHash and"
          + " re-runs the node;"
          + " exclusive plans' Jobs repel each other")
  void digestAndExclusive() {
    nodes("digest", 1);
    plan(
        "digest",
        "concurrency: 1\nexclusive: true\nversion: v2\nnodeSelector: {matchLabels: {group: digest}}\n"
            + "upgrade: {image: x}");
    completeAll("digest", 1);
    Job job = jobs("digest").get(0);
    assertThat(job.getMetadata().getLabels()).containsEntry("upgrade.cattle.io/exclusive", "true");
    assertThat(
            job.getSpec()
                .getTemplate()
                .getSpec()
                .getAffinity()
                .getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution())
        .anySatisfy(
            term ->
                assertThat(term.getLabelSelector().getMatchExpressions())
                    .anySatisfy(
                        e -> assertThat(e.getKey()).isEqualTo("upgrade.cattle.io/exclusive")));
    String first = get("digest").getStatus().getLatestHash();
    client
        .resources(Plan.class)
        .inNamespace(NS)
        .withName("digest")
        .edit(
            p -> {
              p.getMetadata()
                  .setAnnotations(Map.of("upgrade.cattle.io/digest", "spec.concurrency"));
              return p;
            });
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> !first.equals(get("digest").getStatus().getLatestHash()));
    completeAll("digest", 2);
  }
}

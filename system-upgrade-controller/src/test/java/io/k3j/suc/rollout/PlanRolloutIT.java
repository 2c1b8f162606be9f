package io.k3j.suc.rollout;

import static io.k3j.suc.testing.PlanFixture.NS;
import static io.k3j.suc.testing.PlanFixture.finished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.PlanCondition;
import io.k3j.suc.testing.PlanFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
  static PlanFixture suc;

  @BeforeAll
  static void start() throws Exception {
    suc = PlanFixture.start(Map.of(), new SimpleMeterRegistry());
  }

  @AfterAll
  static void stop() {
    suc.close();
  }

  @Test
  @DisplayName(
      "concurrency 2 over 5 nodes: never more than 2 running Jobs; every node labelled and uncordoned; Complete")
  void rollsOutWithinConcurrency() {
    AtomicInteger mostOpen = new AtomicInteger();
    suc.nodes("roll", 5);
    suc.plan(
        "roll",
        "concurrency: 2\ncordon: true\nversion: v1.33.4+k3s1\nnodeSelector: {matchLabels: {group: roll}}\n"
            + "upgrade: {image: rancher/k3s-upgrade}\npostCompleteLabels: {example.com/version: $(LATEST_VERSION)}");
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              List<Job> open = suc.jobs("roll").stream().filter(j -> !finished(j)).toList();
              mostOpen.accumulateAndGet(open.size(), Math::max);
              open.stream()
                  .filter(PlanFixture::released)
                  .forEach(
                      j -> {
                        suc.client()
                            .nodes()
                            .withName(j.getMetadata().getLabels().get("upgrade.cattle.io/node"))
                            .edit(
                                n -> {
                                  n.getSpec().setUnschedulable(true);
                                  return n;
                                });
                        suc.finish(
                            j,
                            true,
                            "CompletionsReached",
                            "Reached expected number of succeeded pods");
                      });
              PlanCondition complete = suc.condition("roll", "Complete");
              return complete != null && "True".equals(complete.getStatus());
            });
    assertThat(mostOpen.get()).as("unfinished Jobs at once").isBetween(1, 2);
    Plan plan = suc.get("roll");
    assertThat(plan.getStatus().getLatestVersion()).isEqualTo("v1.33.4-k3s1");
    assertThat(plan.getStatus().getLatestHash()).hasSize(56);
    assertThat(plan.getStatus().getApplying()).isNullOrEmpty();
    assertThat(suc.jobs("roll")).hasSize(5);
    for (Node node : suc.client().nodes().withLabel("group", "roll").list().getItems()) {
      assertThat(node.getMetadata().getLabels())
          .containsEntry("plan.upgrade.cattle.io/roll", plan.getStatus().getLatestHash())
          .containsEntry("example.com/version", "v1.33.4-k3s1");
      assertThat(node.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
    }
    assertThat(suc.client().v1().events().inNamespace(NS).list().getItems())
        .filteredOn(e -> "roll".equals(e.getInvolvedObject().getName()))
        .extracting(e -> e.getReason())
        .contains("Validated", "Resolved", "SyncJob", "JobComplete", "Complete");
  }

  @Test
  @DisplayName(
      "a controller restart mid-rollout neither re-runs done nodes nor exceeds concurrency")
  void restartMidRollout() {
    suc.nodes("restart", 3);
    suc.plan(
        "restart",
        "concurrency: 1\nversion: v2\nnodeSelector: {matchLabels: {group: restart}}\n"
            + "upgrade: {image: rancher/k3s-upgrade}");
    await()
        .ignoreExceptions()
        .atMost(Duration.ofMinutes(2))
        .until(() -> suc.jobs("restart").stream().anyMatch(PlanFixture::released));
    suc.finish(suc.jobs("restart").get(0), true, "CompletionsReached", "done");
    await().atMost(Duration.ofMinutes(2)).until(() -> suc.jobs("restart").size() == 2);
    AtomicInteger mostOpen = new AtomicInteger();
    suc.restartController();
    await()
        .ignoreExceptions()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              List<Job> open = suc.jobs("restart").stream().filter(j -> !finished(j)).toList();
              mostOpen.accumulateAndGet(open.size(), Math::max);
              open.stream()
                  .filter(PlanFixture::released)
                  .forEach(j -> suc.finish(j, true, "CompletionsReached", "done"));
              PlanCondition complete = suc.condition("restart", "Complete");
              return complete != null && "True".equals(complete.getStatus());
            });
    assertThat(mostOpen.get()).as("unfinished Jobs at once").isEqualTo(1);
    assertThat(suc.jobs("restart")).hasSize(3);
  }

  @Test
  @DisplayName(
      "a failed Job sets Complete=False/JobFailed with the Job's reason and halts the rollout")
  void failureHalts() {
    suc.nodes("fail", 3);
    suc.plan(
        "fail",
        "concurrency: 1\nversion: v1\nnodeSelector: {matchLabels: {group: fail}}\nupgrade: {image: alpine:3.18}");
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> suc.jobs("fail").stream().anyMatch(PlanFixture::released));
    suc.finish(
        suc.jobs("fail").get(0),
        false,
        "DeadlineExceeded",
        "Job was active longer than specified deadline");
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> {
              PlanCondition complete = suc.condition("fail", "Complete");
              assertThat(complete).isNotNull();
              assertThat(complete.getStatus()).isEqualTo("False");
              assertThat(complete.getReason()).isEqualTo("JobFailed");
              assertThat(complete.getMessage())
                  .contains("DeadlineExceeded: Job was active longer than specified deadline");
            });
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(suc.jobs("fail")).hasSize(1));
    assertThat(suc.client().nodes().withLabel("plan.upgrade.cattle.io/fail").list().getItems())
        .isEmpty();
  }

  @Test
  @DisplayName(
      "a plan with neither version nor channel reports LatestResolved=False with upstream's message")
  void unresolvable() {
    suc.plan("nothing", "concurrency: 1\nnodeSelector: {}\nupgrade: {image: x}");
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> {
              PlanCondition resolved = suc.condition("nothing", "LatestResolved");
              assertThat(resolved).isNotNull();
              assertThat(resolved.getStatus()).isEqualTo("False");
              assertThat(resolved.getReason()).isEqualTo("Error");
              assertThat(resolved.getMessage())
                  .isEqualTo("cannot resolve plan: missing channel and version");
            });
    assertThat(suc.get("nothing").getStatus().getLatestHash()).isNull();
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
      suc.plan(
          "channel",
          "concurrency: 1\nchannel: http://127.0.0.1:"
              + channel.getAddress().getPort()
              + "/stable\nnodeSelector: {matchLabels: {group: none}}\nupgrade: {image: x}");
      await()
          .ignoreExceptions()
          .atMost(Duration.ofMinutes(2))
          .untilAsserted(
              () -> {
                PlanCondition resolved = suc.condition("channel", "LatestResolved");
                assertThat(resolved).isNotNull();
                assertThat(resolved.getStatus()).isEqualTo("True");
                assertThat(resolved.getReason()).isEqualTo("Channel");
                assertThat(suc.get("channel").getStatus().getLatestVersion())
                    .isEqualTo("v1.2.3-test");
              });
    } finally {
      channel.stop(0);
    }
  }

  @Test
  @DisplayName(
      "rotating a hashed secret re-runs the node; rotating an ignoreUpdates secret does not")
  void secretRotation() {
    suc.nodes("secret", 1);
    secret("hashed", "one");
    secret("ignored", "one");
    suc.plan(
        "secret",
        "concurrency: 1\nversion: v3\nnodeSelector: {matchLabels: {group: secret}}\n"
            + "upgrade: {image: x}\nsecrets: [{name: hashed, path: a}, {name: ignored, path: b, ignoreUpdates: true}]");
    suc.completeAll("secret", 1);
    String first = suc.get("secret").getStatus().getLatestHash();
    secret("ignored", "two");
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> first.equals(suc.get("secret").getStatus().getLatestHash()));
    secret("hashed", "two");
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> !first.equals(suc.get("secret").getStatus().getLatestHash()));
    suc.completeAll("secret", 2);
    // The node is labelled when the controller sees the Job complete, after completeAll returns.
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () ->
                assertThat(
                        suc.client().nodes().withName("secret-0").get().getMetadata().getLabels())
                    .containsEntry(
                        "plan.upgrade.cattle.io/secret",
                        suc.get("secret").getStatus().getLatestHash()));
  }

  @Test
  @DisplayName(
      "a plan naming a hashed secret that does not exist is not valid; creating the secret starts it")
  void missingSecret() {
    suc.nodes("missing", 1);
    suc.plan(
        "missing",
        "concurrency: 1\nversion: v4\nnodeSelector: {matchLabels: {group: missing}}\n"
            + "upgrade: {image: x}\nsecrets: [{name: later, path: a}]");
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> {
              PlanCondition validated = suc.condition("missing", "Validated");
              assertThat(validated).isNotNull();
              assertThat(validated.getStatus()).isEqualTo("False");
              assertThat(validated.getMessage()).isEqualTo("secret \"later\" not found");
            });
    assertThat(suc.jobs("missing")).isEmpty();
    secret("later", "one");
    suc.completeAll("missing", 1);
    assertThat(suc.condition("missing", "Validated").getStatus()).isEqualTo("True");
  }

  static void secret(String name, String value) {
    suc.client()
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

  @Test
  @DisplayName("an invalid plan reports Validated=False with upstream's message")
  void invalid() {
    suc.plan(
        "invalid",
        "concurrency: 1\nversion: v1\nnodeSelector: {}\nupgrade: {image: x}\npostCompleteDelay: -30s");
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> {
              PlanCondition validated = suc.condition("invalid", "Validated");
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
    suc.nodes(group, 10);
    for (int i = 0; i < 3; i++) {
      suc.client()
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
    suc.plan(
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
    suc.plan(
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
                List<Job> open = suc.jobs(plan).stream().filter(j -> !finished(j)).toList();
                mostOpen.get(plan).accumulateAndGet(open.size(), Math::max);
                open.stream()
                    .filter(PlanFixture::released)
                    .forEach(j -> suc.finish(j, true, "CompletionsReached", "done"));
              }
              return List.of(server, agent).stream()
                  .map(p -> suc.condition(p, "Complete"))
                  .allMatch(c -> c != null && "True".equals(c.getStatus()));
            });
    assertThat(mostOpen.get(server).get()).isBetween(1, concurrency);
    assertThat(mostOpen.get(agent).get()).isBetween(1, concurrency);
    assertThat(suc.jobs(server)).hasSize(3);
    assertThat(suc.jobs(agent)).hasSize(7);
    Job agentJob = suc.jobs(agent).get(0);
    assertThat(agentJob.getSpec().getTemplate().getSpec().getInitContainers())
        .extracting(c -> c.getName())
        .contains("prepare");
    for (Node node : suc.client().nodes().withLabel("group", group).list().getItems()) {
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
    suc.nodes("window", 2);
    LocalTime now = LocalTime.now(ZoneOffset.UTC);
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
    suc.plan(
        "outside",
        "concurrency: 1\nversion: v1\nnodeSelector: {matchLabels: {kubernetes.io/hostname: window-0}}\n"
            + "upgrade: {image: x}\nwindow: {days: [su, mo, tu, we, th, fr, sa], startTime: \""
            + now.plusHours(2).format(hhmm)
            + "\", endTime: \""
            + now.plusHours(3).format(hhmm)
            + "\", timeZone: UTC}");
    suc.plan(
        "inside",
        "concurrency: 1\nversion: v1\nnodeSelector: {matchLabels: {kubernetes.io/hostname: window-1}}\n"
            + "upgrade: {image: x}\nwindow: {days: [su, mo, tu, we, th, fr, sa], startTime: \""
            + now.minusHours(1).format(hhmm)
            + "\", endTime: \""
            + now.plusHours(1).format(hhmm)
            + "\", timeZone: UTC}");
    await().atMost(Duration.ofMinutes(2)).until(() -> suc.jobs("inside").size() == 1);
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> {
              PlanCondition complete = suc.condition("outside", "Complete");
              assertThat(complete).isNotNull();
              assertThat(complete.getStatus()).isEqualTo("False");
              assertThat(complete.getMessage())
                  .isEqualTo("current time is not within configured window");
            });
    assertThat(suc.jobs("outside")).isEmpty();
  }

  @Test
  @DisplayName(
      "the upgrade.cattle.io/digest annotation (paths hashed with the plan) changes latestHash and"
          + " re-runs the node;"
          + " exclusive plans' Jobs repel each other")
  void digestAndExclusive() {
    suc.nodes("digest", 1);
    suc.plan(
        "digest",
        "concurrency: 1\nexclusive: true\nversion: v2\nnodeSelector: {matchLabels: {group: digest}}\n"
            + "upgrade: {image: x}");
    suc.completeAll("digest", 1);
    Job job = suc.jobs("digest").get(0);
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
    String first = suc.get("digest").getStatus().getLatestHash();
    suc.client()
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
        .until(() -> !first.equals(suc.get("digest").getStatus().getLatestHash()));
    suc.completeAll("digest", 2);
  }
}

package io.k3j.suc.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.PlanCondition;
import io.k3j.suc.ControllerConfig;
import io.k3j.suc.SystemUpgradeController;
import io.k3j.testsupport.EmbeddedK3j;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * k3j's own API server with the namespace {@value #NS} and the Plan controller {@code suc} running
 * in it, and what a test does in place of the kubelet it lacks: create Nodes, write their Ready
 * condition, cordon them, finish Jobs through {@code /status}.
 */
public final class PlanFixture implements AutoCloseable {
  public static final String NS = "system-upgrade";

  private final EmbeddedK3j k3j;
  private final KubernetesClient client;
  private final ControllerConfig config;
  private final MeterRegistry registry;
  private SystemUpgradeController controller;

  private PlanFixture(
      EmbeddedK3j k3j, KubernetesClient client, ControllerConfig config, MeterRegistry registry) {
    this.k3j = k3j;
    this.client = client;
    this.config = config;
    this.registry = registry;
    this.controller = SystemUpgradeController.start(client, config, Clock.systemUTC(), registry);
  }

  /** Starts k3j and the controller, configured by {@code env} on top of its name and namespace. */
  public static PlanFixture start(Map<String, String> env, MeterRegistry registry)
      throws Exception {
    EmbeddedK3j k3j = EmbeddedK3j.start();
    KubernetesClient client = k3j.client();
    EmbeddedK3j.createNamespace(client, NS);
    Map<String, String> all = new HashMap<>(env);
    all.put("SYSTEM_UPGRADE_CONTROLLER_NAME", "suc");
    all.put("SYSTEM_UPGRADE_CONTROLLER_NAMESPACE", NS);
    return new PlanFixture(k3j, client, ControllerConfig.fromEnv(all), registry);
  }

  public EmbeddedK3j k3j() {
    return k3j;
  }

  public KubernetesClient client() {
    return client;
  }

  /** Stops the controller and starts a new one on the same cluster. */
  public void restartController() {
    controller.close();
    controller = SystemUpgradeController.start(client, config, Clock.systemUTC(), registry);
  }

  @Override
  public void close() {
    controller.close();
    client.close();
    k3j.close();
  }

  // --- nodes ----------------------------------------------------------------------------------

  /** Creates the nodes {@code <group>-0..count-1}, labelled with their hostname and the group. */
  public List<String> nodes(String group, int count) {
    List<String> names = IntStream.range(0, count).mapToObj(i -> group + "-" + i).toList();
    for (String name : names) {
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
    }
    return names;
  }

  /** Writes the node's Ready condition, as its kubelet would, in transition since {@code since}. */
  public void ready(String node, boolean ready, Instant since) {
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

  /** Cordons the node, as the upgrade Job's {@code kubectl cordon} would. */
  public void cordon(String node) {
    client
        .nodes()
        .withName(node)
        .edit(
            n -> {
              n.getSpec().setUnschedulable(true);
              return n;
            });
  }

  // --- plans ----------------------------------------------------------------------------------

  /** Creates the plan from its YAML {@code spec}, as a user writes it. */
  public Plan plan(String name, String spec) {
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

  public Plan get(String name) {
    return client.resources(Plan.class).inNamespace(NS).withName(name).get();
  }

  /** The plan's condition of that type, or null. */
  public PlanCondition condition(String plan, String type) {
    Plan p = get(plan);
    if (p.getStatus() == null || p.getStatus().getConditions() == null) {
      return null;
    }
    return p.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  /** Whether the plan's Complete condition is True. */
  public boolean complete(String plan) {
    PlanCondition complete = condition(plan, "Complete");
    return complete != null && "True".equals(complete.getStatus());
  }

  /** The reasons of the Events about the plan. */
  public List<String> reasons(String plan) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> plan.equals(e.getInvolvedObject().getName()))
        .map(e -> e.getReason())
        .toList();
  }

  // --- jobs -----------------------------------------------------------------------------------

  public List<Job> jobs(String plan) {
    return client
        .batch()
        .v1()
        .jobs()
        .inNamespace(NS)
        .withLabel("upgrade.cattle.io/plan", plan)
        .list()
        .getItems();
  }

  public static boolean finished(Job job) {
    return job.getStatus() != null
        && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(
                c ->
                    "True".equals(c.getStatus())
                        && ("Complete".equals(c.getType()) || "Failed".equals(c.getType())));
  }

  /** Whether the controller let the Job run (parallelism 1) and it has not finished. */
  public static boolean released(Job job) {
    return !finished(job) && Integer.valueOf(1).equals(job.getSpec().getParallelism());
  }

  /** Finishes the Job through {@code /status} as the Job controller would, with its conditions. */
  public void finish(Job job, boolean success, String reason, String message) {
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
              } else {
                j.getStatus().setFailed(1);
              }
              j.getStatus()
                  .setConditions(
                      List.of(
                          condition(
                              success ? "SuccessCriteriaMet" : "FailureTarget",
                              reason,
                              message,
                              now),
                          condition(success ? "Complete" : "Failed", reason, message, now)));
              return j;
            });
  }

  private static JobCondition condition(String type, String reason, String message, String now) {
    return new JobConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withReason(reason)
        .withMessage(message)
        .withLastProbeTime(now)
        .withLastTransitionTime(now)
        .build();
  }

  /** Completes the plan's Jobs as they are released until the plan is Complete. */
  public void completeAll(String plan) {
    completeAll(plan, count -> true);
  }

  /** Completes the plan's Jobs as they are released until the plan is Complete with this many. */
  public void completeAll(String plan, int jobs) {
    completeAll(plan, count -> count == jobs);
  }

  private void completeAll(String plan, IntPredicate jobCount) {
    await()
        .ignoreExceptions()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              jobs(plan).stream()
                  .filter(PlanFixture::released)
                  .forEach(j -> finish(j, true, "CompletionsReached", "done"));
              return jobCount.test(jobs(plan).size()) && complete(plan);
            });
  }
}

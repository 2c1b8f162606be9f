package io.k3j.benchmarks.suc;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.benchmarks.Machine;
import io.k3j.benchmarks.Settings;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.PlanCondition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Issue 5's rollout benchmark: {@code nodes} Node objects on an in-process k3j server, one Plan
 * with {@code concurrency}, and a runner that completes each Job the moment the controller releases
 * it. The controller runs as its own JVM ({@code SystemUpgradeControllerMain}) so that its CPU time
 * is its own. Reported: Plan apply to the first Job and to every node labelled, the controller's
 * API writes per node (the server's {@code apiserver_request_total} for create, update, patch and
 * delete, minus the runner's Job status updates), and the controller's CPU seconds.
 *
 * <p>Usage: {@code benchmarks/run suc [--quick] [--nodes=N] [--concurrency=N]}.
 */
public final class SucBenchmark {
  static final Map<String, String> DEFAULTS =
      Map.of("nodes", "1000", "concurrency", "50", "timeout", "10m");
  static final Map<String, String> QUICK = Map.of("nodes", "100", "concurrency", "10");
  static final String NS = "system-upgrade";
  static final String PLAN = "bench";
  static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "apply");

  private final int nodes;
  private final int concurrency;
  private final Duration timeout;
  private final Path work;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AtomicInteger runnerWrites = new AtomicInteger();
  private final AtomicLong firstJobNanos = new AtomicLong();
  private final Map<String, Boolean> labelled = new ConcurrentHashMap<>();
  private final ExecutorService runner = Executors.newFixedThreadPool(8);
  private K3jServer server;
  private KubernetesClient client;
  private Process controller;

  private SucBenchmark(Settings settings) throws IOException {
    this.nodes = settings.positiveInt("nodes");
    this.concurrency = settings.positiveInt("concurrency");
    this.timeout = settings.duration("timeout", false);
    this.work = Files.createTempDirectory("k3j-suc-bench");
  }

  public static void main(String[] args) throws Exception {
    SucBenchmark benchmark =
        new SucBenchmark(Settings.fromArgs(List.of(args), System.getProperties(), DEFAULTS, QUICK));
    try {
      benchmark.run();
    } finally {
      benchmark.close();
    }
  }

  private void run() throws Exception {
    System.out.printf(
        "system-upgrade-controller rollout benchmark: %d nodes, concurrency %d%n%s; load average %s%n",
        nodes, concurrency, Machine.describe(work), Machine.loadAverage());
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path kubeconfig = work.resolve("k3j.yaml");
    server =
        K3jServer.start(
            new ServerConfig(
                work.resolve("data"),
                null,
                "127.0.0.1",
                port,
                List.of(),
                kubeconfig,
                "0600",
                null,
                Set.of()),
            meters);
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    createNodes();
    startController(kubeconfig);
    warmUp();

    SharedIndexInformer<Job> jobs = client.batch().v1().jobs().inNamespace(NS).inform();
    jobs.addEventHandler(new JobRunner());
    SharedIndexInformer<Node> nodeInformer = client.nodes().inform();
    nodeInformer.addEventHandler(new LabelWatcher());
    Map<String, Double> writesBefore = writes();
    long cpuBefore = controllerCpuMillis();
    long applied = System.nanoTime();
    client.resource(plan(PLAN, concurrency, "group: bench")).create();
    long deadline = applied + timeout.toNanos();
    while (labelled.size() < nodes) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(labelled.size() + " of " + nodes + " labelled in time");
      }
      Thread.sleep(20);
    }
    long allLabelled = System.nanoTime();
    waitComplete(PLAN, deadline);
    long complete = System.nanoTime();
    long cpu = controllerCpuMillis() - cpuBefore;
    Map<String, Double> writesAfter = writes();
    jobs.close();
    nodeInformer.close();

    double controllerWrites = 0;
    Map<String, Double> byResource = new TreeMap<>();
    for (Map.Entry<String, Double> e : writesAfter.entrySet()) {
      double delta = e.getValue() - writesBefore.getOrDefault(e.getKey(), 0.0);
      if (delta > 0) {
        byResource.put(e.getKey(), delta);
        controllerWrites += delta;
      }
    }
    controllerWrites -= runnerWrites.get() + 1; // the runner's status updates, the Plan create
    System.out.println();
    System.out.println("| Measurement | Value | Target |");
    System.out.println("|---|--:|---|");
    row("Plan apply → first Job", millis(firstJobNanos.get() - applied), "≤ 1 s");
    row("Plan apply → all " + nodes + " nodes labelled", millis(allLabelled - applied), "≤ 60 s");
    row("Plan apply → Complete=True", millis(complete - applied), "");
    row("controller API writes per node", String.format("%.1f", controllerWrites / nodes), "≤ 10");
    row(
        "controller CPU (its own JVM)",
        String.format("%.1f s (%.1f ms/node)", cpu / 1000.0, (double) cpu / nodes),
        "");
    System.out.println();
    System.out.println(
        "Writes during the rollout by verb and resource (runner: "
            + runnerWrites.get()
            + " Job status updates, plus the Plan create): "
            + byResource);
  }

  private static void row(String name, String value, String target) {
    System.out.printf("| %s | %s | %s |%n", name, value, target);
  }

  private static String millis(long nanos) {
    return String.format("%,d ms", TimeUnit.NANOSECONDS.toMillis(nanos));
  }

  private void createNodes() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    IntStream.range(0, nodes)
        .forEach(
            i ->
                pool.execute(
                    () -> {
                      String name = String.format("node-%04d", i);
                      client
                          .nodes()
                          .resource(
                              new NodeBuilder()
                                  .withNewMetadata()
                                  .withName(name)
                                  .withLabels(
                                      Map.of("kubernetes.io/hostname", name, "group", "bench"))
                                  .endMetadata()
                                  .withNewSpec()
                                  .endSpec()
                                  .build())
                          .create();
                    }));
    pool.shutdown();
    if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("nodes not created in 10 minutes");
    }
  }

  /** The controller as users run it standalone, on this JVM's class path. */
  private void startController(Path kubeconfig) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                "io.k3j.suc.SystemUpgradeControllerMain")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("controller.log").toFile());
    builder.environment().put("SYSTEM_UPGRADE_CONTROLLER_KUBE_CONFIG", kubeconfig.toString());
    builder.environment().put("SYSTEM_UPGRADE_CONTROLLER_NAME", "system-upgrade-controller");
    builder.environment().put("SYSTEM_UPGRADE_CONTROLLER_NAMESPACE", NS);
    controller = builder.start();
  }

  /** A plan that selects no node: Complete once the controller is installed and reconciling. */
  private void warmUp() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName("plans.upgrade.cattle.io")
            .get()
        == null) {
      checkController(deadline);
      Thread.sleep(100);
    }
    while (true) {
      try {
        client.resource(plan("warm-up", 1, "group: none")).create();
        break;
      } catch (RuntimeException e) {
        checkController(deadline); // the CRD is not served yet
        Thread.sleep(100);
      }
    }
    waitComplete("warm-up", deadline);
  }

  private void checkController(long deadline) {
    if (!controller.isAlive() || System.nanoTime() > deadline) {
      throw new IllegalStateException(
          "the controller did not start; see " + work.resolve("controller.log"));
    }
  }

  private void waitComplete(String plan, long deadline) throws InterruptedException {
    while (true) {
      Plan current = client.resources(Plan.class).inNamespace(NS).withName(plan).get();
      if (current.getStatus() != null && current.getStatus().getConditions() != null) {
        for (PlanCondition c : current.getStatus().getConditions()) {
          if ("Complete".equals(c.getType()) && "True".equals(c.getStatus())) {
            return;
          }
        }
      }
      checkController(deadline);
      Thread.sleep(50);
    }
  }

  private static Plan plan(String name, int concurrency, String matchLabels) {
    return Serialization.unmarshal(
        "apiVersion: upgrade.cattle.io/v1\nkind: Plan\nmetadata: {name: "
            + name
            + ", namespace: "
            + NS
            + "}\nspec:\n  concurrency: "
            + concurrency
            + "\n  version: v1.32.1+k3s1\n  nodeSelector: {matchLabels: {"
            + matchLabels
            + "}}\n  upgrade: {image: rancher/k3s-upgrade}\n",
        Plan.class);
  }

  /** Server-side write counts by verb and resource. */
  private Map<String, Double> writes() {
    Map<String, Double> counts = new TreeMap<>();
    for (Counter counter : meters.find("apiserver_request").counters()) {
      String verb = counter.getId().getTag("verb");
      if (verb != null && WRITE_VERBS.contains(verb)) {
        String key =
            verb
                + " "
                + counter.getId().getTag("resource")
                + (counter.getId().getTag("subresource") == null
                        || counter.getId().getTag("subresource").isEmpty()
                    ? ""
                    : "/" + counter.getId().getTag("subresource"));
        counts.merge(key, counter.count(), Double::sum);
      }
    }
    return counts;
  }

  private long controllerCpuMillis() throws IOException {
    return Math.round(Machine.cpuSeconds(controller.toHandle()) * 1000);
  }

  /** Completes each bench Job as soon as the controller releases it (parallelism 1). */
  private final class JobRunner implements ResourceEventHandler<Job> {
    private final Map<String, Boolean> done = new ConcurrentHashMap<>();

    @Override
    public void onAdd(Job job) {
      if (!PLAN.equals(job.getMetadata().getLabels().get("upgrade.cattle.io/plan"))) {
        return;
      }
      firstJobNanos.compareAndSet(0, System.nanoTime());
      onUpdate(null, job);
    }

    @Override
    public void onUpdate(Job old, Job job) {
      if (!PLAN.equals(job.getMetadata().getLabels().get("upgrade.cattle.io/plan"))
          || !Integer.valueOf(1).equals(job.getSpec().getParallelism())
          || done.putIfAbsent(job.getMetadata().getName(), true) != null) {
        return;
      }
      runner.execute(() -> complete(job.getMetadata().getName()));
    }

    @Override
    public void onDelete(Job job, boolean unknown) {}
  }

  private void complete(String name) {
    String now = Instant.now().toString();
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(NS)
        .withName(name)
        .editStatus(
            j -> {
              j.getStatus().setStartTime(now);
              j.getStatus().setSucceeded(1);
              j.getStatus().setCompletionTime(now);
              j.getStatus()
                  .setConditions(
                      Stream.of("SuccessCriteriaMet", "Complete")
                          .map(
                              type ->
                                  new JobConditionBuilder()
                                      .withType(type)
                                      .withStatus("True")
                                      .withReason("CompletionsReached")
                                      .withLastProbeTime(now)
                                      .withLastTransitionTime(now)
                                      .build())
                          .toList());
              return j;
            });
    runnerWrites.incrementAndGet();
  }

  private final class LabelWatcher implements ResourceEventHandler<Node> {
    @Override
    public void onAdd(Node node) {
      onUpdate(null, node);
    }

    @Override
    public void onUpdate(Node old, Node node) {
      if (node.getMetadata().getLabels().containsKey("plan.upgrade.cattle.io/" + PLAN)) {
        labelled.put(node.getMetadata().getName(), true);
      }
    }

    @Override
    public void onDelete(Node node, boolean unknown) {}
  }

  private void close() throws IOException, InterruptedException {
    runner.shutdownNow();
    if (controller != null) {
      controller.destroy();
      controller.waitFor(30, TimeUnit.SECONDS);
    }
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

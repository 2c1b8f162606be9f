package io.k3j.suc.model;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.k3j.crds.upgrade.v1.ContainerSpec;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.PlanSpec;
import io.k3j.crds.upgrade.v1.SecretSpec;
import io.k3j.crds.upgrade.v1.VolumeSpec;
import io.k3j.suc.ControllerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Job that upgrades one node, shaped as upstream shapes it: pinned to the node by hostname
 * affinity, host namespaces, the host root at {@code /host}, pod info, the plan's secrets, the
 * {@code SYSTEM_UPGRADE_*} variables, and init containers prepare then drain or cordon. A pure
 * function of the plan, the node and the configuration.
 */
public final class UpgradeJobs {
  public static final String LABEL_CONTROLLER = "upgrade.cattle.io/controller";
  public static final String LABEL_EXCLUSIVE = "upgrade.cattle.io/exclusive";
  public static final String LABEL_NODE = "upgrade.cattle.io/node";
  public static final String LABEL_PLAN = "upgrade.cattle.io/plan";
  public static final String LABEL_VERSION = "upgrade.cattle.io/version";
  public static final String ANNOTATION_TTL = "upgrade.cattle.io/ttl-seconds-after-finished";
  static final String SECRETS_DIR = "/run/system-upgrade/secrets/";

  private UpgradeJobs() {}

  /**
   * @param running whether the node is already in {@code status.applying}: the Job is created
   *     paused ({@code parallelism: 0}) until it is
   */
  public static Job desired(
      Plan plan,
      Node node,
      String latestVersion,
      String latestHash,
      boolean running,
      ControllerConfig config) {
    PlanSpec spec = plan.getSpec();
    String planName = plan.getMetadata().getName();
    String hostname = NodeSelection.hostname(node);
    boolean exclusive = Boolean.TRUE.equals(spec.getExclusive());
    Map<String, String> labels = new LinkedHashMap<>();
    copy(plan.getMetadata().getLabels(), labels, k -> !k.contains("cattle.io/"));
    labels.put(LABEL_CONTROLLER, config.name());
    labels.put(LABEL_EXCLUSIVE, String.valueOf(exclusive));
    labels.put(LABEL_NODE, node.getMetadata().getName());
    labels.put(LABEL_PLAN, planName);
    labels.put(LABEL_VERSION, latestVersion);
    labels.put(NodeSelection.planLabel(planName), latestHash);
    int ttl = ttlSeconds(spec, config);
    Map<String, String> annotations = new LinkedHashMap<>();
    copy(
        plan.getMetadata().getAnnotations(),
        annotations,
        k -> !k.contains("cattle.io/") && !k.contains("kubectl.kubernetes.io/"));
    annotations.put(ANNOTATION_TTL, String.valueOf(ttl));

    Env env = new Env(planName, latestVersion, latestHash);
    List<VolumeMount> common = commonMounts(spec);
    List<Container> init = new ArrayList<>();
    if (spec.getPrepare() != null) {
      init.add(
          container("prepare", spec.getPrepare(), latestVersion, common, env, config)
              .withSecurityContext(spec.getPrepare().getSecurityContext())
              .build());
    }
    String nodeName = node.getMetadata().getName();
    if (spec.getDrain() != null) {
      init.add(
          kubectl("drain", DrainArgs.of(nodeName, spec.getDrain()), spec, common, env, config));
    } else if (Boolean.TRUE.equals(spec.getCordon())) {
      init.add(kubectl("cordon", List.of("cordon", nodeName), spec, common, env, config));
    }
    SecurityContext upgradeSecurity =
        spec.getUpgrade().getSecurityContext() != null
            ? spec.getUpgrade().getSecurityContext()
            : new SecurityContextBuilder()
                .withPrivileged(config.privileged())
                .withCapabilities(new Capabilities(List.of("CAP_SYS_BOOT"), null))
                .build();
    Container upgrade =
        container("upgrade", spec.getUpgrade(), latestVersion, common, env, config)
            .withSecurityContext(upgradeSecurity)
            .build();

    List<Toleration> tolerations = new ArrayList<>();
    tolerations.add(
        new Toleration("NoSchedule", "node.kubernetes.io/unschedulable", "Exists", null, null));
    if (spec.getTolerations() != null) {
      tolerations.addAll(spec.getTolerations());
    }
    PodAffinityTerm antiAffinity =
        new PodAffinityTerm(
            new LabelSelectorBuilder()
                .addNewMatchExpression()
                .withKey(exclusive ? LABEL_EXCLUSIVE : LABEL_PLAN)
                .withOperator("In")
                .withValues(exclusive ? "true" : planName)
                .endMatchExpression()
                .build(),
            null,
            null,
            null,
            null,
            NodeSelection.HOSTNAME_LABEL);

    return new JobBuilder()
        .withNewMetadata()
        .withName(JobNames.of(planName, nodeName, latestHash))
        .withNamespace(plan.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withCompletions(1)
        .withParallelism(running ? 1 : 0)
        .withBackoffLimit(config.backoffLimit())
        .withTtlSecondsAfterFinished(ttl)
        .withPodReplacementPolicy(config.podReplacementPolicy())
        .withActiveDeadlineSeconds(config.activeDeadline(spec.getJobActiveDeadlineSecs()))
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withHostIPC(true)
        .withHostPID(true)
        .withHostNetwork(true)
        .withDnsPolicy("ClusterFirstWithHostNet")
        .withRestartPolicy("Never")
        .withServiceAccountName(spec.getServiceAccountName())
        .withPriorityClassName(spec.getPriorityClassName())
        .withImagePullSecrets(spec.getImagePullSecrets())
        .withNewAffinity()
        .withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm()
        .withMatchExpressions(
            new NodeSelectorRequirement(NodeSelection.HOSTNAME_LABEL, "In", List.of(hostname)))
        .endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity()
        .withNewPodAntiAffinity()
        .withRequiredDuringSchedulingIgnoredDuringExecution(antiAffinity)
        .endPodAntiAffinity()
        .endAffinity()
        .withTolerations(tolerations)
        .withInitContainers(init)
        .withContainers(upgrade)
        .withVolumes(volumes(spec))
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** The Job TTL: the configured one, raised to postCompleteDelay + 60 s when that is longer. */
  static int ttlSeconds(PlanSpec spec, ControllerConfig config) {
    int ttl = config.ttlSecondsAfterFinished();
    if (spec.getPostCompleteDelay() != null && !spec.getPostCompleteDelay().isEmpty()) {
      long delay =
          GoDuration.parse(spec.getPostCompleteDelay()).plus(Duration.ofSeconds(60)).toSeconds();
      ttl = (int) Math.max(ttl, delay);
    }
    return ttl;
  }

  private record Env(String plan, String version, String hash) {}

  private static ContainerBuilder container(
      String name,
      ContainerSpec spec,
      String latestVersion,
      List<VolumeMount> common,
      Env env,
      ControllerConfig config) {
    List<VolumeMount> mounts = new ArrayList<>(common);
    mounts.addAll(hostMounts(spec.getVolumes()));
    return new ContainerBuilder()
        .withName(name)
        .withImage(Images.withLatestTag(spec.getImage(), latestVersion))
        .withImagePullPolicy(config.imagePullPolicy())
        .withCommand(spec.getCommand())
        .withArgs(spec.getArgs())
        .withEnv(env(spec.getEnvs(), env))
        .withEnvFrom(spec.getEnvFrom())
        .withVolumeMounts(mounts);
  }

  private static Container kubectl(
      String name,
      List<String> args,
      PlanSpec spec,
      List<VolumeMount> common,
      Env env,
      ControllerConfig config) {
    List<VolumeMount> mounts = new ArrayList<>(common);
    mounts.addAll(hostMounts(spec.getUpgrade().getVolumes()));
    return new ContainerBuilder()
        .withName(name)
        .withImage(config.kubectlImage())
        .withImagePullPolicy(config.imagePullPolicy())
        .withArgs(args)
        .withEnv(env(null, env))
        .withVolumeMounts(mounts)
        .build();
  }

  private static List<EnvVar> env(List<EnvVar> user, Env env) {
    List<EnvVar> vars = new ArrayList<>();
    vars.add(fieldRef("SYSTEM_UPGRADE_NODE_NAME", "spec.nodeName"));
    vars.add(fieldRef("SYSTEM_UPGRADE_POD_NAME", "metadata.name"));
    vars.add(fieldRef("SYSTEM_UPGRADE_POD_UID", "metadata.uid"));
    if (user != null) {
      vars.addAll(user);
    }
    vars.add(new EnvVar("SYSTEM_UPGRADE_PLAN_NAME", env.plan(), null));
    vars.add(new EnvVar("SYSTEM_UPGRADE_PLAN_LATEST_HASH", env.hash(), null));
    vars.add(new EnvVar("SYSTEM_UPGRADE_PLAN_LATEST_VERSION", env.version(), null));
    return vars;
  }

  private static EnvVar fieldRef(String name, String path) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath(path)
        .endFieldRef()
        .endValueFrom()
        .build();
  }

  private static List<VolumeMount> commonMounts(PlanSpec spec) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount("host-root", "/host", false));
    mounts.add(mount("pod-info", "/run/system-upgrade/pod", true));
    for (SecretSpec secret : secrets(spec)) {
      mounts.add(mount(secretVolume(secret), secretPath(secret), true));
    }
    return mounts;
  }

  private static List<VolumeMount> hostMounts(List<VolumeSpec> volumes) {
    return volumes == null
        ? List.of()
        : volumes.stream().map(v -> mount(v.getName(), v.getDestination(), false)).toList();
  }

  private static VolumeMount mount(String name, String path, boolean readOnly) {
    VolumeMount mount = new VolumeMount();
    mount.setName(name);
    mount.setMountPath(path);
    mount.setReadOnly(readOnly ? true : null);
    return mount;
  }

  static String secretPath(SecretSpec secret) {
    String path = secret.getPath();
    if (path != null && path.startsWith("/")) {
      return path;
    }
    return SECRETS_DIR + (path == null || path.isEmpty() ? secret.getName() : path);
  }

  static String secretVolume(SecretSpec secret) {
    return JobNames.safeConcat("secret", secret.getName());
  }

  private static List<SecretSpec> secrets(PlanSpec spec) {
    return spec.getSecrets() == null ? List.of() : spec.getSecrets();
  }

  private static List<Volume> volumes(PlanSpec spec) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new VolumeBuilder()
            .withName("host-root")
            .withNewHostPath()
            .withPath("/")
            .withType("Directory")
            .endHostPath()
            .build());
    volumes.add(
        new VolumeBuilder()
            .withName("pod-info")
            .withNewDownwardAPI()
            .addNewItem()
            .withPath("labels")
            .withNewFieldRef()
            .withFieldPath("metadata.labels")
            .endFieldRef()
            .endItem()
            .addNewItem()
            .withPath("annotations")
            .withNewFieldRef()
            .withFieldPath("metadata.annotations")
            .endFieldRef()
            .endItem()
            .withDefaultMode(0644)
            .endDownwardAPI()
            .build());
    for (SecretSpec secret : secrets(spec)) {
      volumes.add(
          new VolumeBuilder()
              .withName(secretVolume(secret))
              .withNewSecret()
              .withSecretName(secret.getName())
              .withDefaultMode(secret.getDefaultMode())
              .withOptional(Boolean.TRUE.equals(secret.getIgnoreUpdates()))
              .endSecret()
              .build());
    }
    if (spec.getUpgrade().getVolumes() != null) {
      for (VolumeSpec v : spec.getUpgrade().getVolumes()) {
        volumes.add(
            new VolumeBuilder()
                .withName(v.getName())
                .withNewHostPath()
                .withPath(v.getSource())
                .endHostPath()
                .build());
      }
    }
    return volumes;
  }

  private static void copy(
      Map<String, String> from, Map<String, String> to, Predicate<String> keep) {
    if (from != null) {
      from.forEach(
          (k, v) -> {
            if (keep.test(k)) {
              to.put(k, v);
            }
          });
    }
  }
}

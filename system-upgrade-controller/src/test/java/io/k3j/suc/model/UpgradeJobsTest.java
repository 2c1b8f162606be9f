package io.k3j.suc.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.k3j.crds.upgrade.v1.Plan;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UpgradeJobsTest {
  static final String AGENT =
      """
      concurrency: 1
      cordon: true
      serviceAccountName: system-upgrade
      nodeSelector: {matchExpressions: [{key: node-role.kubernetes.io/control-plane, operator: DoesNotExist}]}
      prepare: {image: rancher/k3s-upgrade, args: [prepare, server-plan]}
      upgrade: {image: rancher/k3s-upgrade, envs: [{name: USER_VAR, value: x}]}
      secrets: [{name: env, path: ''}, {name: abs, path: /etc/abs, ignoreUpdates: true}]
      tolerations: [{key: CriticalAddonsOnly, operator: Exists}]
      priorityClassName: system-node-critical
      imagePullSecrets: [{name: regcred}]
      """;

  static Job job(Plan plan, boolean running) {
    plan.getMetadata()
        .setLabels(Map.of("team", "infra", "plan.cattle.io/x", "no", "upgrade.cattle.io/y", "no"));
    plan.getMetadata()
        .setAnnotations(
            Map.of(
                "note", "yes",
                "upgrade.cattle.io/digest", "spec.concurrency",
                "kubectl.kubernetes.io/last-applied-configuration", "{}"));
    return UpgradeJobs.desired(
        plan, Plans.node("node-1.example.com"), "v1.33.4-k3s1", "hash1", running, Plans.config());
  }

  @Test
  @DisplayName("name, labels, annotations and the paused handshake are upstream's")
  void metadata() {
    Job job = job(Plans.plan(AGENT), false);
    assertThat(job.getMetadata().getName()).isEqualTo("apply-p-on-node-1-with-hash1");
    assertThat(job.getMetadata().getNamespace()).isEqualTo("system-upgrade");
    assertThat(job.getMetadata().getLabels())
        .containsEntry("upgrade.cattle.io/controller", "system-upgrade-controller")
        .containsEntry("upgrade.cattle.io/exclusive", "false")
        .containsEntry("upgrade.cattle.io/node", "node-1.example.com")
        .containsEntry("upgrade.cattle.io/plan", "p")
        .containsEntry("upgrade.cattle.io/version", "v1.33.4-k3s1")
        .containsEntry("plan.upgrade.cattle.io/p", "hash1")
        .containsEntry("team", "infra")
        .doesNotContainKeys("plan.cattle.io/x", "upgrade.cattle.io/y");
    assertThat(job.getMetadata().getAnnotations())
        .containsOnly(
            Map.entry("note", "yes"),
            Map.entry("upgrade.cattle.io/ttl-seconds-after-finished", "900"));
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .isEqualTo(job.getMetadata().getLabels());
    assertThat(job.getSpec().getParallelism()).isZero();
    assertThat(job(Plans.plan(AGENT), true).getSpec().getParallelism()).isEqualTo(1);
    assertThat(job.getSpec().getCompletions()).isEqualTo(1);
    assertThat(job.getSpec().getBackoffLimit()).isEqualTo(2);
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(600);
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(900);
    assertThat(job.getSpec().getPodReplacementPolicy()).isEqualTo("TerminatingOrFailed");
  }

  @Test
  @DisplayName("pod: host namespaces, pinned by hostname affinity, anti-affinity, tolerations")
  void podSpec() {
    PodSpec pod = job(Plans.plan(AGENT), false).getSpec().getTemplate().getSpec();
    assertThat(pod.getHostPID()).isTrue();
    assertThat(pod.getHostIPC()).isTrue();
    assertThat(pod.getHostNetwork()).isTrue();
    assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getServiceAccountName()).isEqualTo("system-upgrade");
    assertThat(pod.getPriorityClassName()).isEqualTo("system-node-critical");
    assertThat(pod.getImagePullSecrets()).extracting("name").containsExactly("regcred");
    var term =
        pod.getAffinity()
            .getNodeAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution()
            .getNodeSelectorTerms()
            .get(0)
            .getMatchExpressions()
            .get(0);
    assertThat(term.getKey()).isEqualTo("kubernetes.io/hostname");
    assertThat(term.getValues()).containsExactly("node-1.example.com");
    var anti =
        pod.getAffinity()
            .getPodAntiAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution()
            .get(0);
    assertThat(anti.getLabelSelector().getMatchExpressions().get(0).getKey())
        .isEqualTo("upgrade.cattle.io/plan");
    assertThat(anti.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
    assertThat(pod.getTolerations())
        .extracting("key")
        .containsExactly("node.kubernetes.io/unschedulable", "CriticalAddonsOnly");
    assertThat(pod.getVolumes())
        .extracting("name")
        .containsExactly("host-root", "pod-info", "secret-env", "secret-abs");
    assertThat(pod.getVolumes().get(3).getSecret().getOptional()).isTrue();

    Plan exclusive = Plans.plan(AGENT + "exclusive: true\n");
    var exclusiveTerm =
        job(exclusive, false)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getAffinity()
            .getPodAntiAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution()
            .get(0);
    assertThat(exclusiveTerm.getLabelSelector().getMatchExpressions().get(0).getKey())
        .isEqualTo("upgrade.cattle.io/exclusive");
  }

  @Test
  @DisplayName("containers: prepare then cordon then upgrade, with mounts, env and latest tag")
  void containers() {
    PodSpec pod = job(Plans.plan(AGENT), false).getSpec().getTemplate().getSpec();
    assertThat(pod.getInitContainers())
        .extracting(Container::getName)
        .containsExactly("prepare", "cordon");
    Container prepare = pod.getInitContainers().get(0);
    assertThat(prepare.getImage()).isEqualTo("rancher/k3s-upgrade:v1.33.4-k3s1");
    assertThat(prepare.getSecurityContext()).isNull();
    Container cordon = pod.getInitContainers().get(1);
    assertThat(cordon.getImage()).isEqualTo("rancher/kubectl:v1.30.3");
    assertThat(cordon.getArgs()).containsExactly("cordon", "node-1.example.com");
    Container upgrade = pod.getContainers().get(0);
    assertThat(upgrade.getName()).isEqualTo("upgrade");
    assertThat(upgrade.getSecurityContext().getPrivileged()).isTrue();
    assertThat(upgrade.getSecurityContext().getCapabilities().getAdd())
        .containsExactly("CAP_SYS_BOOT");
    assertThat(upgrade.getEnv())
        .extracting(EnvVar::getName)
        .containsExactly(
            "SYSTEM_UPGRADE_NODE_NAME",
            "SYSTEM_UPGRADE_POD_NAME",
            "SYSTEM_UPGRADE_POD_UID",
            "USER_VAR",
            "SYSTEM_UPGRADE_PLAN_NAME",
            "SYSTEM_UPGRADE_PLAN_LATEST_HASH",
            "SYSTEM_UPGRADE_PLAN_LATEST_VERSION");
    assertThat(upgrade.getEnv().get(6).getValue()).isEqualTo("v1.33.4-k3s1");
    assertThat(upgrade.getVolumeMounts())
        .extracting(VolumeMount::getMountPath)
        .containsExactly(
            "/host", "/run/system-upgrade/pod", "/run/system-upgrade/secrets/env", "/etc/abs");

    Plan drained = Plans.plan(AGENT + "drain: {force: true, skipWaitForDeleteTimeout: 60}\n");
    Container drain =
        job(drained, false).getSpec().getTemplate().getSpec().getInitContainers().get(1);
    assertThat(drain.getName()).isEqualTo("drain");
    assertThat(drain.getArgs())
        .containsExactly(
            "drain",
            "node-1.example.com",
            "--pod-selector",
            "!upgrade.cattle.io/controller",
            "--ignore-daemonsets",
            "--delete-emptydir-data",
            "--force",
            "--skip-wait-for-delete-timeout",
            "60");
  }

  @Test
  @DisplayName("images: a name gets the latest version as tag; tags and digests are kept")
  void latestTag() {
    assertThat(Images.withLatestTag("test/image", "test")).isEqualTo("test/image:test");
    assertThat(Images.withLatestTag("test/image:t2", "test")).isEqualTo("test/image:t2");
    assertThat(Images.withLatestTag("img.example.com:5000/test/image", "test"))
        .isEqualTo("img.example.com:5000/test/image:test");
    assertThat(Images.withLatestTag("img.example.com:5000/test/image:t", "test"))
        .isEqualTo("img.example.com:5000/test/image:t");
    assertThat(Images.withLatestTag("docker.io/library/alpine", "3")).isEqualTo("alpine:3");
    assertThat(Images.withLatestTag("a@sha256:00", "3")).isEqualTo("a@sha256:00");
  }

  @Test
  @DisplayName(
      "drain: the plan's pod selector sorted with the controller exclusion; skip-wait only above 0")
  void drainArgs() {
    Plan plan =
        Plans.plan(
            "upgrade: {image: x}\ndrain: {disableEviction: true, deleteEmptydirData: true,"
                + " timeout: 1000000000, podSelector: {matchExpressions: [{key: component, operator: NotIn, values: [sonobuoy]}]}}");
    assertThat(DrainArgs.of("n", plan.getSpec().getDrain()))
        .containsExactly(
            "drain",
            "n",
            "--pod-selector",
            "component notin (sonobuoy),!upgrade.cattle.io/controller",
            "--ignore-daemonsets",
            "--delete-emptydir-data",
            "--timeout",
            "1s",
            "--disable-eviction=true");
    for (int skip : new int[] {-1, 0}) {
      Plan p = Plans.plan("upgrade: {image: x}\ndrain: {skipWaitForDeleteTimeout: " + skip + "}");
      assertThat(DrainArgs.of("n", p.getSpec().getDrain()))
          .doesNotContain("--skip-wait-for-delete-timeout");
    }
    Plan p = Plans.plan("upgrade: {image: x}\ndrain: {skipWaitForDeleteTimeout: 1, timeout: 10m}");
    assertThat(DrainArgs.of("n", p.getSpec().getDrain()))
        .containsSubsequence("--timeout", "10m")
        .containsSubsequence("--skip-wait-for-delete-timeout", "1");
  }
}

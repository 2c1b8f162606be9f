package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.Defaulting.object;
import static io.k3j.core.apiserver.validation.Defaulting.objects;
import static io.k3j.core.apiserver.validation.Defaulting.set;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Upstream's apps/v1 and batch/v1 defaults (pkg/apis/apps/v1, pkg/apis/batch/v1). */
final class WorkloadDefaults {
  private WorkloadDefaults() {}

  static void deployment(ObjectNode spec) {
    set(spec, "replicas", 1);
    ObjectNode strategy = object(spec, "strategy");
    set(strategy, "type", "RollingUpdate");
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      ObjectNode rollingUpdate = object(strategy, "rollingUpdate");
      set(rollingUpdate, "maxUnavailable", "25%");
      set(rollingUpdate, "maxSurge", "25%");
    }
    set(spec, "revisionHistoryLimit", 10);
    set(spec, "progressDeadlineSeconds", 600);
    PodDefaults.template(object(spec, "template"));
  }

  static void replicaSet(ObjectNode spec) {
    set(spec, "replicas", 1);
    PodDefaults.template(object(spec, "template"));
  }

  static void statefulSet(ObjectNode spec) {
    set(spec, "replicas", 1);
    set(spec, "podManagementPolicy", "OrderedReady");
    ObjectNode strategy = object(spec, "updateStrategy");
    set(strategy, "type", "RollingUpdate");
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      set(object(strategy, "rollingUpdate"), "partition", 0);
    }
    set(spec, "revisionHistoryLimit", 10);
    ObjectNode retention = object(spec, "persistentVolumeClaimRetentionPolicy");
    set(retention, "whenDeleted", "Retain");
    set(retention, "whenScaled", "Retain");
    for (ObjectNode claim : objects(spec, "volumeClaimTemplates")) {
      set(object(claim, "spec"), "volumeMode", "Filesystem");
    }
    PodDefaults.template(object(spec, "template"));
  }

  static void daemonSet(ObjectNode spec) {
    ObjectNode strategy = object(spec, "updateStrategy");
    set(strategy, "type", "RollingUpdate");
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      ObjectNode rollingUpdate = object(strategy, "rollingUpdate");
      set(rollingUpdate, "maxUnavailable", 1);
      set(rollingUpdate, "maxSurge", 0);
    }
    set(spec, "revisionHistoryLimit", 10);
    PodDefaults.template(object(spec, "template"));
  }

  /**
   * Job defaults, and upstream's create-time selector generation: unless {@code manualSelector} is
   * true and once the server has set {@code metadata.uid}, the template gets the controller-uid and
   * job-name labels and the selector matches the uid.
   */
  static void job(ObjectNode job) {
    ObjectNode spec = object(job, "spec");
    if (!spec.hasNonNull("completions") && !spec.hasNonNull("parallelism")) {
      set(spec, "completions", 1);
    }
    set(spec, "parallelism", 1);
    set(spec, "backoffLimit", spec.hasNonNull("backoffLimitPerIndex") ? Integer.MAX_VALUE : 6);
    ObjectNode template = object(spec, "template");
    if (template.path("metadata").get("labels") instanceof ObjectNode labels
        && job.path("metadata").path("labels").isEmpty()) {
      object(job, "metadata").set("labels", labels.deepCopy());
    }
    set(spec, "completionMode", "NonIndexed");
    set(spec, "suspend", false);
    set(
        spec,
        "podReplacementPolicy",
        spec.hasNonNull("podFailurePolicy") ? "Failed" : "TerminatingOrFailed");
    generateSelector(job, spec, template);
    PodDefaults.template(template);
  }

  private static void generateSelector(ObjectNode job, ObjectNode spec, ObjectNode template) {
    String uid = job.path("metadata").path("uid").asText("");
    boolean generated = spec.path("selector").path("matchLabels").has(JobValidation.CONTROLLER_UID);
    if (spec.path("manualSelector").asBoolean(false) || uid.isEmpty() || generated) {
      return;
    }
    String name = job.path("metadata").path("name").asText("");
    ObjectNode labels = object(object(template, "metadata"), "labels");
    set(labels, JobValidation.LEGACY_JOB_NAME, name);
    set(labels, JobValidation.JOB_NAME, name);
    set(labels, JobValidation.LEGACY_CONTROLLER_UID, uid);
    set(labels, JobValidation.CONTROLLER_UID, uid);
    set(object(object(spec, "selector"), "matchLabels"), JobValidation.CONTROLLER_UID, uid);
  }

  /** CronJob defaults; the job template's pod template gets pod defaults, its spec none. */
  static void cronJob(ObjectNode spec) {
    set(spec, "concurrencyPolicy", "Allow");
    set(spec, "suspend", false);
    set(spec, "successfulJobsHistoryLimit", 3);
    set(spec, "failedJobsHistoryLimit", 1);
    PodDefaults.template(object(object(object(spec, "jobTemplate"), "spec"), "template"));
  }
}

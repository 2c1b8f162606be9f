package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.FieldPath.child;
import static io.k3j.core.apiserver.validation.FieldPath.key;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.resources.Selector;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Upstream's batch/v1 checks: Job and CronJob. */
final class JobValidation {
  static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  static final String LEGACY_CONTROLLER_UID = "controller-uid";
  static final String JOB_NAME = "batch.kubernetes.io/job-name";
  static final String LEGACY_JOB_NAME = "job-name";
  private static final List<String> JOB_RESTART_POLICIES = List.of("OnFailure", "Never");
  private static final List<String> COMPLETION_MODES = List.of("NonIndexed", "Indexed");
  private static final List<String> CONCURRENCY_POLICIES = List.of("Allow", "Forbid", "Replace");

  private JobValidation() {}

  /** A Job: its spec, the selector and, when the server generated it, the generated labels. */
  static void job(JsonNode job, JsonNode old, FieldErrors errors) {
    JsonNode spec = job.path("spec");
    if (old == null) {
      generatedSelector(job, errors);
    }
    jobSpec(spec, "spec", errors);
    JsonNode selector = spec.path("selector");
    if (!selector.isObject()) {
      errors.required("spec.selector", "");
    } else {
      LabelSelectors.validate(selector, "spec.selector", errors);
      JsonNode labels = spec.path("template").path("metadata").path("labels");
      if (!Selector.matches(selector, labels)) {
        errors.invalid(
            "spec.template.metadata.labels",
            GoLiteral.stringMap(labels),
            "`selector` does not match template `labels`");
      }
    }
    if (old != null) {
      JsonNode oldSpec = old.path("spec");
      if (!Objects.equals(selector, oldSpec.path("selector"))) {
        errors.invalid("spec.selector", GoLiteral.selector(selector), "field is immutable");
      }
      if (!spec.path("completionMode").equals(oldSpec.path("completionMode"))) {
        errors.invalid(
            "spec.completionMode", spec.path("completionMode").asText(""), "field is immutable");
      }
      if (!spec.path("completionMode").asText("").equals("Indexed")
          && !spec.path("completions").equals(oldSpec.path("completions"))) {
        errors.invalid("spec.completions", spec.path("completions").asLong(), "field is immutable");
      }
    }
  }

  static void cronJob(JsonNode cronJob, JsonNode old, FieldErrors errors) {
    String name = cronJob.path("metadata").path("name").asText("");
    if (name.length() > 52) {
      errors.invalid("metadata.name", name, "must be no more than 52 characters");
    }
    JsonNode spec = cronJob.path("spec");
    String schedule = spec.path("schedule").asText("");
    if (schedule.isEmpty()) {
      errors.required("spec.schedule", "");
    } else {
      boolean oldHadZone =
          old != null && old.path("spec").path("schedule").asText("").contains("TZ");
      schedule(schedule, oldHadZone, spec.hasNonNull("timeZone"), errors);
    }
    NumberChecks.nonNegative(spec, "startingDeadlineSeconds", "spec", errors);
    String policy = spec.path("concurrencyPolicy").asText("");
    if (policy.isEmpty()) {
      errors.required("spec.concurrencyPolicy", "");
    } else if (!CONCURRENCY_POLICIES.contains(policy)) {
      errors.notSupported("spec.concurrencyPolicy", policy, CONCURRENCY_POLICIES);
    }
    JsonNode jobTemplate = spec.path("jobTemplate");
    MetadataValidation.labels(
        jobTemplate.path("metadata").path("labels"), "spec.jobTemplate.labels", errors);
    MetadataValidation.annotations(
        jobTemplate.path("metadata").path("annotations"), "spec.jobTemplate.annotations", errors);
    JsonNode jobSpec = jobTemplate.path("spec");
    jobSpec(jobSpec, "spec.jobTemplate.spec", errors);
    if (jobSpec.path("manualSelector").asBoolean(false)) {
      errors.notSupported("spec.jobTemplate.spec.manualSelector", true, List.of("nil", "false"));
    }
    NumberChecks.nonNegative(spec, "successfulJobsHistoryLimit", "spec", errors);
    NumberChecks.nonNegative(spec, "failedJobsHistoryLimit", "spec", errors);
    String timeZone = spec.path("timeZone").asText("");
    if (spec.hasNonNull("timeZone") && timeZone.isEmpty()) {
      errors.invalid("spec.timeZone", timeZone, "timeZone must be nil or non-empty string");
    } else if (spec.hasNonNull("timeZone") && !knownZone(timeZone)) {
      errors.invalid("spec.timeZone", timeZone, "unknown time zone " + timeZone);
    }
  }

  /** Upstream rejects TZ= in new schedules; the timeZone field replaces it. */
  private static void schedule(
      String schedule, boolean oldHadZone, boolean hasTimeZone, FieldErrors errors) {
    CronScheduleErrors.error(schedule).ifPresent(e -> errors.invalid("spec.schedule", schedule, e));
    if (oldHadZone && schedule.contains("TZ") && hasTimeZone) {
      errors.invalid(
          "spec.schedule",
          schedule,
          "cannot use both timeZone field and TZ or CRON_TZ in schedule");
    } else if (!oldHadZone && schedule.contains("TZ")) {
      errors.invalid(
          "spec.schedule",
          schedule,
          "cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
    }
  }

  private static boolean knownZone(String zone) {
    try {
      ZoneId.of(zone);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /** The checks a Job and a CronJob's job template share. */
  private static void jobSpec(JsonNode spec, String path, FieldErrors errors) {
    for (String field :
        List.of("parallelism", "completions", "activeDeadlineSeconds", "backoffLimit")) {
      NumberChecks.nonNegative(spec, field, path, errors);
    }
    String mode = spec.path("completionMode").asText("");
    if (!mode.isEmpty() && !COMPLETION_MODES.contains(mode)) {
      errors.notSupported(child(path, "completionMode"), mode, COMPLETION_MODES);
    }
    if (mode.equals("Indexed") && !spec.path("completions").isNumber()) {
      errors.required(child(path, "completions"), "when completion mode is Indexed");
    }
    JsonNode template = spec.path("template");
    PodSpecValidation.template(template, child(path, "template"), errors);
    String restartPolicy = template.path("spec").path("restartPolicy").asText("");
    if (!JOB_RESTART_POLICIES.contains(restartPolicy)) {
      errors.notSupported(
          child(path, "template", "spec", "restartPolicy"), restartPolicy, JOB_RESTART_POLICIES);
    }
  }

  /**
   * Unless {@code manualSelector} is true, the server generated the selector and the template
   * labels from the Job's uid and name; they must still be those.
   */
  private static void generatedSelector(JsonNode job, FieldErrors errors) {
    JsonNode spec = job.path("spec");
    if (spec.path("manualSelector").asBoolean(false) || !spec.path("selector").isObject()) {
      return;
    }
    JsonNode metadata = job.path("metadata");
    String uid = metadata.path("uid").asText("");
    String name = metadata.path("name").asText("");
    if (uid.isEmpty()) {
      errors.required("metadata.uid", "");
    }
    JsonNode labels = spec.path("template").path("metadata").path("labels");
    Map<String, String> expected =
        Map.of(
            LEGACY_CONTROLLER_UID, uid, LEGACY_JOB_NAME, name, CONTROLLER_UID, uid, JOB_NAME, name);
    for (String label : List.of(LEGACY_CONTROLLER_UID, LEGACY_JOB_NAME, CONTROLLER_UID, JOB_NAME)) {
      String at = key("spec.template.metadata.labels", label);
      JsonNode actual = labels.get(label);
      if (actual == null) {
        errors.required(at, expected.get(label));
      } else if (!actual.asText().equals(expected.get(label))) {
        errors.invalid(at, GoLiteral.stringMap(labels), "must be '" + expected.get(label) + "'");
      }
    }
    JsonNode selector = spec.path("selector");
    boolean generated =
        selector.path("matchExpressions").isEmpty()
            && selector.path("matchLabels").size() == 1
            && uid.equals(selector.path("matchLabels").path(CONTROLLER_UID).asText(null));
    if (!generated) {
      errors.invalid(
          "spec.selector", GoLiteral.selector(selector), "`selector` not auto-generated");
    }
  }
}

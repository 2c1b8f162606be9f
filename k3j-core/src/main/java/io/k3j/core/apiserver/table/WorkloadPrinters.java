package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Printers of workload kinds (apps/v1, batch/v1, ReplicationController, HPA, PDB) with
 * kube-apiserver 1.32's columns. A missing {@code spec.replicas} reads as its default, 1.
 */
final class WorkloadPrinters {
  private WorkloadPrinters() {}

  /** By {@code group/kind}, "" being the core group. */
  static Map<String, Printer> all() {
    return Map.of(
        "apps/Deployment", deployment(),
        "apps/ReplicaSet", replicas(true),
        "/ReplicationController", replicas(false),
        "apps/StatefulSet", statefulSet(),
        "apps/DaemonSet", daemonSet(),
        "apps/ControllerRevision", controllerRevision(),
        "batch/Job", job(),
        "batch/CronJob", cronJob(),
        "autoscaling/HorizontalPodAutoscaler", HorizontalPodAutoscalerPrinter.create(),
        "policy/PodDisruptionBudget", podDisruptionBudget());
  }

  private static Column selectorColumn() {
    return Column.string("Selector", "The label selector of the pods.").wide();
  }

  private static long desiredReplicas(JsonNode object) {
    return object.at("/spec/replicas").asLong(1);
  }

  static Printer deployment() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Ready", "Number of the pod with ready state"),
            Column.string("Up-to-date", "Pods that run the latest template."),
            Column.string("Available", "Pods ready for at least minReadySeconds."),
            Column.age(),
            ContainerCells.containersColumn(),
            ContainerCells.imagesColumn(),
            selectorColumn()),
        (o, now) -> {
          JsonNode pods = o.at("/spec/template/spec");
          String selector = Labels.selectorText(o.at("/spec/selector"));
          return List.of(
              Cells.name(o),
              Cells.number(o, "/status/readyReplicas") + "/" + desiredReplicas(o),
              Cells.number(o, "/status/updatedReplicas"),
              Cells.number(o, "/status/availableReplicas"),
              Cells.age(o, now),
              ContainerCells.names(pods),
              ContainerCells.images(pods),
              selector == null ? "<invalid>" : selector);
        });
  }

  /** ReplicaSets (selector is a LabelSelector) and ReplicationControllers (a label map). */
  static Printer replicas(boolean labelSelector) {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.integer("Desired", "The number of pods wanted."),
            Column.integer("Current", "The number of pods that exist."),
            Column.integer("Ready", "The number of ready pods."),
            Column.age(),
            ContainerCells.containersColumn(),
            ContainerCells.imagesColumn(),
            selectorColumn()),
        (o, now) -> {
          JsonNode pods = o.at("/spec/template/spec");
          return List.of(
              Cells.name(o),
              desiredReplicas(o),
              Cells.number(o, "/status/replicas"),
              Cells.number(o, "/status/readyReplicas"),
              Cells.age(o, now),
              ContainerCells.names(pods),
              ContainerCells.images(pods),
              labelSelector
                  ? Labels.selector(o.at("/spec/selector"))
                  : Labels.format(o.at("/spec/selector")));
        });
  }

  static Printer statefulSet() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Ready", "Number of the pod with ready state"),
            Column.age(),
            ContainerCells.containersColumn(),
            ContainerCells.imagesColumn()),
        (o, now) ->
            List.of(
                Cells.name(o),
                Cells.number(o, "/status/readyReplicas") + "/" + desiredReplicas(o),
                Cells.age(o, now),
                ContainerCells.names(o.at("/spec/template/spec")),
                ContainerCells.images(o.at("/spec/template/spec"))));
  }

  static Printer daemonSet() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.integer("Desired", "The number of nodes that should run the pod."),
            Column.integer("Current", "The number of nodes running at least one pod."),
            Column.integer("Ready", "The number of nodes whose pod is ready."),
            Column.integer("Up-to-date", "The number of nodes running the latest template."),
            Column.integer("Available", "The number of nodes whose pod is available."),
            Column.string("Node Selector", "The labels of the nodes the pods may run on."),
            Column.age(),
            ContainerCells.containersColumn(),
            ContainerCells.imagesColumn(),
            selectorColumn()),
        (o, now) ->
            List.of(
                Cells.name(o),
                Cells.number(o, "/status/desiredNumberScheduled"),
                Cells.number(o, "/status/currentNumberScheduled"),
                Cells.number(o, "/status/numberReady"),
                Cells.number(o, "/status/updatedNumberScheduled"),
                Cells.number(o, "/status/numberAvailable"),
                Labels.format(o.at("/spec/template/spec/nodeSelector")),
                Cells.age(o, now),
                ContainerCells.names(o.at("/spec/template/spec")),
                ContainerCells.images(o.at("/spec/template/spec")),
                Labels.selector(o.at("/spec/selector"))));
  }

  static Printer controllerRevision() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Controller", "Controller of the object"),
            Column.string("Revision", "The revision of the state."),
            Column.age()),
        (o, now) ->
            List.of(Cells.name(o), controller(o), Cells.number(o, "/revision"), Cells.age(o, now)));
  }

  /** {@code kind.group/name} of the controlling owner, lower-case, or {@code <none>}. */
  private static String controller(JsonNode object) {
    for (JsonNode owner : object.at("/metadata/ownerReferences")) {
      if (owner.path("controller").asBoolean(false)) {
        String apiVersion = owner.path("apiVersion").asText("");
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String kind = owner.path("kind").asText("");
        String groupKind = group.isEmpty() ? kind : kind + "." + group;
        return groupKind.toLowerCase(Locale.ROOT) + "/" + owner.path("name").asText("");
      }
    }
    return Labels.NONE;
  }

  static Printer job() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Status", "Status of the job."),
            Column.string("Completions", "Succeeded pods out of the completions wanted."),
            Column.string("Duration", "Time required to complete the job."),
            Column.age(),
            ContainerCells.containersColumn(),
            ContainerCells.imagesColumn(),
            selectorColumn()),
        (o, now) ->
            List.of(
                Cells.name(o),
                jobStatus(o),
                completions(o),
                jobDuration(o, now),
                Cells.age(o, now),
                ContainerCells.names(o.at("/spec/template/spec")),
                ContainerCells.images(o.at("/spec/template/spec")),
                Labels.selector(o.at("/spec/selector"))));
  }

  private static String completions(JsonNode job) {
    long succeeded = Cells.number(job, "/status/succeeded");
    JsonNode completions = job.at("/spec/completions");
    if (completions.isNumber()) {
      return succeeded + "/" + completions.asLong();
    }
    long parallelism = Cells.number(job, "/spec/parallelism");
    return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
  }

  private static String jobDuration(JsonNode job, Instant now) {
    Instant start = instant(job, "/status/startTime");
    if (start == null) {
      return "";
    }
    Instant completion = instant(job, "/status/completionTime");
    return HumanDuration.format(Duration.between(start, completion == null ? now : completion));
  }

  private static Instant instant(JsonNode object, String pointer) {
    JsonNode value = object.at(pointer);
    return value.isTextual() ? HumanDuration.parse(value.asText()) : null;
  }

  private static String jobStatus(JsonNode job) {
    if (jobCondition(job, "Complete")) {
      return "Complete";
    }
    if (jobCondition(job, "Failed")) {
      return "Failed";
    }
    if (Cells.deleting(job)) {
      return "Terminating";
    }
    if (jobCondition(job, "Suspended")) {
      return "Suspended";
    }
    return jobCondition(job, "FailureTarget") ? "FailureTarget" : "Running";
  }

  /** Whether the job's first condition of this type is True. */
  private static boolean jobCondition(JsonNode job, String type) {
    for (JsonNode condition : job.at("/status/conditions")) {
      if (condition.path("type").asText().equals(type)) {
        return condition.path("status").asText().equals("True");
      }
    }
    return false;
  }

  static Printer cronJob() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Schedule", "The schedule in Cron format."),
            Column.string("Timezone", "The time zone of the schedule."),
            Column.bool("Suspend", "Whether later runs are suspended."),
            Column.integer("Active", "The number of running jobs."),
            Column.string("Last Schedule", "When a job was last scheduled."),
            Column.age(),
            ContainerCells.containersColumn(),
            ContainerCells.imagesColumn(),
            selectorColumn()),
        (o, now) -> {
          JsonNode suspend = o.at("/spec/suspend");
          JsonNode lastSchedule = o.at("/status/lastScheduleTime");
          JsonNode pods = o.at("/spec/jobTemplate/spec/template/spec");
          return List.of(
              Cells.name(o),
              Cells.text(o, "/spec/schedule"),
              Cells.text(o, "/spec/timeZone", Labels.NONE),
              suspend.isBoolean() ? (suspend.asBoolean() ? "True" : "False") : "<unset>",
              Cells.count(o, "/status/active"),
              lastSchedule.isTextual() ? HumanDuration.since(lastSchedule, now) : Labels.NONE,
              Cells.age(o, now),
              ContainerCells.names(pods),
              ContainerCells.images(pods),
              Labels.selector(o.at("/spec/jobTemplate/spec/selector")));
        });
  }

  static Printer podDisruptionBudget() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Min Available", "The minimum number of pods that must be available."),
            Column.string("Max Unavailable", "The maximum number of pods that may be unavailable."),
            Column.integer(
                "Allowed Disruptions",
                "Calculated number of pods that may be disrupted at this time."),
            Column.age()),
        (o, now) ->
            List.of(
                Cells.name(o),
                Cells.text(o, "/spec/minAvailable", "N/A"),
                Cells.text(o, "/spec/maxUnavailable", "N/A"),
                Cells.number(o, "/status/disruptionsAllowed"),
                Cells.age(o, now)));
  }
}

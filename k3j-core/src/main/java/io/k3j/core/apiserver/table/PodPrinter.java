package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Pods as {@code kubectl get pods} shows them: READY as ready/total containers, STATUS as the most
 * telling reason (init progress, a waiting or terminated container's reason, Terminating), RESTARTS
 * with the age of the last restart, and IP, NODE, NOMINATED NODE, READINESS GATES wide. The rules
 * follow kube-apiserver 1.32's pod printer.
 */
final class PodPrinter implements Printer {
  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.string(
              "Ready", "The aggregate readiness state of this pod for accepting traffic."),
          Column.string("Status", "The aggregate status of the containers in this pod."),
          Column.string(
              "Restarts",
              "The number of times the containers in this pod have been restarted and when the"
                  + " last container in this pod has restarted."),
          Column.age(),
          Column.string("IP", "The IP address allocated to the pod.").wide(),
          Column.string("Node", "The node the pod is scheduled to.").wide(),
          Column.string("Nominated Node", "The node the scheduler nominated for the pod.").wide(),
          Column.string("Readiness Gates", "How many of the pod's readiness gates are true.")
              .wide());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<ObjectNode> conditions(JsonNode pod) {
    String phase = pod.at("/status/phase").asText();
    if (!phase.equals("Succeeded") && !phase.equals("Failed")) {
      return List.of();
    }
    ObjectNode completed = JsonNodeFactory.instance.objectNode();
    completed.put("type", "Completed").put("status", "True").put("reason", phase);
    completed.put(
        "message",
        phase.equals("Succeeded") ? "The pod has completed successfully." : "The pod failed.");
    return List.of(completed);
  }

  @Override
  public List<Object> cells(JsonNode pod, Instant now) {
    Summary summary = new Summary(pod);
    String restarts = Integer.toString(summary.restarts);
    if (summary.restarts != 0 && summary.lastRestart != null) {
      restarts += " (" + HumanDuration.format(Duration.between(summary.lastRestart, now)) + " ago)";
    }
    return Arrays.asList(
        pod.at("/metadata/name").asText(),
        summary.ready + "/" + summary.total,
        summary.reason,
        restarts,
        HumanDuration.since(pod.at("/metadata/creationTimestamp"), now),
        orNone(pod.at("/status/podIPs/0/ip").asText("")),
        orNone(pod.at("/spec/nodeName").asText("")),
        orNone(pod.at("/status/nominatedNodeName").asText("")),
        readinessGates(pod));
  }

  private static String readinessGates(JsonNode pod) {
    JsonNode gates = pod.at("/spec/readinessGates");
    if (gates.size() == 0) {
      return Labels.NONE;
    }
    int trueConditions = 0;
    for (JsonNode gate : gates) {
      JsonNode condition = condition(pod, gate.path("conditionType").asText());
      if (condition != null && condition.path("status").asText().equals("True")) {
        trueConditions++;
      }
    }
    return trueConditions + "/" + gates.size();
  }

  private static JsonNode condition(JsonNode pod, String type) {
    for (JsonNode condition : pod.at("/status/conditions")) {
      if (condition.path("type").asText().equals(type)) {
        return condition;
      }
    }
    return null;
  }

  private static boolean conditionTrue(JsonNode pod, String type) {
    JsonNode condition = condition(pod, type);
    return condition != null && condition.path("status").asText().equals("True");
  }

  private static String orNone(String value) {
    return value.isEmpty() ? Labels.NONE : value;
  }

  /** READY, STATUS and RESTARTS worked out from the pod's spec and container statuses. */
  private static final class Summary {
    private final JsonNode pod;
    private final Set<String> sidecars = new HashSet<>();
    private int ready;
    private int total;
    private int restarts;
    private Instant lastRestart;
    private String reason;

    Summary(JsonNode pod) {
      this.pod = pod;
      JsonNode status = pod.path("status");
      String phase = status.path("phase").asText("");
      String statusReason = status.path("reason").asText("");
      reason = statusReason.isEmpty() ? phase : statusReason;
      for (JsonNode condition : status.path("conditions")) {
        if (condition.path("type").asText().equals("PodScheduled")
            && condition.path("reason").asText().equals("SchedulingGated")) {
          reason = "SchedulingGated";
        }
      }
      total = pod.at("/spec/containers").size();
      for (JsonNode init : pod.at("/spec/initContainers")) {
        if (init.path("restartPolicy").asText().equals("Always")) {
          sidecars.add(init.path("name").asText());
          total++;
        }
      }
      boolean initializing = initContainers();
      if (!initializing || conditionTrue(pod, "Initialized")) {
        containers();
      }
      boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");
      if (pod.at("/metadata/deletionTimestamp").isTextual()) {
        if (statusReason.equals("NodeLost")) {
          reason = "Unknown";
        } else if (!terminal) {
          reason = "Terminating";
        }
      }
    }

    /** Counts init containers; true while initialization is still under way or failed. */
    private boolean initContainers() {
      JsonNode statuses = pod.at("/status/initContainerStatuses");
      Instant lastSidecarRestart = null;
      int sidecarRestarts = 0;
      boolean initializing = false;
      for (int i = 0; i < statuses.size(); i++) {
        JsonNode container = statuses.get(i);
        boolean sidecar = sidecars.contains(container.path("name").asText());
        restarts += container.path("restartCount").asInt();
        lastRestart = later(lastRestart, finishedAt(container));
        if (sidecar) {
          sidecarRestarts += container.path("restartCount").asInt();
          lastSidecarRestart = later(lastSidecarRestart, finishedAt(container));
        }
        JsonNode terminated = container.at("/state/terminated");
        JsonNode waiting = container.at("/state/waiting");
        if (terminated.isObject() && terminated.path("exitCode").asInt() == 0) {
          continue;
        }
        if (sidecar && container.path("started").asBoolean(false)) {
          if (container.path("ready").asBoolean(false)) {
            ready++;
          }
          continue;
        }
        if (terminated.isObject()) {
          String why = terminated.path("reason").asText("");
          reason = why.isEmpty() ? "Init:" + exitText(terminated) : "Init:" + why;
        } else if (!waiting.path("reason").asText("").isEmpty()
            && !waiting.path("reason").asText().equals("PodInitializing")) {
          reason = "Init:" + waiting.path("reason").asText();
        } else {
          reason = "Init:" + i + "/" + pod.at("/spec/initContainers").size();
        }
        initializing = true;
        break;
      }
      if (!initializing || conditionTrue(pod, "Initialized")) {
        restarts = sidecarRestarts;
        lastRestart = lastSidecarRestart;
      }
      return initializing;
    }

    /** Counts app containers from the last to the first; the first one's reason wins. */
    private void containers() {
      JsonNode statuses = pod.at("/status/containerStatuses");
      boolean hasRunning = false;
      for (int i = statuses.size() - 1; i >= 0; i--) {
        JsonNode container = statuses.get(i);
        restarts += container.path("restartCount").asInt();
        lastRestart = later(lastRestart, finishedAt(container));
        JsonNode waiting = container.at("/state/waiting");
        JsonNode terminated = container.at("/state/terminated");
        if (!waiting.path("reason").asText("").isEmpty()) {
          reason = waiting.path("reason").asText();
        } else if (!terminated.path("reason").asText("").isEmpty()) {
          reason = terminated.path("reason").asText();
        } else if (terminated.isObject()) {
          reason = exitText(terminated);
        } else if (container.path("ready").asBoolean(false)
            && container.at("/state/running").isObject()) {
          hasRunning = true;
          ready++;
        }
      }
      if (reason.equals("Completed") && hasRunning) {
        reason = conditionTrue(pod, "Ready") ? "Running" : "NotReady";
      }
    }

    private static String exitText(JsonNode terminated) {
      int signal = terminated.path("signal").asInt();
      return signal != 0 ? "Signal:" + signal : "ExitCode:" + terminated.path("exitCode").asInt();
    }

    private static Instant finishedAt(JsonNode container) {
      JsonNode finished = container.at("/lastState/terminated/finishedAt");
      return finished.isTextual() ? HumanDuration.parse(finished.asText()) : null;
    }

    private static Instant later(Instant current, Instant candidate) {
      if (candidate == null) {
        return current;
      }
      return current == null || current.isBefore(candidate) ? candidate : current;
    }
  }
}

package io.k3j.core.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.ResourceType;
import java.time.Instant;

/**
 * Graceful deletion of pods (upstream's pod strategy {@code CheckGracefulDelete}): a pod on a node
 * gets its termination grace period to stop; an unscheduled or finished pod goes at once.
 */
final class PodGrace {
  private PodGrace() {}

  static boolean applies(ResourceType type) {
    return !type.isCustom() && type.group().isEmpty() && type.plural().equals("pods");
  }

  /** The grace period a delete gives the pod, in seconds. */
  static long period(JsonNode pod, DeleteOptions options) {
    String phase = pod.path("status").path("phase").asText("");
    if (pod.path("spec").path("nodeName").asText("").isEmpty()
        || phase.equals("Succeeded")
        || phase.equals("Failed")) {
      return 0;
    }
    if (options.gracePeriodSeconds() != null) {
      return options.gracePeriodSeconds();
    }
    return pod.path("spec").path("terminationGracePeriodSeconds").asLong(0);
  }

  /** Sets deletionTimestamp to {@code start} plus the period and returns the period. */
  static long mark(ObjectNode metadata, Instant start, long seconds) {
    metadata.put("deletionTimestamp", ObjectDeleter.timestamp(start.plusSeconds(seconds)));
    metadata.put("deletionGracePeriodSeconds", seconds);
    return seconds;
  }
}

package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * autoscaling/v2 HorizontalPodAutoscalers: REFERENCE, TARGETS ({@code cpu: 40%/80%}, current over
 * target for the first two metrics), MINPODS, MAXPODS, REPLICAS.
 */
final class HorizontalPodAutoscalerPrinter {
  private static final String UNKNOWN = "<unknown>";

  private HorizontalPodAutoscalerPrinter() {}

  static Printer create() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Reference", "The scaled object."),
            Column.string("Targets", "Current and target values of the metrics."),
            Column.string("MinPods", "The lower limit of replicas."),
            Column.string("MaxPods", "The upper limit of replicas."),
            Column.string("Replicas", "The current number of replicas."),
            Column.age()),
        (o, now) ->
            List.of(
                Cells.name(o),
                Cells.text(o, "/spec/scaleTargetRef/kind")
                    + "/"
                    + Cells.text(o, "/spec/scaleTargetRef/name"),
                targets(o.at("/spec/metrics"), o.at("/status/currentMetrics")),
                Cells.text(o, "/spec/minReplicas", "<unset>"),
                Cells.number(o, "/spec/maxReplicas"),
                Cells.number(o, "/status/currentReplicas"),
                Cells.age(o, now)));
  }

  private static String targets(JsonNode specs, JsonNode statuses) {
    if (specs.size() == 0) {
      return Labels.NONE;
    }
    ShortList list = new ShortList(2);
    for (int i = 0; i < specs.size(); i++) {
      list.add(target(specs.get(i), statuses.path(i)));
    }
    return list.format(", ", "");
  }

  private static String target(JsonNode spec, JsonNode status) {
    switch (spec.path("type").asText()) {
      case "External":
        return valueTarget(spec.path("external"), status.path("external"));
      case "Object":
        return valueTarget(spec.path("object"), status.path("object"));
      case "Pods":
        return current(status.path("pods"), "averageValue")
            + "/"
            + spec.at("/pods/target/averageValue").asText("0");
      case "Resource":
        return resourceTarget(spec.path("resource"), status.path("resource"));
      case "ContainerResource":
        return resourceTarget(spec.path("containerResource"), status.path("containerResource"));
      default:
        return "<unknown type>";
    }
  }

  /** External and Object metrics: an average value target, else a value target. */
  private static String valueTarget(JsonNode spec, JsonNode status) {
    JsonNode average = spec.at("/target/averageValue");
    if (!average.isMissingNode()) {
      return current(status, "averageValue") + "/" + average.asText() + " (avg)";
    }
    return current(status, "value") + "/" + spec.at("/target/value").asText("0");
  }

  private static String resourceTarget(JsonNode spec, JsonNode status) {
    String name = spec.path("name").asText("");
    JsonNode average = spec.at("/target/averageValue");
    if (!average.isMissingNode()) {
      return name + ": " + current(status, "averageValue") + "/" + average.asText();
    }
    JsonNode utilization = status.at("/current/averageUtilization");
    JsonNode target = spec.at("/target/averageUtilization");
    return name
        + ": "
        + (utilization.isNumber() ? utilization.asLong() + "%" : UNKNOWN)
        + "/"
        + (target.isNumber() ? target.asLong() + "%" : "<auto>");
  }

  private static String current(JsonNode status, String field) {
    JsonNode value = status.path("current").path(field);
    return value.isMissingNode() || value.isNull() ? UNKNOWN : value.asText();
  }
}

package io.k3j.helm.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k3j.crds.ObjectEvents;
import io.k3j.crds.helm.v1.HelmChart;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** core/v1 Events on a HelmChart, one log line each, naming the chart. */
final class HelmChartEvents {
  static final String COMPONENT = "helm-controller";
  private static final Logger LOG = LoggerFactory.getLogger(HelmChartEvents.class);
  private final ObjectEvents events;

  HelmChartEvents(KubernetesClient client, Clock clock) {
    this.events = new ObjectEvents(client, COMPONENT, clock);
  }

  void normal(HelmChart chart, String reason, String message) {
    LOG.info("helmchart {}: {}: {}", key(chart), reason, message);
    emit(chart, "Normal", reason, message);
  }

  void warning(HelmChart chart, String reason, String message) {
    LOG.warn("helmchart {}: {}: {}", key(chart), reason, message);
    emit(chart, "Warning", reason, message);
  }

  private static String key(HelmChart chart) {
    return chart.getMetadata().getNamespace() + "/" + chart.getMetadata().getName();
  }

  private void emit(HelmChart chart, String type, String reason, String message) {
    events.record(chart, type, reason, message);
  }
}

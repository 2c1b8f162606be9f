package io.k3j.helm.internal;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.k3j.crds.helm.v1.HelmChart;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** core/v1 Events on a HelmChart, one log line each, naming the chart. */
final class HelmChartEvents {
  static final String COMPONENT = "helm-controller";
  private static final Logger LOG = LoggerFactory.getLogger(HelmChartEvents.class);
  private final KubernetesClient client;
  private final Clock clock;

  HelmChartEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
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
    String now = clock.instant().toString();
    try {
      client
          .v1()
          .events()
          .inNamespace(chart.getMetadata().getNamespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(chart.getMetadata().getName() + "." + UUID.randomUUID())
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withApiVersion(chart.getApiVersion())
                  .withKind(chart.getKind())
                  .withName(chart.getMetadata().getName())
                  .withNamespace(chart.getMetadata().getNamespace())
                  .withUid(chart.getMetadata().getUid())
                  .endInvolvedObject()
                  .withType(type)
                  .withReason(reason)
                  .withMessage(message)
                  .withNewSource(COMPONENT, null)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      // An event that cannot be written must not stop the install.
      LOG.warn("event {} on helmchart {} not recorded: {}", reason, key(chart), e.getMessage());
    }
  }
}

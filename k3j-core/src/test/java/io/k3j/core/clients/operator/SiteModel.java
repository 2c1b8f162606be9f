package io.k3j.core.clients.operator;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;

/** The Deployment and Service a {@link Site} should have: pure functions of the Site. */
final class SiteModel {
  private SiteModel() {}

  static Map<String, String> labels(Site site) {
    return Map.of("app.kubernetes.io/name", site.getMetadata().getName());
  }

  static Deployment deployment(Site site) {
    SiteSpec spec = site.getSpec();
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(site.getMetadata().getName())
        .withNamespace(site.getMetadata().getNamespace())
        .withLabels(labels(site))
        .endMetadata()
        .withNewSpec()
        .withReplicas(spec.getReplicas())
        .withNewSelector()
        .withMatchLabels(labels(site))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels(site))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("web")
        .withImage(spec.getImage())
        .addNewPort()
        .withName("http")
        .withContainerPort(spec.getPort())
        .withProtocol("TCP")
        .endPort()
        .addNewEnv()
        .withName("PORT")
        .withValue(Integer.toString(spec.getPort()))
        .endEnv()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  static Service service(Site site) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(site.getMetadata().getName())
        .withNamespace(site.getMetadata().getNamespace())
        .withLabels(labels(site))
        .endMetadata()
        .withNewSpec()
        .withSelector(labels(site))
        .addNewPort()
        .withName("http")
        .withPort(80)
        .withNewTargetPort("http")
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }
}

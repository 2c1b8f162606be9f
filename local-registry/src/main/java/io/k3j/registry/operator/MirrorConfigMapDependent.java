package io.k3j.registry.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfigBuilder;
import io.k3j.crds.registry.v1.RegistryMirror;
import java.net.URI;
import java.util.Optional;

/**
 * The ConfigMap that publishes a RegistryMirror's generated files; owned by the mirror. Its
 * informer sees only ConfigMaps carrying the operator's managed-by label: without the selector
 * every ConfigMap written anywhere in the cluster would reach the operator as a watch event.
 */
final class MirrorConfigMapDependent
    extends CRUDKubernetesDependentResource<ConfigMap, RegistryMirror> {
  private final Optional<URI> defaultEndpoint;

  MirrorConfigMapDependent(Optional<URI> defaultEndpoint) {
    super(ConfigMap.class);
    this.defaultEndpoint = defaultEndpoint;
    configureWith(
        new KubernetesDependentResourceConfigBuilder<ConfigMap>()
            .withKubernetesDependentInformerConfig(
                InformerConfiguration.builder(ConfigMap.class)
                    .withLabelSelector(MirrorModel.MANAGED_BY_LABEL + "=" + MirrorModel.MANAGED_BY)
                    .build())
            .build());
  }

  @Override
  protected ConfigMap desired(RegistryMirror mirror, Context<RegistryMirror> context) {
    return MirrorModel.configMap(
        mirror,
        MirrorModel.files(
            MirrorModel.registries(mirror), MirrorModel.target(mirror, defaultEndpoint)));
  }
}

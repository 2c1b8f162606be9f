package io.k3j.addons.internal;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/** Installs or updates the Addon CRD from the YAML generated in {@code crds/}. */
public final class AddonCrd {
  static final String RESOURCE = "/crds/addons.k3s.cattle.io-v1.yml";

  private AddonCrd() {}

  public static void install(KubernetesClient client) {
    try (InputStream yaml = AddonCrd.class.getResourceAsStream(RESOURCE)) {
      if (yaml == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      CustomResourceDefinition crd =
          client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
      var named =
          client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .withName(crd.getMetadata().getName());
      CustomResourceDefinition current = named.get();
      if (current == null) {
        client.resource(crd).create();
      } else {
        crd.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        client.resource(crd).update();
      }
      named.waitUntilCondition(
          c ->
              c != null
                  && c.getStatus() != null
                  && c.getStatus().getConditions() != null
                  && c.getStatus().getConditions().stream()
                      .anyMatch(
                          x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
          1,
          TimeUnit.MINUTES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.k3j.crds;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * Installs a CRD generated into this module's {@code /crds/} resources, or updates the one the
 * cluster has, and waits until it is Established: what every k3j operator does at start, as
 * upstream controllers install their own CRDs.
 */
public final class CrdInstaller {
  private CrdInstaller() {}

  /**
   * @param resource the class-path resource, e.g. {@code /crds/plans.upgrade.cattle.io-v1.yml}
   */
  public static void install(KubernetesClient client, String resource) {
    try (InputStream yaml = CrdInstaller.class.getResourceAsStream(resource)) {
      if (yaml == null) {
        throw new IllegalStateException(resource + " is not on the class path");
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

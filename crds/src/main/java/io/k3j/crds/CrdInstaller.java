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
  private static final long POLL_MILLIS = 20;

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
      awaitEstablished(client, crd.getMetadata().getName());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until the CRD {@code name} is Established, for at most a minute, and returns it. Polled
   * rather than watched: a watch's events make the fabric8 client build its mapping of every kind
   * it knows (hundreds of classes an idle k3j server would keep loaded), and on k3j the CRD is
   * Established a few milliseconds after it is stored.
   *
   * @throws IllegalStateException not Established within the minute, or interrupted
   */
  public static CustomResourceDefinition awaitEstablished(KubernetesClient client, String name) {
    var named = client.apiextensions().v1().customResourceDefinitions().withName(name);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    try {
      CustomResourceDefinition crd = named.get();
      while (!established(crd)) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("CRD " + name + " not Established after 1 minute");
        }
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        crd = named.get();
      }
      return crd;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for CRD " + name, e);
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}

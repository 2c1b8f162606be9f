package io.k3j.helm.internal;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.UpgradeCommand;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Helm operations through helm-java, which embeds the Go Helm library in this process: no Job and
 * no helper image. Calls are serialized, one at a time, since the library shares state between
 * calls.
 */
final class HelmReleases {
  /** What to install: the release, the chart argument (archive path or OCI ref) and options. */
  record Request(
      String name,
      String namespace,
      String chart,
      String version,
      Path valuesFile,
      boolean createNamespace,
      int timeoutSeconds,
      boolean plainHttp,
      boolean insecureSkipTlsVerify) {}

  private final Path kubeconfig;
  private final Object lock = new Object();

  HelmReleases(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  /** The release's latest record in any state, if it exists. */
  Optional<Release> find(String name, String namespace) {
    synchronized (lock) {
      return Helm.list().all().withNamespace(namespace).withKubeConfig(kubeconfig).call().stream()
          .filter(r -> name.equals(r.getName()))
          .findFirst();
    }
  }

  Release install(Request r) {
    synchronized (lock) {
      InstallCommand install =
          Helm.install(r.chart())
              .withName(r.name())
              .withNamespace(r.namespace())
              .withKubeConfig(kubeconfig)
              .withValuesFile(r.valuesFile())
              .withTimeout(r.timeoutSeconds());
      if (r.version() != null && !r.version().isBlank()) {
        install.withVersion(r.version());
      }
      if (r.createNamespace()) {
        install.createNamespace();
      }
      if (r.plainHttp()) {
        install.plainHttp();
      }
      if (r.insecureSkipTlsVerify()) {
        install.insecureSkipTlsVerify();
      }
      return install.call();
    }
  }

  Release upgrade(Request r) {
    synchronized (lock) {
      UpgradeCommand upgrade =
          Helm.upgrade(r.chart())
              .withName(r.name())
              .withNamespace(r.namespace())
              .withKubeConfig(kubeconfig)
              .withValuesFile(r.valuesFile())
              .resetValues()
              .withTimeout(r.timeoutSeconds());
      if (r.version() != null && !r.version().isBlank()) {
        upgrade.withVersion(r.version());
      }
      if (r.createNamespace()) {
        upgrade.createNamespace();
      }
      if (r.plainHttp()) {
        upgrade.plainHttp();
      }
      if (r.insecureSkipTlsVerify()) {
        upgrade.insecureSkipTlsVerify();
      }
      return upgrade.call();
    }
  }

  void uninstall(String name, String namespace) {
    synchronized (lock) {
      Helm.uninstall(name)
          .withNamespace(namespace)
          .withKubeConfig(kubeconfig)
          .ignoreNotFound()
          .call();
    }
  }
}

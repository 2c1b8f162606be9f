package io.k3j.runtime;

import io.k3j.suc.StandaloneConfig;
import io.k3j.suc.SystemUpgradeControllerMain;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code k3j system-upgrade-controller}: the standalone Plan controller ({@link
 * SystemUpgradeControllerMain}), configured by upstream's {@code SYSTEM_UPGRADE_*} variables; the
 * flags override their variables.
 */
@Command(
    name = "system-upgrade-controller",
    mixinStandardHelpOptions = true,
    description = "Run the Plan controller (upgrade.cattle.io/v1) against a cluster.")
final class SystemUpgradeControllerCommand implements Callable<Integer> {
  @Option(
      names = "--kubeconfig",
      description = "Cluster to run against [$SYSTEM_UPGRADE_CONTROLLER_KUBE_CONFIG].")
  Path kubeconfig;

  @Option(
      names = "--metrics-listen",
      description =
          "[HOST]:PORT of /metrics, /healthz and /readyz (default :8080)"
              + " [$SYSTEM_UPGRADE_CONTROLLER_METRICS_ADDRESS].")
  String metricsListen;

  @Option(
      names = "--name",
      description = "Controller name, the Jobs' label [$SYSTEM_UPGRADE_CONTROLLER_NAME].")
  String name;

  @Option(
      names = "--namespace",
      description = "Namespace of Plans and Jobs [$SYSTEM_UPGRADE_CONTROLLER_NAMESPACE].")
  String namespace;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> env = new HashMap<>(System.getenv());
    put(env, StandaloneConfig.KUBE_CONFIG, kubeconfig == null ? null : kubeconfig.toString());
    put(env, StandaloneConfig.METRICS_ADDRESS, metricsListen);
    put(env, "SYSTEM_UPGRADE_CONTROLLER_NAME", name);
    put(env, "SYSTEM_UPGRADE_CONTROLLER_NAMESPACE", namespace);
    return SystemUpgradeControllerMain.run(env);
  }

  private static void put(Map<String, String> env, String key, String value) {
    if (value != null) {
      env.put(key, value);
    }
  }
}

package io.k3j.suc;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The standalone controller: configuration from {@code SYSTEM_UPGRADE_*} variables; the cluster
 * from {@code SYSTEM_UPGRADE_CONTROLLER_KUBE_CONFIG} when set, else in-cluster or the usual
 * kubeconfig discovery. A bad setting exits with status 2 and a message naming it.
 */
public final class SystemUpgradeControllerMain {
  private SystemUpgradeControllerMain() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> env = System.getenv();
    ControllerConfig config;
    try {
      config = ControllerConfig.fromEnv(env);
    } catch (IllegalArgumentException e) {
      System.err.println("system-upgrade-controller: " + e.getMessage());
      System.exit(2);
      return;
    }
    String kubeconfig = env.get("SYSTEM_UPGRADE_CONTROLLER_KUBE_CONFIG");
    Config clientConfig =
        kubeconfig == null || kubeconfig.isBlank()
            ? Config.autoConfigure(null)
            : Config.fromKubeconfig(Files.readString(Path.of(kubeconfig)));
    KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig).build();
    SystemUpgradeController controller =
        SystemUpgradeController.start(client, config, Clock.systemUTC());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  controller.close();
                  client.close();
                }));
  }
}

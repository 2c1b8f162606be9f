package io.k3j.suc;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone controller: configuration from {@code SYSTEM_UPGRADE_*} variables (see {@link
 * ControllerConfig} and {@link StandaloneConfig}); the cluster from {@code
 * SYSTEM_UPGRADE_CONTROLLER_KUBE_CONFIG} when set, else in-cluster or the usual kubeconfig
 * discovery; {@code /metrics}, {@code /healthz} and {@code /readyz} on {@code
 * SYSTEM_UPGRADE_CONTROLLER_METRICS_ADDRESS} (default {@code :8080}). A bad setting exits with
 * status 2 and a message naming it; an address that cannot be bound exits with status 1.
 */
public final class SystemUpgradeControllerMain {
  private SystemUpgradeControllerMain() {}

  public static void main(String[] args) throws InterruptedException {
    System.exit(run(System.getenv()));
  }

  /**
   * Runs the controller with the settings in {@code env} until the JVM shuts down, then returns 0;
   * returns 2 at once for a bad setting and 1 when it cannot start.
   */
  public static int run(Map<String, String> env) throws InterruptedException {
    StandaloneController controller;
    try {
      controller = StandaloneController.start(StandaloneConfig.fromEnv(env), Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      System.err.println("system-upgrade-controller: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) { // cannot listen, or cannot reach the cluster
      System.err.println("system-upgrade-controller: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  controller.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }
}

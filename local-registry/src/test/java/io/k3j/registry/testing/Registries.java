package io.k3j.registry.testing;

import io.k3j.registry.LocalRegistry;
import io.k3j.registry.RegistryConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Starts a local registry on a free loopback port. */
public final class Registries {
  private Registries() {}

  public static LocalRegistry start(Path dataDir, Map<String, String> extra) throws Exception {
    return start(dataDir, extra, Clock.systemUTC());
  }

  public static LocalRegistry start(Path dataDir, Map<String, String> extra, Clock clock)
      throws Exception {
    Map<String, String> settings = new HashMap<>();
    settings.put(RegistryConfig.LISTEN, "127.0.0.1:0");
    settings.put(RegistryConfig.DATA_DIR, dataDir.toString());
    settings.put(RegistryConfig.GC_INTERVAL, "1h");
    settings.putAll(extra);
    return LocalRegistry.start(RegistryConfig.fromMap(settings), clock);
  }

  public static String url(LocalRegistry registry) {
    return "http://127.0.0.1:" + registry.address().getPort();
  }

  public static String hostPort(LocalRegistry registry) {
    return "127.0.0.1:" + registry.address().getPort();
  }
}
